"""Reuse pass speed on the whole AllSides corpus: from nothing, again, and with one article added.

    python bench/reuse.py                         # all 37,554 articles, 2 processes
    python bench/reuse.py --sample 5000 --n-process 1
    python bench/reuse.py --store /work/stores/all5 --save reuse.parquet
                  # a built store's tables (body segments only, rewritten sentences); the
                  # table kept for bench/reuse_reading.py

With `--store`, the articles, sentences (with their kinds) and mentions are read from a
store's Parquet files, as the build hands them to the reuse step; the time is that step's
alone. Three passes share one pair cache (a temporary folder):
1. cold: the shingle index, candidate pairs and every check;
2. warm: the same corpus again (every check comes from the cache);
3. one more article (a copy of one article's opening under another outlet, with its own
   ending): only the pairs it is in are checked.
Then the near-duplicate flags of the corpus (the build's `duplicates` table), timed apart.
Wall-clock and CPU seconds (this process and its workers) are printed: the machine may be
shared, and CPU seconds move less than wall-clock time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "allsides" / "articles.jsonl.gz"


def cpu_seconds() -> float:
    """CPU seconds of this process and its children, the live pool workers included
    (getrusage counts only children that have ended)."""
    import psutil  # a dependency of dask's distributed

    own = resource.getrusage(resource.RUSAGE_SELF)
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            live += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime + live


def timed(label: str, function):
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = function()
    print(f"{label:<44} {time.perf_counter() - wall:>8.1f} s wall {cpu_seconds() - cpu:>8.1f} s "
          f"CPU", flush=True)
    return result


def store_tables(store: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What the build hands the reuse step: articles with their texts, sentences, mentions."""
    from analysis.tables.store import load_table

    articles = load_table(store, "articles", columns=["article_id", "outlet", "published", "source",
                                                        "text"])
    articles["n_chars"] = articles["text"].str.len()
    sentences = load_table(store, "sentences",
                           columns=["article_id", "sentence_id", "start", "end", "kind"])
    mentions = load_table(store, "mentions", columns=["article_id", "sentence_id", "entity_id"])
    return articles, sentences, mentions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--store", type=Path, help="a built store: its tables, not the corpus")
    parser.add_argument("--sample", type=int, help="the first N articles only")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write the cold pass's table (Parquet) here")
    parser.add_argument("--cold-only", action="store_true", help="no warm nor one-added pass")
    args = parser.parse_args(argv)
    from analysis.ingest import load_corpus
    from analysis.reuse import LocalReuse, PairCache, duplicates_table, find_reuse

    @dataclass
    class Counting(LocalReuse):
        pairs: list = field(default_factory=list)

        def check(self, chunks, on_checked):
            self.pairs.append(sum(len(c.pairs) for c in chunks))
            super().check(chunks, on_checked)

    sentences = mentions = None
    if args.store:
        articles, sentences, mentions = timed("read the store's tables",
                                              lambda: store_tables(args.store))
    else:
        articles = timed("import the corpus", lambda: load_corpus(args.corpus).articles)
    if args.sample:
        articles = articles.head(args.sample).reset_index(drop=True)
    tables = {"sentences": sentences, "mentions": mentions}
    print(f"{len(articles):,} articles, {int(articles['n_chars'].sum()):,} characters; "
          f"{args.n_process} processes")
    late = articles.iloc[[0]].copy()
    late["article_id"], late["outlet"] = "bench-late", "Bench Late Edition"
    late["text"] = late["text"].str.slice(0, 1500) + "\n\nA new ending written for the bench."
    grown = pd.concat([late, articles], ignore_index=True)
    passes = [("cold", articles), ("warm (all checks cached)", articles),
              ("one article added", grown)][:1 if args.cold_only else 3]
    with tempfile.TemporaryDirectory() as tmp, Counting(n_process=args.n_process) as engine:
        cache = PairCache(Path(tmp), "bench")
        found = [timed(f"reuse pass, {label}", lambda corpus=corpus: find_reuse(
            corpus, engine=engine, cache=cache, **tables)) for label, corpus in passes]
    table = found[0]
    if args.save:
        table.to_parquet(args.save, index=False)
    print("pairs checked: " + ", ".join(f"{label.split(' (')[0]} {n:,}" for (label, _), n in
                                        zip(passes, engine.pairs, strict=True))
          + "; rows " + ", then ".join(f"{len(t):,}" for t in found) + ": "
          + ", ".join(f"{k} {v:,}" for k, v in table["kind"].value_counts().items()))
    flags = timed("near-duplicate flags (duplicates table)", lambda: duplicates_table(articles))
    print(f"{len(flags):,} duplicate flags; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
