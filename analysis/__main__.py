"""Command line: `python -m analysis build [CORPUS] --out DIR`, `export` and `cache`.

    python -m analysis build CORPUS --out DIR                              # this machine
    python -m analysis build CORPUS --out DIR --engine dask --n-process 4  # a LocalCluster
    python -m analysis build CORPUS --out DIR --scheduler tcp://HOST:8786  # a Dask cluster
    python -m analysis cache [--clear]                # the per-article annotation cache
"""

from __future__ import annotations

import argparse
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from analysis.annotate import ENGINES, cache_admin
from analysis.annotate.cache import default_cache_dir, default_max_bytes
from analysis.build import DEFAULT_ALIASES, DEFAULT_CORPUS, build_store
from analysis.ingest import CLI_LIMITS, Upload, import_uploads, is_archive
from analysis.tables import REJECTS_CSV, StoreError, export_csv, refusal


def _progress_bar():
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in bars:
            for bar in bars.values():
                bar.close()
            bars[stage] = tqdm(total=total, desc=stage, unit="article" if total > 1 else "step",
                               file=sys.stderr, leave=False)
        bars[stage].n = done
        bars[stage].refresh()

    def close() -> None:
        for bar in bars.values():
            bar.close()

    return progress, close


def summary(result, *, seconds: float) -> str:
    t = result.tables
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = int(t.articles["n_words"].sum())
    lines = [
        f"store      {result.manifest.get('source', '')} -> "
        f"{'cache hit' if result.cached else 'built'}",
        f"articles   {len(t.articles):>8,}   outlets {t.articles['outlet'].nunique():,}",
        f"rejects    {len(t.rejects):>8,}",
    ]
    for reason, count in t.rejects["reason"].value_counts().items():
        lines.append(f"             {count:>6,}  {reason}")
    if len(t.notes):
        lines.append(f"notes      {len(t.notes):>8,}   (what reading some inputs took: the notes "
                     "table)")
    lines += [
        f"sentences  {len(t.sentences):>8,}",
        f"mentions   {len(t.mentions):>8,}",
        f"entities   {len(t.entities):>8,}",
        f"places     {len(t.places):>8,}",
        f"seconds    {seconds:>8.1f}",
        f"words/s    {words / seconds if seconds else 0:>8,.0f}   ({words:,} words)",
        f"peak RSS   {peak_mb:>8,.0f} MB",
    ]
    cache = result.manifest.get("annotation_cache") or {}
    if not result.cached and cache:
        engine = result.manifest.get("engine") or {}
        where = ", ".join(f"{k} {v}" for k, v in engine.items())
        lines.append(f"annotated  {cache.get('annotated', 0):>8,}   texts ({where}); "
                     f"{cache.get('hits', 0):,} from the annotation cache")
    return "\n".join(lines)


def cache_command(cache_dir: Path | None, *, clear: bool) -> int:
    root = cache_dir or default_cache_dir()
    if clear:
        freed = cache_admin.clear(root)
        print(f"removed {root} ({freed / 2**20:,.1f} MB)")
        return 0
    rows = cache_admin.describe(root)
    print(f"annotation cache {root}  (cap {default_max_bytes() / 2**20:,.0f} MB, "
          f"$COVERAGE_LENS_ANNOTATION_CACHE_MB)")
    if not rows:
        print("  empty")
    for row in rows:
        used = time.strftime("%Y-%m-%d %H:%M", time.localtime(row["last_used"]))
        print(f"  {Path(row['dir']).name}  {row['model']} {row['model_version']}  "
              f"{row['texts']:>8,} texts in {row['shards']} shards  "
              f"{row['bytes'] / 2**20:>8,.1f} MB  last used {used}")
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build a corpus into a store")
    build.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                       help="folder of .txt/.md, or a .csv/.jsonl/.jsonl.gz (default: %(default)s)")
    build.add_argument("--out", type=Path, required=True, help="store folder to write")
    build.add_argument("--model", help="spaCy model name (default: $SPACY_MODEL or en_core_web_sm)")
    build.add_argument("--n-process", type=int,
                       help="worker processes: spaCy workers (local engine) or LocalCluster "
                            "workers (dask engine without --scheduler); default: all cores "
                            "for a large corpus")
    build.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: this machine; dask: a Dask cluster (default: %(default)s)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler, e.g. tcp://host:8786 (implies --engine dask); "
                            "without it --engine dask starts a LocalCluster")
    build.add_argument("--batch-size", type=int, help="texts per spaCy minibatch")
    build.add_argument("--cache-dir", type=Path,
                       help="annotation cache folder (default: $COVERAGE_LENS_CACHE/annotations "
                            "or ~/.cache/coverage-lens/annotations)")
    build.add_argument("--no-cache", action="store_true",
                       help="annotate every article, read and write no annotation cache")
    build.add_argument("--aliases", type=Path, default=DEFAULT_ALIASES,
                       help="curated entity merges, CSV alias,canonical (default: %(default)s)")
    build.add_argument("--force", action="store_true", help="rebuild even if the store is current")

    cache = commands.add_parser("cache", help="show (or --clear) the annotation cache")
    cache.add_argument("--cache-dir", type=Path, help="annotation cache folder")
    cache.add_argument("--clear", action="store_true", help="delete the whole cache")

    export = commands.add_parser("export", help="write every table of a store as CSV")
    export.add_argument("store", type=Path)
    export.add_argument("--csv", type=Path, required=True, help="folder for the CSV files")

    args = parser.parse_args(argv)
    if args.command == "build":
        if not args.corpus.exists():
            parser.error(f"corpus {args.corpus} does not exist")
        why = refusal(args.out)
        if why:  # before any work: a store never goes where the project did not write
            print(f"error: refused to write the store: {why}", file=sys.stderr)
            return 2
        # a terminated build stops like an interrupted one: what it finished stays cached
        signal.signal(signal.SIGTERM, _interrupt)
        started = time.perf_counter()
        progress, close = _progress_bar()
        staging = tempfile.TemporaryDirectory(prefix="coverage-lens-zip-")
        try:
            # a zip goes through the upload importer: the same path, size and ratio checks
            corpus = (import_uploads([Upload(args.corpus.name, args.corpus.read_bytes())],
                                     Path(staging.name), limits=CLI_LIMITS)
                      if is_archive(args.corpus.name) else None)
            result = build_store(args.corpus, args.out, corpus=corpus, model=args.model,
                                 n_process=args.n_process,
                                 aliases_path=args.aliases, force=args.force, progress=progress,
                                 engine=args.engine, scheduler=args.scheduler,
                                 batch_size=args.batch_size,
                                 cache_dir=False if args.no_cache else args.cache_dir)
        except StoreError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        finally:
            close()
            staging.cleanup()
        print(summary(result, seconds=time.perf_counter() - started))
        print(f"rejects    {args.out / REJECTS_CSV}   (every input not imported, with the reason)")
        return 0
    if args.command == "cache":
        return cache_command(args.cache_dir, clear=args.clear)
    try:
        written = export_csv(args.store, args.csv)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
