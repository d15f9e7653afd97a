"""The sentence gold set (bench/data/sentences/gold.jsonl) is well formed, its texts are still
what the importer makes of its inputs, and bench/quality_sentences.py scores by its rules."""

import importlib.util
import json
import re
import sys
from collections import Counter

import pytest

from analysis.ingest import load_corpus
from tests.fixtures.paths import ALLSIDES, DEFAULT_CORPUS, REPO

GOLD = REPO / "bench" / "data" / "sentences" / "gold.jsonl"
KINDS = {"body", "headline", "dateline", "byline", "caption", "signoff", "boilerplate"}


def _scorer():
    path = REPO / "bench" / "quality_sentences.py"
    spec = importlib.util.spec_from_file_location("bench_quality_sentences", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold():
    with open(GOLD, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_24_articles_half_dev_half_test(gold):
    assert len(gold) == 24
    assert len({a["id"] for a in gold}) == 24
    assert Counter(a["split"] for a in gold) == {"dev": 12, "test": 12}
    defaults = [a for a in gold if a["source"] == "default"]
    assert len(defaults) == 5 and all(a["split"] == "dev" for a in defaults)
    allsides = [a["outlet"] for a in gold if a["source"] == "allsides"]
    assert len(allsides) == 19 and len(set(allsides)) == 19


def test_segments_cover_every_visible_character_once(gold):
    for article in gold:
        text, end_of_last = article["text"], 0
        for seg in article["segments"]:
            where = f"{article['id']} {seg}"
            assert seg["kind"] in KINDS, where
            assert end_of_last <= seg["start"] < seg["end"] <= len(text), where
            assert not text[end_of_last:seg["start"]].strip(), f"uncovered text before {where}"
            span = text[seg["start"]:seg["end"]]
            assert span == span.strip(), f"whitespace at the edge of {where}"
            assert not re.search(r"\n\s*\n", span), f"{where} crosses a blank line"
            end_of_last = seg["end"]
        assert not text[end_of_last:].strip(), f"{article['id']}: uncovered text at the end"


def test_every_kind_is_in_both_splits(gold):
    for split in ("dev", "test"):
        kinds = {seg["kind"] for a in gold if a["split"] == split for seg in a["segments"]}
        assert kinds == KINDS, split


def _texts_by_input(source):
    articles = load_corpus(source).articles
    return dict(zip(articles["source"], articles["text"], strict=True))


def test_default_texts_are_what_the_importer_gives(gold):
    texts = _texts_by_input(DEFAULT_CORPUS)
    for article in (a for a in gold if a["source"] == "default"):
        assert texts[article["input"]] == article["text"], article["input"]


def test_allsides_texts_are_what_the_importer_gives(gold):
    if not ALLSIDES.exists():
        pytest.skip(f"{ALLSIDES} is not here (../shared)")
    texts = _texts_by_input(ALLSIDES)
    for article in (a for a in gold if a["source"] == "allsides"):
        assert texts[article["input"]] == article["text"], article["input"]


# -- the scorer ---------------------------------------------------------------------------------

TEXT = "Title line\n\nBy Jo Doe\n\nFirst one. Second one.\n\nThird one here."
GOLD_SEGMENTS = [(0, 10, "headline"), (12, 21, "byline"), (23, 33, "body"),
                 (34, 45, "body"), (47, 62, "body")]


def test_boundaries_count_after_whitespace_and_not_the_text_start():
    scorer = _scorer()
    # one sentence runs over a blank line; the byline is found with a space in front of it
    predicted = [(0, 10, "headline"), (11, 21, "byline"), (23, 33, "body"), (34, 62, "body")]
    counts = scorer.article_counts(TEXT, GOLD_SEGMENTS, predicted)
    assert (counts.gold_boundaries, counts.predicted_boundaries) == (4, 3)
    assert counts.matched_boundaries == 3
    precision, recall, f1 = counts.boundary_scores()
    assert (precision, recall) == (1.0, 0.75) and f1 == pytest.approx(6 / 7)
    assert counts.across_blank_line() == 0.5


def test_kinds_match_on_half_of_both_spans():
    scorer = _scorer()
    # a headline that swallows the byline: the gold headline is 10 of its 21 characters
    predicted = [(0, 21, "headline"), (23, 62, "body")]
    counts = scorer.article_counts(TEXT, GOLD_SEGMENTS, predicted)
    assert counts.kind_scores("headline") == (0.0, 0.0)
    predicted = [(0, 19, "headline"), (23, 62, "body")]
    counts = scorer.article_counts(TEXT, GOLD_SEGMENTS, predicted)
    assert counts.kind_scores("headline") == (1.0, 1.0)
    precision, recall = counts.kind_scores("byline")
    assert recall == 0.0 and precision != precision  # nothing predicted: precision is n/a


def test_any_callable_is_scored_over_articles(gold):
    scorer = _scorer()
    articles = scorer.load_gold(GOLD, split="dev")
    assert len(articles) == 12
    perfect = scorer.score(lambda text: next(a.segments for a in articles if a.text == text),
                           articles)
    assert perfect.boundary_scores() == (1.0, 1.0, 1.0)
    assert perfect.across_blank_line() == 0.0
    assert all(perfect.kind_scores(kind) == (1.0, 1.0) for kind in KINDS - {"body"})
    lines = scorer.score(lambda text: [(m.start(), m.end(), "body")
                                       for m in re.finditer(r"[^\n]+", text)], articles)
    precision, recall, _ = lines.boundary_scores()
    assert precision == 1.0 and recall < 0.8  # every line starts a segment; many lines hold more
