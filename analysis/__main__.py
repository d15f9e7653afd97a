"""Command line: `python -m analysis build [CORPUS] --out DIR` and `python -m analysis export`."""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from tqdm import tqdm

from analysis import store
from analysis.build import DEFAULT_ALIASES, DEFAULT_CORPUS, build_store


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
    lines += [
        f"sentences  {len(t.sentences):>8,}",
        f"mentions   {len(t.mentions):>8,}",
        f"entities   {len(t.entities):>8,}",
        f"places     {len(t.places):>8,}",
        f"seconds    {seconds:>8.1f}",
        f"words/s    {words / seconds if seconds else 0:>8,.0f}   ({words:,} words)",
        f"peak RSS   {peak_mb:>8,.0f} MB",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build a corpus into a store")
    build.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                       help="folder of .txt/.md, or a .csv/.jsonl/.jsonl.gz (default: %(default)s)")
    build.add_argument("--out", type=Path, required=True, help="store folder to write")
    build.add_argument("--model", help="spaCy model name (default: $SPACY_MODEL or en_core_web_sm)")
    build.add_argument("--n-process", type=int, help="spaCy worker processes (default: auto)")
    build.add_argument("--aliases", type=Path, default=DEFAULT_ALIASES,
                       help="curated entity merges, CSV alias,canonical (default: %(default)s)")
    build.add_argument("--force", action="store_true", help="rebuild even if the store is current")

    export = commands.add_parser("export", help="write every table of a store as CSV")
    export.add_argument("store", type=Path)
    export.add_argument("--csv", type=Path, required=True, help="folder for the CSV files")

    args = parser.parse_args(argv)
    if args.command == "build":
        if not args.corpus.exists():
            parser.error(f"corpus {args.corpus} does not exist")
        started = time.perf_counter()
        progress, close = _progress_bar()
        try:
            result = build_store(args.corpus, args.out, model=args.model, n_process=args.n_process,
                                 aliases_path=args.aliases, force=args.force, progress=progress)
        finally:
            close()
        print(summary(result, seconds=time.perf_counter() - started))
        return 0
    try:
        written = store.export_csv(args.store, args.csv)
    except store.StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
