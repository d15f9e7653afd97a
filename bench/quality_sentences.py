"""Sentence and segment boundaries against the hand-checked gold set.

    PYTHONPATH=$PWD python bench/quality_sentences.py                # dev, test and all
    PYTHONPATH=$PWD python bench/quality_sentences.py --split dev    # one split

The gold set is bench/data/sentences/gold.jsonl (24 real articles, 12 dev and 12 test; how it
was made is in the README beside it). Any segmenter can be scored: a function from an article's
text to (start, end, kind) segments, kinds as in KINDS. Two are scored side by side: spaCy's
statistical sentences alone (the build before segments, every one "body"), and the project's
current path, `analysis.annotate.load_models()` then `annotate_texts` with its segment kinds.

Figures, each summed over the articles of a split:
- boundaries: a boundary is where a segment starts, moved past any whitespace; a predicted
  boundary counts when a gold segment starts at exactly that offset. The start of the text
  is left out (every segmenter gets it). Precision, recall and F1 over all segment kinds.
- across blank line: the share of predicted body sentences whose text holds a blank line.
- kinds: for each non-body kind, precision and recall of its segments; a predicted segment
  matches a gold segment of the same kind when their overlap is at least half of each.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "bench" / "data" / "sentences" / "gold.jsonl"

KINDS = ("body", "headline", "dateline", "byline", "caption", "signoff", "boilerplate")
SPLITS = ("dev", "test", "all")

Segment = tuple[int, int, str]  # start, end (exclusive), kind
Segmenter = Callable[[str], Iterable[Segment]]

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class GoldArticle:
    id: str
    source: str  # "default" or "allsides"
    outlet: str
    input: str  # the importer's source name
    split: str  # "dev" or "test"
    text: str
    segments: list[Segment]


def load_gold(path: Path = GOLD, *, split: str = "all") -> list[GoldArticle]:
    """The gold articles of `split` ("dev", "test" or "all"), in file order."""
    articles = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if split not in ("all", row["split"]):
                continue
            segments = [(s["start"], s["end"], s["kind"]) for s in row.pop("segments")]
            articles.append(GoldArticle(**row, segments=segments))
    return articles


# -- scoring ------------------------------------------------------------------------------------

@dataclass
class Counts:
    """What one or more articles contribute to the figures; counts add up across articles."""

    gold_boundaries: int = 0
    predicted_boundaries: int = 0
    matched_boundaries: int = 0
    body_predicted: int = 0
    body_across_blank_line: int = 0
    kind_gold: Counter = field(default_factory=Counter)
    kind_predicted: Counter = field(default_factory=Counter)
    kind_gold_found: Counter = field(default_factory=Counter)  # gold segments matched
    kind_predicted_right: Counter = field(default_factory=Counter)  # predicted ones matched

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(vars(self).values(), vars(other).values(),
                                              strict=True)))

    def boundary_scores(self) -> tuple[float, float, float]:
        precision = _ratio(self.matched_boundaries, self.predicted_boundaries)
        recall = _ratio(self.matched_boundaries, self.gold_boundaries)
        return precision, recall, _f1(precision, recall)

    def across_blank_line(self) -> float:
        return _ratio(self.body_across_blank_line, self.body_predicted)

    def kind_scores(self, kind: str) -> tuple[float, float]:
        """(precision, recall) of one kind's segments; NaN where nothing was there to count."""
        return (_ratio(self.kind_predicted_right[kind], self.kind_predicted[kind]),
                _ratio(self.kind_gold_found[kind], self.kind_gold[kind]))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def _f1(precision: float, recall: float) -> float:
    if math.isnan(precision) or math.isnan(recall):
        return float("nan")
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _trimmed(text: str, segments: Iterable[Segment]) -> list[Segment]:
    """Segments without leading or trailing whitespace, empty ones dropped, sorted."""
    out = []
    for start, end, kind in segments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end, kind))
    return sorted(out)


def _first_char(text: str) -> int:
    return len(text) - len(text.lstrip())


def _half_overlap(a: Segment, b: Segment) -> bool:
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap * 2 >= a[1] - a[0] and overlap * 2 >= b[1] - b[0]


def article_counts(text: str, gold: Sequence[Segment], predicted: Iterable[Segment]) -> Counts:
    """The figures' counts for one article."""
    predicted = _trimmed(text, predicted)
    first = _first_char(text)
    gold_starts = {start for start, _, _ in gold} - {first}
    predicted_starts = {start for start, _, _ in predicted} - {first}
    counts = Counts(gold_boundaries=len(gold_starts),
                    predicted_boundaries=len(predicted_starts),
                    matched_boundaries=len(gold_starts & predicted_starts))
    body = [(start, end) for start, end, kind in predicted if kind == "body"]
    counts.body_predicted = len(body)
    counts.body_across_blank_line = sum(bool(_BLANK_LINE.search(text, start, end))
                                        for start, end in body)
    for kind in KINDS[1:]:
        gold_k = [s for s in gold if s[2] == kind]
        predicted_k = [s for s in predicted if s[2] == kind]
        counts.kind_gold[kind] += len(gold_k)
        counts.kind_predicted[kind] += len(predicted_k)
        counts.kind_gold_found[kind] += sum(any(_half_overlap(g, p) for p in predicted_k)
                                            for g in gold_k)
        counts.kind_predicted_right[kind] += sum(any(_half_overlap(p, g) for g in gold_k)
                                                 for p in predicted_k)
    return counts


def score(segmenter: Segmenter, articles: Sequence[GoldArticle]) -> Counts:
    """The counts of `segmenter` summed over `articles`."""
    total = Counts()
    for article in articles:
        total += article_counts(article.text, article.segments, segmenter(article.text))
    return total


# -- the project's current segmenter ------------------------------------------------------------

def project_segmenter() -> Segmenter:
    """The sentences the build's annotation step finds (models loaded once), as a segmenter."""
    from analysis.annotate import annotate_texts, load_models

    models = load_models()

    def segment(text: str) -> list[Segment]:
        sentences = annotate_texts([("article", text)], models=models).sentences
        starts, ends = sentences.column("start").to_pylist(), sentences.column("end").to_pylist()
        kinds = (sentences.column("kind").to_pylist() if "kind" in sentences.column_names
                 else ["body"] * len(starts))
        return list(zip(starts, ends, kinds, strict=True))

    return segment


def spacy_segmenter() -> Segmenter:
    """spaCy's statistical sentences over the whole text, every one "body": what the build
    did before segments (the baseline the project's path is measured against)."""
    from analysis.annotate import load_nlp

    nlp = load_nlp()

    def segment(text: str) -> list[Segment]:
        return [(s.start_char, s.end_char, "body") for s in nlp(text).sents if s.text.strip()]

    return segment


SEGMENTERS = {"spaCy's sentence splitter alone (before segments)": spacy_segmenter,
              "analysis.annotate (the project's current path)": project_segmenter}


def split_results(segmenter: Segmenter, articles: Sequence[GoldArticle],
                  splits: Sequence[str]) -> dict[str, Counts]:
    """The counts of `segmenter` per split."""
    per_article = {a.id: article_counts(a.text, a.segments, segmenter(a.text)) for a in articles}
    return {split: sum((per_article[a.id] for a in articles if split in ("all", a.split)),
                       Counts())
            for split in splits}


# -- report -------------------------------------------------------------------------------------

def _pct(value: float) -> str:
    return "   n/a" if math.isnan(value) else f"{value:6.1%}"


def print_report(results: dict[str, Counts], *, name: str) -> None:
    """One line per split for boundaries, then per-kind precision / recall."""
    print(f"sentence and segment boundaries of {name} against {GOLD.relative_to(REPO)}")
    print(f"{'split':6} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"
          f"   {'body sentences across a blank line':>36}")
    for split, counts in results.items():
        precision, recall, f1 = counts.boundary_scores()
        print(f"{split:6} {counts.gold_boundaries:5d} {counts.predicted_boundaries:5d} "
              f"{_pct(precision)} {_pct(recall)} {_pct(f1)}   "
              f"{_pct(counts.across_blank_line()):>14} of {counts.body_predicted:5d}")
    print("non-body kinds: precision / recall (gold segments), a match overlaps half of both")
    print(f"{'split':6} " + " ".join(f"{kind:>22}" for kind in KINDS[1:]))
    for split, counts in results.items():
        cells = []
        for kind in KINDS[1:]:
            precision, recall = counts.kind_scores(kind)
            cells.append(f"{_pct(precision)} / {_pct(recall)} ({counts.kind_gold[kind]:3d})")
        print(f"{split:6} " + " ".join(f"{cell:>22}" for cell in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS,
                        help="score one split only (default: dev, test and all)")
    args = parser.parse_args(argv)
    splits = [args.split] if args.split else list(SPLITS)
    articles = load_gold()
    if not articles:
        print(f"no gold articles in {GOLD}", file=sys.stderr)
        return 1
    for name, make_segmenter in SEGMENTERS.items():
        print_report(split_results(make_segmenter(), articles, splits), name=name)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
