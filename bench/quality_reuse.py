"""Reuse quality: a planted-reuse benchmark made from the AllSides corpus, and the real reuse
of the whole corpus read by a person.

    python bench/quality_reuse.py                    # the planted benchmark (seed 15)
    python bench/quality_reuse.py --real             # also the whole corpus: the 20 largest
                                                     # clusters and the 30-pair reading sample

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

Real: the reuse table of the whole corpus; a cluster is one text reused: passages joined by
reuse rows, the overlapping passages of one article being one (quotations both articles
print are left out). 30 pairs drawn at random are written to bench/data/reuse_sample.csv;
bench/data/reuse_verdicts.csv holds the verdicts of reading them (pair, verdict, note), and
their counts are printed when it exists.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "allsides" / "articles.jsonl.gz"
DATA = REPO / "bench" / "data"
SEED = 15
EDIT_RATES = (0.0, 0.05, 0.10, 0.20)
_WORD = re.compile(r"\S+")


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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


# -- the real corpus ------------------------------------------------------------------------

def clusters(table: pd.DataFrame, articles: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Passages that are one text reused (Passim's clusters): each row joins its source span
    and its target span, and the overlapping spans of one article are one. Those across
    outlets, the most articles first."""
    spans = pd.concat([
        pd.DataFrame({"row": np.arange(len(table)), "article": table[f"{side}_id"].to_numpy(),
                      "start": table[f"{side}_start"].to_numpy(),
                      "end": table[f"{side}_end"].to_numpy(), "side": side})
        for side in ("source", "target")], ignore_index=True)
    spans = spans.sort_values(["article", "start"], ignore_index=True)
    reach = spans.groupby("article")["end"].cummax().groupby(spans["article"]).shift(1)
    spans["segment"] = (spans["article"].ne(spans["article"].shift())
                        | (spans["start"] >= reach.fillna(-1))).cumsum()
    parent = list(range(int(spans["segment"].max()) + 1))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    ends = spans.pivot(index="row", columns="side", values="segment")
    for s, t in zip(ends["source"], ends["target"], strict=True):
        parent[root(int(s))] = root(int(t))
    spans["cluster"] = [root(int(k)) for k in spans["segment"]]
    meta = articles.set_index("article_id")
    spans["outlet"] = meta["outlet"].reindex(spans["article"]).to_numpy()
    spans["length"] = spans["end"] - spans["start"]
    out = spans.groupby("cluster").agg(articles=("article", "nunique"),
                                       outlets=("outlet", "nunique"), longest=("length", "max"))
    out = out[out["outlets"] > 1].sort_values(["articles", "longest"], ascending=False).head(top)
    longest = spans.sort_values("length", ascending=False).drop_duplicates("cluster")
    longest = longest.set_index("cluster").reindex(out.index)
    out["passage"] = [meta.at[a, "text"][s:e][:90] for a, s, e in
                      zip(longest["article"], longest["start"], longest["end"], strict=True)]
    return out.reset_index(drop=True)


def sample_pairs(table: pd.DataFrame, articles: pd.DataFrame, n: int,
                 rng: np.random.Generator) -> pd.DataFrame:
    pairs = table.groupby(["source_id", "target_id"], as_index=False).agg(
        passages=("kind", "size"), chars=("chars", "sum"), kinds=("kind", lambda k: "|".join(
            sorted(set(k)))), direction=("direction", "first"), credit=("credit", "first"))
    chosen = pairs.iloc[np.sort(rng.choice(len(pairs), size=min(n, len(pairs)), replace=False))]
    meta = articles.set_index("article_id")
    texts = meta["text"]
    out = []
    for k, p in enumerate(chosen.itertuples(index=False)):
        rows = table[(table["source_id"] == p.source_id) & (table["target_id"] == p.target_id)]
        first = rows.sort_values("chars", ascending=False).iloc[0]
        out.append({"pair": k + 1, "source_outlet": meta.at[p.source_id, "outlet"],
                    "target_outlet": meta.at[p.target_id, "outlet"],
                    "source_title": meta.at[p.source_id, "title"],
                    "target_title": meta.at[p.target_id, "title"], "passages": p.passages,
                    "chars": p.chars, "kinds": p.kinds, "direction": p.direction,
                    "credit": p.credit,
                    "source_passage": texts[p.source_id][first.source_start:first.source_end],
                    "target_passage": texts[p.target_id][first.target_start:first.target_end],
                    "source_id": p.source_id, "target_id": p.target_id})
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--base", type=int, default=4000, help="articles in the planted corpus")
    parser.add_argument("--plants", type=int, default=400)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--real", action="store_true", help="also the whole corpus")
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
    if args.real:
        real(articles, args, rng)
    return 0


def real(articles: pd.DataFrame, args: argparse.Namespace, rng: np.random.Generator) -> None:
    from analysis.reuse import LocalReuse, find_reuse

    started, cpu = time.perf_counter(), cpu_seconds()
    with LocalReuse(n_process=args.n_process) as engine:
        table = find_reuse(articles, engine=engine)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nreal: {len(articles):,} articles, reuse pass {seconds:.1f} s wall, {cpu:.1f} s "
          f"CPU ({args.n_process} processes), peak RSS {peak:,.0f} MB; {len(table):,} rows: "
          + ", ".join(f"{k} {v:,}" for k, v in table["kind"].value_counts().items()))
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    print("the 20 largest clusters across outlets:")
    print(clusters(table[table["kind"] != "quotation"], articles).to_string())
    sample = sample_pairs(table[table["kind"] != "quotation"], articles, 30, rng)
    DATA.mkdir(parents=True, exist_ok=True)
    sample.to_csv(DATA / "reuse_sample.csv", index=False)
    verdicts = DATA / "reuse_verdicts.csv"
    if verdicts.exists():
        read = pd.read_csv(verdicts)
        print("reading check of the 30 sampled pairs: "
              + ", ".join(f"{k} {v}" for k, v in read["verdict"].value_counts().items()))


if __name__ == "__main__":
    sys.exit(main())
