"""Quotation attribution quality on the gold set of bench/data/quotes (dev and test).

    python bench/quality_quotes.py                  # both splits: ours and the naive baseline
    python bench/quality_quotes.py --split dev --errors     # what ours misses and adds on dev

The gold articles are built with the project's own pipeline (`build_store` on a JSONL of them:
import, spaCy, entities, quotes), so the scores are those of the app. It prints, per split:
- precision, recall and F1 of attribution contents: a prediction matches a gold attribution
  when they share at least half of the word tokens of each (the content parts, the words of the
  speaker and cue between the parts of a split quote left out); one-to-one, best overlap first.
  Apart for direct, indirect and mixed gold attributions (recall over the gold ones of that
  kind, precision over the predictions of that kind), for indirect and mixed together, and all;
- speaker accuracy among matched attributions: the predicted speaker (its canonical entity's
  name, the description a pronoun refers back to, or its text) names the gold speaker: the
  significant words of one are all in the other ("Wang" and "Wang Wenbin" match, "Wang Yi" and
  "Wang Wenbin" do not);
- the naive baseline: text in double quotation marks of at least three words, direct, its
  speaker the nearest PERSON or ORG mention outside it;
- quotes/s: attributions found per second by the sources step alone (analysis.sources), over
  the gold articles' tables, best of 5 runs.
Rules are tuned on dev; test is for reporting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "data" / "quotes" / "gold.jsonl"
TOKEN = re.compile(r"\w+")
KINDS = ("direct", "indirect", "mixed")
NAME_NOISE = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "sen", "rep", "gen", "maj", "col",
              "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson"}


@dataclass(frozen=True)
class Item:
    kind: str
    tokens: frozenset[tuple[int, int]]
    speaker: str | None
    parts: tuple[tuple[int, int], ...]


def tokens(text: str, parts) -> frozenset[tuple[int, int]]:
    return frozenset(m.span() for s, e in parts for m in TOKEN.finditer(text, s, e))


def name_words(name: str | None) -> set[str]:
    if not name:
        return set()
    words = {w.lower().removesuffix("’s").removesuffix("'s") for w in TOKEN.findall(name)}
    return words - NAME_NOISE - {"s"}


def same_speaker(predicted: str | None, gold: str) -> bool:
    p, g = name_words(predicted), name_words(gold)
    return bool(p) and bool(g) and (p <= g or g <= p)


def match(predicted: list[Item], gold: list[Item]) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction, gold) sharing half of each one's tokens, best first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = len(p.tokens & g.tokens)
            if shared and shared >= 0.5 * len(p.tokens) and shared >= 0.5 * len(g.tokens):
                pairs.append((shared / len(p.tokens | g.tokens), i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


class Score:
    def __init__(self) -> None:
        self.gold = Counter()
        self.predicted = Counter()
        self.found = Counter()  # matched gold, by gold kind
        self.right = Counter()  # matched predictions, by predicted kind
        self.speakers = 0
        self.speakers_right = 0

    def add(self, predicted: list[Item], gold: list[Item]) -> list[tuple[int, int]]:
        pairs = match(predicted, gold)
        self.gold.update(g.kind for g in gold)
        self.predicted.update(p.kind for p in predicted)
        for i, j in pairs:
            self.found[gold[j].kind] += 1
            self.right[predicted[i].kind] += 1
            if gold[j].speaker:
                self.speakers += 1
                self.speakers_right += same_speaker(predicted[i].speaker, gold[j].speaker)
        return pairs

    def prf(self, kinds: tuple[str, ...]) -> tuple[float, float, float, int]:
        gold = sum(self.gold[k] for k in kinds)
        predicted = sum(self.predicted[k] for k in kinds)
        recall = sum(self.found[k] for k in kinds) / gold if gold else 0.0
        precision = sum(self.right[k] for k in kinds) / predicted if predicted else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, gold

    def lines(self, label: str) -> list[str]:
        out = [f"  {label}"]
        for name, kinds in (("direct", ("direct",)), ("indirect", ("indirect",)),
                            ("mixed", ("mixed",)), ("indirect+mixed", ("indirect", "mixed")),
                            ("all", KINDS)):
            p, r, f, n = self.prf(kinds)
            if not sum(self.predicted[k] for k in kinds):  # nothing predicted of this kind
                out.append(f"    {name:15} P   -    R {r:.3f}  F1   -     (gold {n}; none "
                           "predicted of this kind)")
                continue
            out.append(f"    {name:15} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (gold {n})")
        accuracy = self.speakers_right / self.speakers if self.speakers else 0.0
        out.append(f"    speaker accuracy {accuracy:.3f} ({self.speakers_right} of "
                   f"{self.speakers} matched with a gold speaker)")
        return out


def gold_items(record: dict) -> list[Item]:
    return [Item(a["kind"], tokens(record["text"], a["content"]), a["speaker_name"],
                 tuple(map(tuple, a["content"])))
            for a in record["attributions"]]


def build(records: list[dict], store: Path):
    """The gold articles through the project's build; tables and article ids by gold id."""
    from analysis.build import build_store

    corpus = store.parent / "gold.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({"ID": r["id"], "source": r["outlet"], "title": r["title"],
                                 "content_original": r["text"]}, ensure_ascii=False) + "\n")
    tables = build_store(corpus, store, force=True).tables
    by_text = dict(zip(tables.articles["text"].tolist(), tables.articles["article_id"].tolist(),
                       strict=True))
    return tables, {r["id"]: by_text[r["text"]] for r in records}


def our_items(tables, article_id: str, text: str) -> list[Item]:
    from analysis.sources import parse_parts

    quotes = tables.quotes[tables.quotes["article_id"] == article_id]
    return [Item(q.kind, tokens(text, parse_parts(q.parts)),
                 None if pd.isna(q.speaker_name) else q.speaker_name,
                 tuple(parse_parts(q.parts)))
            for q in quotes.itertuples(index=False)]


NAIVE_QUOTE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def naive_items(tables, article_id: str, text: str) -> list[Item]:
    mentions = tables.mentions[(tables.mentions["article_id"] == article_id)
                               & tables.mentions["label"].isin(["PERSON", "ORG"])]
    spans = list(zip(mentions["start"].tolist(), mentions["end"].tolist(),
                     mentions["text"].tolist(), strict=True))
    out = []
    for found in NAIVE_QUOTE.finditer(text):
        start, end = found.span(1)
        if len(TOKEN.findall(found.group(1))) < 3:
            continue
        outside = [(min(abs(s - end), abs(start - e)), t) for s, e, t in spans
                   if e <= start or s >= end]
        speaker = min(outside)[1] if outside else None
        out.append(Item("direct", tokens(text, [(start, end)]), speaker, ((start, end),)))
    return out


def quotes_per_second(tables, repeat: int = 5) -> tuple[float, float, int]:
    from analysis.sources import find_quotes

    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        found = find_quotes(tables.articles, tables.sentences, tables.mentions, tables.entities)
        best = min(best, time.perf_counter() - started)
    return len(found) / best, len(tables.articles) / best, len(found)


def show_errors(record: dict, predicted: list[Item], gold: list[Item], pairs) -> None:
    text = record["text"]
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    print(f"# {record['id']} ({record['outlet']})")
    for j, g in enumerate(gold):
        if j not in matched_g:
            print(f"  MISSED {g.kind[0].upper()} [{g.speaker}] "
                  + " | ".join(text[s:e] for s, e in g.parts)[:150])
    for i, p in enumerate(predicted):
        if i not in matched_p:
            print(f"  EXTRA  {p.kind[0].upper()} [{p.speaker}] "
                  + " | ".join(text[s:e] for s, e in p.parts)[:150])
    for i, j in pairs:
        if gold[j].speaker and not same_speaker(predicted[i].speaker, gold[j].speaker):
            print(f"  SPEAKER {predicted[i].speaker!r} != {gold[j].speaker!r}: "
                  + " | ".join(text[s:e] for s, e in gold[j].parts)[:90])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="print misses and extras")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    with tempfile.TemporaryDirectory(prefix="bench-quotes-") as tmp:
        tables, ids = build(records, Path(tmp) / "store")
    for split in splits:
        ours, naive = Score(), Score()
        for record in (r for r in records if r["split"] == split):
            gold = gold_items(record)
            predicted = our_items(tables, ids[record["id"]], record["text"])
            pairs = ours.add(predicted, gold)
            naive.add(naive_items(tables, ids[record["id"]], record["text"]), gold)
            if args.errors:
                show_errors(record, predicted, gold, pairs)
        n = sum(1 for r in records if r["split"] == split)
        print(f"{split}: {n} articles")
        print("\n".join(ours.lines("ours (analysis.sources)")))
        print("\n".join(naive.lines("naive baseline (quoted text of 3+ words, nearest "
                                    "PERSON/ORG)")))
    per_quote, per_article, found = quotes_per_second(tables)
    print(f"speed: {per_quote:,.0f} quotes/s, {per_article:,.0f} articles/s "
          f"({found} attributions in {len(tables.articles)} articles, sources step only, "
          "best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
