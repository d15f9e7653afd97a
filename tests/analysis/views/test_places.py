"""Place views: places and countries with their mentions and tone,
on the hand-made build of tests/fixtures/sample_tables.py."""


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


def test_country_mentions_add_up_a_country_and_its_places(tables):
    countries = places.country_mentions(tables, ALL, countries=country_codes())
    russia = countries.set_index("iso3").loc["RUS"]
    assert (russia["n_mentions"], russia["n_places"]) == (3, 2)  # Moscow twice, Russia once
    # three distinct sentences: a1 s0 (0.0), a1 s1 (0.8), a3 s0 (0.3)
    assert russia["tone"] == pytest.approx((0.0 + 0.8 + 0.3) / 3)
    assert set(countries["iso3"]) == {"RUS", "BLR"}
