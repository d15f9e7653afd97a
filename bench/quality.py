"""Analysis quality on the development sets: places, targeted tone and entity merges.

    python bench/quality.py                      # everything that can run here
    python bench/quality.py --skip-e2e --skip-tone --skip-sentences --skip-entities
                                                 # places with gold spans only

It runs, each from its own bench: places on the geoparsing sets, with gold spans and end to end
(bench/quality_places.py); targeted tone on NewsMTSC devtest_mt (bench/quality_tone.py:
macro-F1, and the mean score of neutral targets as trained and as calibrated); sentence-boundary
F1 on the sentence gold set before segments and now (bench/quality_sentences.py); then the
precision and recall of the entity merges on the default corpus against the hand-checked list
in tests/data/default_entities.csv, with the default corpus's build time.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository (a worktree elsewhere passes --shared)
DEFAULT_SHARED = REPO.parent / "shared"
ENTITY_GOLD = REPO / "tests" / "data" / "default_entities.csv"


# -- entity merges on the default corpus ----------------------------------------------------------

def merge_scores(mentions: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Pairwise precision and recall of our merges over the surface forms in `gold`.

    `mentions` needs text and entity_id; `gold` has surface and canonical. Two listed surface
    forms are merged by us when their mentions share an entity id (the most common one per
    surface form), and by the gold list when they share a canonical name.
    """
    from analysis.entities import normalise_name

    surfaces = mentions["text"].map(normalise_name)
    # spellings that normalise alike ("the Global Times", "Global Times") are one surface form
    canonical: dict[str, str] = {}
    for surface, name in zip(gold["surface"], gold["canonical"], strict=True):
        canonical.setdefault(normalise_name(surface), name)
    ours: dict[str, str] = {}
    for surface in canonical:
        ids = mentions.loc[surfaces == surface, "entity_id"]
        if len(ids):
            ours[surface] = Counter(ids).most_common(1)[0][0]
    pairs = list(itertools.combinations(sorted(canonical), 2))
    gold_pairs = {p for p in pairs if canonical[p[0]] == canonical[p[1]]}
    our_pairs = {p for p in pairs if p[0] in ours and p[1] in ours and ours[p[0]] == ours[p[1]]}
    both = gold_pairs & our_pairs
    return {
        "surfaces": len(canonical),
        "surfaces_found": len(ours),
        "gold_pairs": len(gold_pairs),
        "our_pairs": len(our_pairs),
        "precision": len(both) / len(our_pairs) if our_pairs else 1.0,
        "recall": len(both) / len(gold_pairs) if gold_pairs else 1.0,
        "wrong": sorted(our_pairs - gold_pairs),
        "missed": sorted(gold_pairs - our_pairs),
    }


def entity_report() -> dict:
    from analysis.build import DEFAULT_CORPUS, build_store

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = build_store(DEFAULT_CORPUS, Path(tmp) / "store", force=True)
        seconds = time.perf_counter() - started
    gold = pd.read_csv(ENTITY_GOLD, dtype="string", comment="#")
    return merge_scores(result.tables.mentions, gold) | {"build_seconds": seconds}


# -- tone and sentences: their own benches, run from here --------------------------------------

def bench_module(name: str):
    """bench/<name>.py as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def tone_section(shared: Path) -> None:
    """Macro-F1 of VADER and of the targeted scorer, and the scorer's neutral calibration."""
    quality_tone = bench_module("quality_tone")
    quality_tone.print_report(quality_tone.tone_report(shared))


def sentences_section() -> None:
    """Sentence-boundary F1 before segments (spaCy alone) and now, on the sentence gold set."""
    quality_sentences = bench_module("quality_sentences")
    quality_sentences.main([])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--skip-e2e", action="store_true", help="no spaCy end-to-end pass")
    parser.add_argument("--skip-tone", action="store_true")
    parser.add_argument("--skip-entities", action="store_true")
    parser.add_argument("--skip-sentences", action="store_true")
    parser.add_argument("--misses", type=int, default=0, help="show the N most common misses")
    parser.add_argument("--model", help="the spaCy model for the end-to-end pass (default: "
                                        "the project's, see analysis.annotate.model)")
    args = parser.parse_args(argv)

    quality_places = bench_module("quality_places")
    quality_places.places_section(args.shared, skip_e2e=args.skip_e2e, misses=args.misses,
                                  model=args.model)

    print()
    if args.skip_tone:
        print("targeted tone: skipped (--skip-tone)")
    elif not args.shared.is_dir():
        print(f"targeted tone: skipped ({args.shared} is missing)")
    else:
        tone_section(args.shared)

    print()
    if args.skip_sentences:
        print("sentence boundaries: skipped (--skip-sentences)")
    else:
        sentences_section()

    print()
    if args.skip_entities:
        print("entity merges: skipped (--skip-entities)")
    elif not ENTITY_GOLD.exists():
        print(f"entity merges: skipped ({ENTITY_GOLD} is missing)")
    else:
        ent = entity_report()
        print(f"entity merges on the default corpus ({ent['surfaces_found']}/{ent['surfaces']} "
              f"hand-checked surface forms found): precision {ent['precision']:.3f}   "
              f"recall {ent['recall']:.3f}   ({ent['our_pairs']} merged pairs, "
              f"{ent['gold_pairs']} gold pairs)")
        for a, b in ent["wrong"]:
            print(f"  wrongly merged: {a!r} + {b!r}")
        for a, b in ent["missed"]:
            print(f"  not merged:     {a!r} + {b!r}")
        print(f"default corpus build: {ent['build_seconds']:.1f} s (budget 15 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
