"""The gazetteer: places and the index of their names, and the lookups by name.

gazetteer_build builds a `Gazetteer` and gazetteer_cache caches and loads it; disambiguation
picks among the places a name may mean. The places are held column-wise (`PlaceTable`: arrays
and one list of names) and `Place` objects are made on demand, because there are some 177,000.
"""

from __future__ import annotations

from array import array

from analysis.places.disambiguation import (
    NO_MEMBERS,
    PRIMARY,
    Choice,
    Context,
    Match,
    choose,
    in_likelihood_order,
)
from analysis.places.names import NOT_PLACES, letter_count, name_key
from analysis.places.place import KINDS, Place


class PlaceTable:
    """The places, column-wise: about a third of the memory of one object per place."""

    __slots__ = ("area", "capital", "country", "ids", "kind", "lat", "lon", "names",
                 "population")

    def __init__(self) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.kind = array("b")
        self.country: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.area: list[str] = []  # first-level region code "CC-ADMIN1", or ""
        self.capital = array("b")  # 1 for the capital city of a country

    def __len__(self) -> int:
        return len(self.ids)

    def append(self, place: Place, area: str = "") -> int:
        self.ids.append(place.place_id)
        self.names.append(place.name)
        self.kind.append(KINDS.index(place.kind))
        self.country.append(_intern(place.country_code))
        self.lat.append(place.lat)
        self.lon.append(place.lon)
        self.population.append(place.population)
        self.area.append(_intern(area))
        self.capital.append(0)
        return len(self.ids) - 1

    def place(self, pos: int) -> Place:
        return Place(self.ids[pos], self.names[pos], KINDS[self.kind[pos]], self.country[pos],
                     self.lat[pos], self.lon[pos], self.population[pos])

    def __getstate__(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.country = [_intern(c) for c in self.country]
        self.area = [_intern(a) for a in self.area]


_INTERNED: dict[str, str] = {}


def _intern(text: str) -> str:
    return _INTERNED.setdefault(text, text)


class Gazetteer:
    """Places and the alias index. Build with `load_gazetteer`; treat as read-only."""

    def __init__(self, *, version: str, table: PlaceTable, index: dict[str, tuple[int, ...]],
                 demonyms: dict[str, int] | None = None,
                 members: dict[int, frozenset[str]] | None = None) -> None:
        self.version = version
        self._table = table
        # key -> (position * 4 + PRIMARY | ALTERNATE, ...)
        self._index = index
        self._demonyms = demonyms or {}  # key -> position of the country or area
        # position of an area beyond one country -> the countries it spans or borders
        self._members = members or {}
        self._by_id = {pid: pos for pos, pid in enumerate(table.ids)}
        self._first_words: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._table)

    def place(self, place_id: int) -> Place | None:
        pos = self._by_id.get(place_id)
        return None if pos is None else self._table.place(pos)

    def starts_a_name(self, word: str) -> bool:
        """Whether some place's indexed name starts with this word: a quick test before
        looking up the runs of words that start with it."""
        if self._first_words is None:
            self._first_words = frozenset(key.split(" ", 1)[0].rstrip(".")
                                          for key in self._index)
        return name_key(word).split(" ", 1)[0].rstrip(".") in self._first_words

    def is_capital(self, place: Place) -> bool:
        """Whether the place is a country's capital city."""
        pos = self._by_id.get(place.place_id)
        return pos is not None and bool(self._table.capital[pos])

    def area_codes(self, place: Place) -> frozenset[str]:
        """The context codes that favour this place: its country, and its region if any."""
        pos = self._by_id.get(place.place_id)
        area = self._table.area[pos] if pos is not None else ""
        return frozenset(c for c in (place.country_code, area) if c)

    def _matches(self, name: str) -> list[Match]:
        # a lower-case word ("china", "turkey") is a common noun, not a place
        if not any(ch.isupper() for ch in name):
            return []
        key = name_key(name)
        if letter_count(key) < 2 or key in NOT_PLACES:
            return []
        table, members = self._table, self._members
        return [Match(table.place(code >> 2), code & 3, table.area[code >> 2],
                      bool(table.capital[code >> 2]), members.get(code >> 2, NO_MEMBERS))
                for code in self._index.get(key, ())]

    def matches(self, name: str) -> list[Match]:
        """Every place the name may refer to, with how it is named (disambiguation.Match)."""
        return self._matches(name)

    def bearers(self, name: str) -> list[Place]:
        """The places that bear this name as their own (or as one of our aliases): "Kentucky",
        "U.S."; not those it is a GeoNames alternate or a short form of ("Free" State)."""
        return [m.place for m in self._matches(name) if m.quality == PRIMARY]

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may refer to: `resolve`'s context-free choice, then the rest."""
        matches = self._matches(name)
        return in_likelihood_order(matches) if matches else []

    def resolve(self, name: str, *,
                context_countries: frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means, given what its article names elsewhere.

        `context_countries` holds ISO2 country codes ("RU") and first-level region codes
        ("US-VA", "CA-08"): "Alexandria" beside "Va." is the Virginia city, not the Egyptian one.
        """
        choice = self.choice(name, Context(context_countries))
        return choice.place if choice is not None else None

    def choice(self, name: str, context: Context) -> Choice | None:
        """The place a name most likely means in `context`, the runner-up and a confidence."""
        matches = self._matches(name)
        return choose(matches, context) if matches else None

    def demonym(self, name: str) -> Place | None:
        """The country or area a demonym stands for ("Canadian" -> Canada, "European" ->
        Europe), or None.

        Only the singular adjective counts: "Canadians" are people, not the country.
        """
        if not name[:1].isupper():
            return None
        pos = self._demonyms.get(name_key(name))
        return None if pos is None else self._table.place(pos)
