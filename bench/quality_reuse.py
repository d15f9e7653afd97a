"""Reuse quality: a planted-reuse benchmark made from the AllSides corpus (the real reuse of
the whole corpus is read with bench/reuse_reading.py).

    python bench/quality_reuse.py                    # the planted benchmark (seed 15)

Planted: from `--base` articles drawn at random (fixed seed), `--plants` passages of 50 to
1,500 characters (uniform, cut at word boundaries) are copied from a source article into a
target article of another outlet, between two of its paragraphs: verbatim, or with 5%, 10% or
20% of the words edited (substituted by a word of another article, dropped, or a word added),
plus punctuation and quotation-mark changes (curly and straight quotes swapped, commas dropped
or added). Every article is a source or a target at most once. The reuse pass runs over the
base corpus with the plants in it, and each plant is scored on its own pair of articles:
character-level precision and recall of the found passages on both sides (the planted span in
the target, the copied span in the source), and the direction (the source has the earlier
date; plants whose dates differ). Found passages of any kind count (a planted quotation is
still found, though the table calls it "quotation").
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "allsides" / "articles.jsonl.gz"
SEED = 15
EDIT_RATES = (0.0, 0.05, 0.10, 0.20)
_WORD = re.compile(r"\S+")


def load(path: Path) -> pd.DataFrame:
    from analysis.ingest import load_corpus

    return load_corpus(path).articles


# -- planting -------------------------------------------------------------------------------

def pick_passage(text: str, length: int, rng: np.random.Generator) -> tuple[int, int] | None:
    """A span of about `length` characters that starts and ends at word boundaries."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words or words[-1][1] - words[0][0] < length:
        return None
    starts = np.array([w[0] for w in words])
    ends = np.array([w[1] for w in words])
    first = int(rng.integers(0, max(1, np.searchsorted(starts, ends[-1] - length))))
    last = int(np.searchsorted(ends, starts[first] + length))
    if last >= len(words):
        return None
    return int(starts[first]), int(ends[last])


def edit(passage: str, rate: float, donor: list[str], rng: np.random.Generator) -> str:
    """About `rate` of the words substituted, dropped or joined by another word, then
    punctuation and quotation marks changed."""
    out = []
    for word in passage.split(" "):
        if rng.random() >= rate:
            out.append(word)
            continue
        action = rng.integers(0, 3)
        if action == 0:  # substituted
            out.append(str(rng.choice(donor)))
        elif action == 2:  # a word added after it
            out += [word, str(rng.choice(donor))]
        # action 1: dropped
    text = " ".join(w for w in out if w)
    swaps = {"“": '"', "”": '"', "’": "'", '"': "“"}
    text = "".join(swaps.get(c, c) if rng.random() < 0.5 else c for c in text)
    text = re.sub(r",", lambda m: "" if rng.random() < 0.3 else ",", text)
    return re.sub(r"(\w) (\w)", lambda m: f"{m[1]}, {m[2]}" if rng.random() < 0.02
                  else m[0], text)


def plant(articles: pd.DataFrame, n_plants: int, rng: np.random.Generator
          ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles with passages planted, and one row per plant."""
    texts = articles["text"].astype(str).tolist()
    outlets = articles["outlet"].astype(str).tolist()
    dates = articles["published"].tolist()
    order = rng.permutation(len(articles))
    used: set[int] = set()
    plants = []
    for s in order:
        if len(plants) >= n_plants:
            break
        if s in used or pd.isna(dates[s]):
            continue
        # a target of another outlet, published later (so direction can be checked)
        targets = [t for t in rng.permutation(len(articles))[:200]
                   if t not in used and t != s and outlets[t] != outlets[s]
                   and not pd.isna(dates[t]) and dates[t] > dates[s] and "\n" in texts[t]]
        if not targets:
            continue
        t = int(targets[0])
        length = int(rng.integers(50, 1501))
        span = pick_passage(texts[s], length, rng)
        if span is None:
            continue
        rate = float(EDIT_RATES[len(plants) % len(EDIT_RATES)])
        donor = texts[int(rng.integers(0, len(texts)))].split()
        copied = texts[s][span[0]:span[1]]
        inserted = edit(copied, rate, donor, rng) if rate else copied
        breaks = [m.end() for m in re.finditer(r"\n+", texts[t])]
        at = int(rng.choice(breaks))
        texts[t] = texts[t][:at] + inserted + "\n\n" + texts[t][at:]
        used.update({int(s), t})
        plants.append({"source": articles["article_id"].iat[s],
                       "target": articles["article_id"].iat[t], "rate": rate,
                       "source_start": span[0], "source_end": span[1], "target_start": at,
                       "target_end": at + len(inserted), "chars": len(copied)})
    planted = articles.copy()
    planted["text"] = pd.array(texts, dtype="string")
    return planted, pd.DataFrame(plants)


# -- scoring --------------------------------------------------------------------------------

def overlap(spans: list[tuple[int, int]], lo: int, hi: int) -> tuple[int, int]:
    """(characters covered by the spans, of which inside [lo, hi)), overlaps counted once."""
    covered = inside = 0
    reach = -1
    for start, end in sorted(spans):
        start = max(start, reach)
        if end <= start:
            continue
        covered += end - start
        inside += max(0, min(end, hi) - max(start, lo))
        reach = end
    return covered, inside


def score(plants: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for p in plants.itertuples(index=False):
        found = table[((table["source_id"] == p.source) & (table["target_id"] == p.target))
                      | ((table["source_id"] == p.target) & (table["target_id"] == p.source))]
        predicted = gold = hit = 0
        for article, lo, hi in ((p.target, p.target_start, p.target_end),
                                (p.source, p.source_start, p.source_end)):
            spans = [(s, e) for side in ("source", "target")
                     for a, s, e in zip(found[f"{side}_id"], found[f"{side}_start"],
                                        found[f"{side}_end"], strict=True) if a == article]
            covered, inside = overlap(spans, lo, hi)
            predicted, gold, hit = predicted + covered, gold + hi - lo, hit + inside
        rows.append({"rate": p.rate, "chars": p.chars, "predicted": predicted, "gold": gold,
                     "hit": hit, "direction_ok": bool((found["source_id"] == p.source).all())
                     if len(found) else None,
                     "quotation": bool((found["kind"] == "quotation").any())})
    return pd.DataFrame(rows)


def report(scored: pd.DataFrame) -> None:
    print(f"{'edits':>6} {'plants':>7} {'precision':>10} {'recall':>7} {'found':>6} "
          f"{'direction':>10}")
    for rate, group in [*scored.groupby("rate"), ("all", scored)]:
        found = group[group["predicted"] > 0]
        precision = group["hit"].sum() / max(group["predicted"].sum(), 1)
        recall = group["hit"].sum() / max(group["gold"].sum(), 1)
        direction = found["direction_ok"].mean() if len(found) else float("nan")
        label = f"{rate:.0%}" if rate != "all" else "all"
        print(f"{label:>6} {len(group):>7} {precision:>10.3f} {recall:>7.3f} "
              f"{len(found) / len(group):>6.2f} {direction:>10.3f}")
    short = scored[scored["chars"] < 200]
    print(f"passages under 200 characters: {len(short)}, recall "
          f"{short['hit'].sum() / max(short['gold'].sum(), 1):.3f}; planted passages the table "
          f"calls quotations: {int(scored['quotation'].sum())}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--base", type=int, default=4000, help="articles in the planted corpus")
    parser.add_argument("--plants", type=int, default=400)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args(argv)
    from analysis.reuse import LocalReuse, find_reuse

    rng = np.random.default_rng(args.seed)
    articles = load(args.corpus)
    print(f"corpus {args.corpus.name}: {len(articles):,} articles; seed {args.seed}; "
          f"{os.cpu_count()} cores")
    base = articles.iloc[np.sort(rng.choice(len(articles), size=min(args.base, len(articles)),
                                            replace=False))].reset_index(drop=True)
    planted, plants = plant(base, args.plants, rng)
    started = time.perf_counter()
    with LocalReuse(n_process=args.n_process) as engine:
        table = find_reuse(planted, engine=engine)
    print(f"planted: {len(plants)} plants in {len(base):,} articles; reuse pass "
          f"{time.perf_counter() - started:.1f} s, {len(table):,} rows")
    report(score(plants, table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
