"""Build throughput: raw spaCy (ner + senter) against our whole build, on the same texts.

    python bench/build.py                 # the first 1,000 articles of articles_international
    python bench/build.py --sample 200    # fewer
    python bench/build.py --full          # all 5,129
    python bench/build.py --engine dask   # our build on a LocalCluster of --n-process workers
    python bench/build.py --model DIR     # another spaCy model (a package or a model folder)

Both sides run in fresh child processes, one after the other, on the texts our corpus importer
makes of the sample (so the words are the same):
- raw: load the fast pipeline, then `nlp.pipe(texts, n_process=N, batch_size=B)`, consuming
  every Doc (nothing else);
- ours: `build_store` from the sample file with an empty annotation cache: import, spaCy,
  VADER, places, entities, Parquet store, everything.
Words/s are the corpus's words over wall-clock seconds from the model load (raw) or the
build call (ours) to the end. CPU seconds (this child and its workers) are printed too: on a
shared machine they move less than wall-clock time. The target is ours/raw >= 0.85.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "corpora" / "allsides" / "articles_international.jsonl.gz"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def write_sample(source: Path, n: int | None, out: Path) -> int:
    """The first `n` lines (all when None) of a JSONL(.gz) file, as a .jsonl.gz file."""
    opener = gzip.open if source.name.endswith(".gz") else open
    count = 0
    with opener(source, "rt", encoding="utf-8") as src, gzip.open(out, "wt",
                                                                  encoding="utf-8") as dst:
        for line in src:
            if n is not None and count >= n:
                break
            if line.strip():
                dst.write(line)
                count += 1
    return count


def run_raw(sample: Path, n_process: int, batch_size: int, model: str | None = None) -> dict:
    from analysis.annotate import load_nlp
    from analysis.ingest import load_corpus

    corpus = load_corpus(sample)
    texts = corpus.articles["text"].tolist()
    words = int(corpus.articles["n_words"].sum())
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    nlp = load_nlp(model)
    nlp.max_length = max(nlp.max_length, max(map(len, texts)) + 1)
    ents = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        ents += len(doc.ents)
    seconds = time.perf_counter() - t0
    return {"words": words, "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu0,
            "articles": len(texts), "ents": ents}


def run_ours(sample: Path, n_process: int, batch_size: int | None, engine: str,
             scheduler: str | None, keep_cache: Path | None = None,
             model: str | None = None) -> dict:
    from analysis.build import build_store

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        cpu0, t0 = cpu_seconds(), time.perf_counter()
        result = build_store(sample, Path(tmp) / "store", n_process=n_process, force=True,
                             model=model,
                             cache_dir=keep_cache or Path(tmp) / "annotations", engine=engine,
                             scheduler=scheduler, batch_size=batch_size)
        seconds = time.perf_counter() - t0
        cpu = cpu_seconds() - cpu0
    m = result.manifest
    return {"words": m["words"], "seconds": seconds, "cpu_seconds": cpu,
            "articles": m["rows"]["articles"], "stages": m.get("stage_seconds", {}),
            "engine": m.get("engine"), "rows": m["rows"]}


def child(kind: str, args: argparse.Namespace, sample: Path) -> dict:
    """Run one side in a fresh interpreter and read back its JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_child", kind, "--_sample",
           str(sample), "--n-process", str(args.n_process), "--engine", args.engine]
    if args.batch_size:
        cmd += ["--batch-size", str(args.batch_size)]
    if args.scheduler:
        cmd += ["--scheduler", args.scheduler]
    if args.keep_cache:
        cmd += ["--keep-cache", str(args.keep_cache)]
    if args.model:
        cmd += ["--model", args.model]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--sample", type=int, default=1000, help="first N articles")
    parser.add_argument("--full", action="store_true", help="every article of --source")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=None,
                        help="nlp.pipe batch size (raw default 64; ours: the worker's BATCH_SIZE)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", help="tcp://host:8786 for --engine dask")
    parser.add_argument("--ours-first", action="store_true", help="run our build first")
    parser.add_argument("--keep-cache", type=Path,
                        help="an empty folder for our build's annotation cache, kept afterwards "
                             "(bench/incremental.py --cache-dir can then start warm)")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON-lines file")
    parser.add_argument("--model", help="the spaCy model (a package name or a model folder) "
                                        "for both sides; default: the project's")
    parser.add_argument("--_child", choices=("raw", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--_sample", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args._child == "raw":
        print(json.dumps(run_raw(args._sample, args.n_process, args.batch_size or 64,
                                 args.model)))
        return 0
    if args._child == "ours":
        print(json.dumps(run_ours(args._sample, args.n_process, args.batch_size, args.engine,
                                  args.scheduler, args.keep_cache, args.model)))
        return 0

    if not args.source.exists():
        print(f"no corpus at {args.source} (../shared is needed)", file=sys.stderr)
        return 2
    if args.keep_cache and args.keep_cache.exists() and any(args.keep_cache.iterdir()):
        print(f"--keep-cache {args.keep_cache} is not empty: the build would not be measured "
              "from scratch", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-sample-") as tmp:
        sample = Path(tmp) / "sample.jsonl.gz"
        n = write_sample(args.source, None if args.full else args.sample, sample)
        print(f"{n:,} articles from {args.source.name}; n_process={args.n_process}; "
              f"engine={args.engine}; {os.cpu_count()} CPUs; load now "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        order = ("ours", "raw") if args.ours_first else ("raw", "ours")
        res = {}
        for kind in order:
            res[kind] = child(kind, args, sample)
            r = res[kind]
            print(f"{kind:5} {r['words']:>10,} words {r['seconds']:>8.1f} s "
                  f"{r['words'] / r['seconds']:>8,.0f} words/s   CPU {r['cpu_seconds']:>7.1f} s "
                  f"({r['words'] / r['cpu_seconds']:,.0f} words per CPU-second)", flush=True)
    raw, ours = res["raw"], res["ours"]
    ratio = (ours["words"] / ours["seconds"]) / (raw["words"] / raw["seconds"])
    cpu_ratio = raw["cpu_seconds"] / ours["cpu_seconds"]
    print(f"ratio ours/raw words/s: {ratio:.3f}   (target >= 0.85; CPU-time ratio "
          f"{cpu_ratio:.3f})")
    print("our stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in ours["stages"].items()))
    places = sum(ours["stages"].get(k, 0.0) for k in ("place recognition", "places"))
    print(f"places (recognition + resolution): {places:.2f} s, "
          f"{100 * places / ours['seconds']:.1f}% of our build (target < 10%)")
    if args.json:
        record = {"date": date.today().isoformat(), "machine": platform.node(),
                  "cpus": os.cpu_count(), "articles": n, "n_process": args.n_process,
                  "engine": args.engine, "raw": raw, "ours": ours, "ratio": ratio,
                  "cpu_ratio": cpu_ratio}
        with args.json.open("a") as fh:
            fh.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
