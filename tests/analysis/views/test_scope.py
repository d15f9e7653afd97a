"""Filters and the rows they keep, across every view,
on the hand-made build of tests/fixtures/sample_tables.py."""

from datetime import date

import pytest

from analysis.places import country_codes
from analysis.views import Filters, corpus, entities, evidence, places
from analysis.views import tone as tone_views
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
