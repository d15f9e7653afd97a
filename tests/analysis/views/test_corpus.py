"""Corpus views: counts, articles, outlets, tables cut to the filters,
on the hand-made build of tests/fixtures/sample_tables.py."""

from datetime import date

import pytest

from analysis.tables import TABLE_NAMES, check
from analysis.views import Filters, corpus
from analysis.views.scope import COUNTED_ROLES
from tests.fixtures.sample_tables import MOSCOW

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def test_corpus_counts_follow_the_filters(tables):
    counts = dict(corpus.corpus_counts(tables, ALL).itertuples(index=False))
    assert counts == {"articles": 4, "outlets": 3, "words": 44, "sentences": 7, "entities": 6,
                      "places": 3, "rejects": 1, "unknown outlets": 0}
    alpha = dict(corpus.corpus_counts(tables, ALPHA).itertuples(index=False))
    assert (alpha["articles"], alpha["outlets"], alpha["sentences"]) == (2, 1, 4)
    assert alpha["entities"] == 5  # Shoigu is only in Beta Wire


def test_unfiltered_entity_count_is_the_entities_the_counted_mentions_name(tables):
    counts = dict(corpus.corpus_counts(tables, ALL).itertuples(index=False))
    counted = tables.mentions[tables.mentions["role"].isin(COUNTED_ROLES)]
    assert counts["entities"] == counted["entity_id"].nunique()
    # the same as a filter that keeps every article counts them
    every_day = Filters(start=date(1900, 1, 1), end=date(2100, 1, 1))
    assert dict(corpus.corpus_counts(tables, every_day).itertuples(index=False))[
        "entities"] == counts["entities"]


def test_articles_view_filters_by_outlet_and_date(tables):
    assert list(corpus.articles_view(tables, ALL)["article_id"]) == ["a1", "a2", "a3", "a4"]
    assert list(corpus.articles_view(tables, ALPHA)["title"]) == ["Li visits Moscow",
                                                                  "Talks in Minsk"]
    one_day = Filters(start=date(2023, 8, 15), end=date(2023, 8, 15))
    assert list(corpus.articles_view(tables, one_day)["article_id"]) == ["a3"]
    # a start alone keeps later articles and drops the undated one
    since = Filters(start=date(2023, 8, 15))
    assert list(corpus.articles_view(tables, since)["article_id"]) == ["a2", "a3"]


def test_outlet_counts(tables):
    counts = corpus.outlet_counts(tables, ALL)
    assert list(counts["outlet"]) == ["Alpha News", "Beta Wire", "Gamma Post"]
    assert list(counts["n_articles"]) == [2, 1, 1]


def test_filtered_table_keeps_rows_behind_the_articles(tables):
    beta = Filters(outlets=("Beta Wire",))
    assert list(corpus.filtered_table(tables, beta, name="places")["place_id"]) == [MOSCOW]
    assert set(corpus.filtered_table(tables, beta, name="mentions")["article_id"]) == {"a3"}
    assert len(corpus.filtered_table(tables, beta, name="rejects")) == 1
    # every table of the store can be cut (the Data page offers them all)
    for name in TABLE_NAMES:
        assert check(corpus.filtered_table(tables, beta, name=name), name) == []
    assert len(corpus.filtered_table(tables, ALL, name="sentences")) == 7
    with pytest.raises(ValueError):
        corpus.filtered_table(tables, ALL, name="secrets")
