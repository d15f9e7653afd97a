"""Evidence views: the sentences behind each figure, highlighted,
on the hand-made build of tests/fixtures/sample_tables.py."""


import pandas as pd
import pytest

from analysis.views import Filters, evidence, tone
from tests.fixtures.sample_tables import MOSCOW
from tests.fixtures.views import highlighted

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def test_place_sentences_highlight_the_place(tables):
    rows = evidence.place_sentences(tables, ALL, place_id=MOSCOW)
    assert list(rows.columns) == evidence.EVIDENCE_COLUMNS
    assert list(rows["outlet"]) == ["Alpha News", "Beta Wire"]
    assert highlighted(rows) == [["Moscow"], ["Moscow"]]
    assert len(evidence.place_sentences(tables, ALPHA, place_id=MOSCOW)) == 1


def test_entity_sentences_highlight_every_mention(tables):
    rows = evidence.entity_sentences(tables, ALL, entity_id="E_li")
    assert len(rows) == 4
    # each sentence's targeted tone for Li beside its VADER tone
    praised = rows[rows["sentence"].str.startswith("He praised")].iloc[0]
    assert (praised["tone"], praised["entity_tone"]) == (pytest.approx(0.8), pytest.approx(0.2))
    assert all(words == ["Li Shangfu"] for words in highlighted(rows))
    assert evidence.entity_sentences(tables, ALL, entity_id="nobody").empty


def test_pair_sentences_by_window(tables):
    in_sentence = evidence.pair_sentences(tables, ALL, entity_a="E_li", entity_b="E_moscow")
    assert list(in_sentence["article_id"]) == ["a1", "a3"]
    assert sorted(highlighted(in_sentence)[0]) == ["Li Shangfu", "Moscow"]
    in_article = evidence.pair_sentences(tables, ALL, entity_a="E_li", entity_b="E_moscow",
                                         window="article")
    # a1's second sentence names Li only, but it is in an article naming both
    assert list(zip(in_article["article_id"], in_article["sentence_id"], strict=True)) == [
        ("a1", 0), ("a1", 1), ("a3", 0)]


def test_article_views_respect_the_filters(tables):
    sentences = evidence.article_sentences(tables, ALL, article_id="a1")
    assert list(sentences["tone_label"]) == ["neutral", "positive"]
    mentions = evidence.article_mentions(tables, ALL, article_id="a1")
    assert list(mentions["text"]) == ["Li Shangfu", "Moscow", "Russia", "Li Shangfu"]
    assert list(mentions["place"].dropna()) == ["Moscow", "Russia"]
    beta = Filters(outlets=("Beta Wire",))
    assert evidence.article_sentences(tables, beta, article_id="a1").empty
    assert evidence.article_mentions(tables, beta, article_id="a1").empty


def test_highlights_are_each_span_once_in_order(tables):
    sentence = tables.sentences.query("article_id == 'a1' and sentence_id == 1").iloc[0]
    li = sentence["start"] + sentence["text"].index("Li Shangfu")
    russia = sentence["start"] + sentence["text"].index("Russia")
    spans = pd.DataFrame({"article_id": "a1", "sentence_id": 1,
                          "start": [li, russia, li], "end": [li + 10, russia + 6, li + 10]})
    shown = evidence.sentence_evidence(tables, spans)
    assert len(shown) == 1
    assert evidence.parse_highlights(shown.at[0, "highlights"]) == [
        (russia - sentence["start"], russia - sentence["start"] + 6),
        (li - sentence["start"], li - sentence["start"] + 10)]
    assert evidence.parse_highlights("") == []


@pytest.mark.parametrize("view", [
    lambda tables, **read: evidence.entity_sentences(tables, ALL, entity_id="E_li", **read),
    lambda tables, **read: evidence.place_sentences(tables, ALL, place_id=MOSCOW, **read),
    lambda tables, **read: evidence.pair_sentences(tables, ALL, entity_a="E_li",
                                                   entity_b="E_moscow", window="article",
                                                   **read),
    lambda tables, **read: tone.entity_tone_evidence(tables, ALL, entity_id="E_li",
                                                     outlet="Alpha News", **read),
], ids=["entity", "place", "pair", "entity tone cell"])
def test_evidence_reads_the_first_texts_and_the_rest_when_asked(tables, view):
    every = view(tables)
    first = view(tables, read=1)
    # the same sentences in the same order, only the first one's text read
    assert len(every) >= 2
    pd.testing.assert_frame_equal(first.drop(columns="sentence"), every.drop(columns="sentence"))
    assert first["sentence"].iloc[0] == every["sentence"].iloc[0]
    assert first["sentence"].iloc[1:].isna().all()
    # the rest read later (the CSV of all): the same frame as read at once
    pd.testing.assert_frame_equal(evidence.with_sentences(tables, first), every)
