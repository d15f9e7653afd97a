"""Filters and the rows they keep, across every view,
on the hand-made build of tests/fixtures/sample_tables.py."""

from datetime import date

import pandas as pd
import pytest

from analysis.places import country_codes
from analysis.views import Filters, corpus, entities, evidence, places
from analysis.views import tone as tone_views
from analysis.views.scope import in_set
from tests.fixtures.sample_tables import MOSCOW

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def test_filters_are_hashable_values():
    assert Filters(outlets=("A",)) == Filters(outlets=("A",))
    assert len({Filters(), Filters(), ALPHA}) == 2
    with pytest.raises(AttributeError):
        ALL.outlets = ("B",)


ONE_DAY = Filters(start=date(2023, 8, 15), end=date(2023, 8, 15))  # Beta Wire's a3 only


@pytest.mark.parametrize("view, options", [
    (corpus.articles_view, {}),
    (corpus.outlet_counts, {}),
    (entities.top_entities_by_outlet, {}),
    (tone_views.outlet_tone_view, {}),
    (tone_views.sentence_tone_view, {}),
    (tone_views.entity_tone_matrix, {}),
    (tone_views.extreme_sentences, {}),
    (evidence.entity_sentences, {"entity_id": "E_li"}),
    (evidence.place_sentences, {"place_id": MOSCOW}),
    (evidence.pair_sentences, {"entity_a": "E_li", "entity_b": "E_moscow"}),
])
def test_every_outlet_view_keeps_only_the_filtered_dates(tables, view, options):
    rows = view(tables, ONE_DAY, **options)
    assert set(rows["outlet"]) == {"Beta Wire"}


def test_date_filters_narrow_the_place_and_entity_views(tables):
    assert list(places.place_mentions(tables, ONE_DAY)["place_id"]) == [MOSCOW]
    assert places.country_mentions(tables, ONE_DAY, countries=country_codes())["iso3"].tolist() \
        == ["RUS"]
    assert set(entities.entity_mentions(tables, ONE_DAY)["name"]) == {"Moscow", "Li Shangfu",
                                                                   "Shoigu"}
    assert set(entities.cooccurrence_view(tables, ONE_DAY)["name_b"]) <= {"Moscow", "Shoigu",
                                                                       "Li Shangfu"}
    assert dict(corpus.corpus_counts(tables, ONE_DAY).itertuples(index=False))["articles"] == 1


def test_two_articles_of_unknown_outlet_stay_two_sources_left_out_of_comparisons_by_default():
    from analysis.views.scope import unknown_left_out
    from tests.fixtures.sample_tables import sample_tables

    tables = sample_tables(unknown=True)
    known = ["Alpha News", "Beta Wire", "Gamma Post"]
    assert list(corpus.outlet_counts(tables, ALL)["outlet"]) == known
    assert set(tone_views.outlet_tone_view(tables, ALL)["outlet"]) == set(known)
    assert set(entities.top_entities_by_outlet(tables, ALL)["outlet"]) <= set(known)
    assert set(tone_views.entity_tone_matrix(tables, ALL)["outlet"]) <= set(known)
    assert unknown_left_out(tables, ALL) == 2
    # the views that do not compare outlets keep them
    assert {"u1", "u2"} <= set(corpus.articles_view(tables, ALL)["article_id"])
    assert "Shoigu" in set(entities.entity_mentions(tables, ALL)["name"])
    measures = dict(corpus.corpus_counts(tables, ALL).itertuples(index=False))
    assert (measures["articles"], measures["outlets"], measures["unknown outlets"]) == (6, 3, 2)

    with_unknown = Filters(unknown_outlets=True)
    counts = corpus.outlet_counts(tables, with_unknown).set_index("outlet")["n_articles"]
    assert counts["unknown: notes.txt"] == counts["unknown: memo.txt"] == 1  # never pooled
    assert unknown_left_out(tables, with_unknown) == 0
    # a date filter that drops one of them leaves only the other to mention
    assert unknown_left_out(tables, Filters(start=date(2023, 8, 14), end=date(2023, 8, 14))) == 2
    assert unknown_left_out(tables, Filters(start=date(2023, 8, 15))) == 0


@pytest.mark.parametrize("dtype", ["string", "str", "category", "object"])
def test_in_set_keeps_what_isin_keeps_whatever_the_strings_are_held_in(dtype):
    # Arrow-backed strings are looked up in Arrow (pandas boxes a large set one by one)
    column = pd.Series(["e1", "e2", None, "e3", "e2"], index=[10, 11, 12, 13, 14], dtype=dtype)
    # a categorical (the app's long tables) reads its categories, which may hold more than
    # its rows, then its codes
    column = column.cat.set_categories(["e0", "e1", "e2", "e3"]) if dtype == "category" \
        else column
    for values in (["e2", "e3"], pd.Index(["e1"]), pd.Series(["e3", None]), [], ["e0", "zz"],
                   pd.Categorical(["e3", "e3", "e1"])):
        pd.testing.assert_series_equal(in_set(column, values), column.isin(values))
