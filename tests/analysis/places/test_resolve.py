"""resolve_places: an article's mentions placed together, by the context it gives."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.places import resolve_places
from analysis.tables import check
from tests.fixtures.places import (
    ALEXANDRIA_EGYPT,
    ALEXANDRIA_VIRGINIA,
    BEIJING,
    COUNTRY,
    EDMONTON_ALBERTA,
    EDMONTON_KENTUCKY,
    GEORGIA_STATE,
    LONDON_KENTUCKY,
    LONDON_ONTARIO,
    LONDON_UK,
    MINSK,
    MOSCOW,
    SPB_FLORIDA,
    SPB_RUSSIA,
    VIRGINIA,
    WASHINGTON_DC,
    ids_of,
    mentions_of,
    near,
    resolved_ids,
)

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

    assert check(places, "places") == []
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
    assert places.empty and check(places, "places") == []
    empty = mentions_of()
    ids, places = resolve_places(empty, gazetteer=gazetteer)
    assert len(ids) == 0 and check(places, "places") == []


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
