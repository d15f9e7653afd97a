"""Place views: places and countries with their mentions and tone,
on the hand-made build of tests/fixtures/sample_tables.py."""

from dataclasses import replace

import pandas as pd
import pytest

from analysis.places import country_codes
from analysis.views import Filters, places
from tests.fixtures.sample_tables import MINSK, MOSCOW, RUSSIA

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def test_place_mentions_counts_outlets_and_tone(tables):
    found = places.place_mentions(tables, ALL).set_index("place_id")
    moscow = found.loc[MOSCOW]
    assert (moscow["n_mentions"], moscow["n_outlets"]) == (2, 2)
    assert moscow["outlets"] == "Alpha News | Beta Wire"
    assert moscow["tone"] == pytest.approx((0.0 + 0.3) / 2)
    assert found.loc[RUSSIA, "tone"] == pytest.approx(0.8)
    alpha = places.place_mentions(tables, ALPHA).set_index("place_id")
    assert alpha.loc[MOSCOW, "n_mentions"] == 1
    assert alpha.loc[MINSK, "outlets"] == "Alpha News"


@pytest.mark.parametrize("embedded", [False, True])
def test_places_and_countries_found_together_are_the_two_views(tables, embedded):
    for filters in (ALL, ALPHA):
        found, countries = places.places_and_countries(tables, filters,
                                                       countries=country_codes(),
                                                       embedded=embedded)
        pd.testing.assert_frame_equal(found, places.place_mentions(tables, filters,
                                                                   embedded=embedded))
        pd.testing.assert_frame_equal(countries, places.country_mentions(
            tables, filters, countries=country_codes(), embedded=embedded))


def test_any_choice_of_outlets_adds_up_from_the_counts_of_every_outlet(tables):
    # one article without an outlet: counted with every outlet, never under a choice of them
    articles = tables.articles.copy()
    articles.loc[articles["article_id"] == "a3", "outlet"] = pd.NA
    tables = replace(tables, articles=articles)
    counts = places.place_outlet_counts(tables, ALL)
    named = tables.articles["outlet"].dropna().unique().tolist()
    for chosen in [(), *[(name,) for name in named], tuple(named)]:
        expected = places.places_and_countries(tables, Filters(outlets=chosen),
                                               countries=country_codes())
        added_up = places.places_and_countries_of(tables, counts, Filters(outlets=chosen),
                                                  countries=country_codes())
        for got, want in zip(added_up, expected, strict=True):
            pd.testing.assert_frame_equal(got, want)
    pooled = places.places_and_countries_of(tables, counts, ALL, countries=country_codes())[0]
    assert pooled.set_index("place_id").loc[MOSCOW, ["n_mentions", "n_outlets"]].tolist() \
        == [2, 1]  # a3 names Moscow too, without an outlet


def test_country_mentions_add_up_a_country_and_its_places(tables):
    countries = places.country_mentions(tables, ALL, countries=country_codes())
    russia = countries.set_index("iso3").loc["RUS"]
    assert (russia["n_mentions"], russia["n_places"]) == (3, 2)  # Moscow twice, Russia once
    # three distinct sentences: a1 s0 (0.0), a1 s1 (0.8), a3 s0 (0.3)
    assert russia["tone"] == pytest.approx((0.0 + 0.8 + 0.3) / 3)
    assert set(countries["iso3"]) == {"RUS", "BLR"}


def test_places_inside_organisation_names_count_only_when_asked(tables):
    # "Moscow" inside an organisation's name in a1 ("the Moscow City Court")
    mentions = tables.mentions
    moscow = mentions[mentions["place_id"] == MOSCOW].iloc[[0]].assign(place_rule="embedded")
    embedded = replace(tables, mentions=pd.concat([mentions, moscow], ignore_index=True))
    assert places.place_mentions(embedded, ALL).set_index("place_id").loc[
        MOSCOW, "n_mentions"] == 2
    assert places.place_mentions(embedded, ALL, embedded=True).set_index("place_id").loc[
        MOSCOW, "n_mentions"] == 3
    russia = places.country_mentions(embedded, ALL, countries=country_codes(), embedded=True)
    assert russia.set_index("iso3").loc["RUS", "n_mentions"] == 4
    assert places.place_labels(embedded, ALL).set_index("place_id").loc[
        MOSCOW, "label"].endswith("· 2 mentions")
