"""Places named by organisations: "Kentucky State Police", "Edmonton" tagged ORG.

spaCy's small model tags many place names ORG: a town standing for its council, team or
newsroom ("Edmonton", "Red Deer"), a country standing for its government ("Mozambique"), and
the place at the head of an organisation's name ("Kentucky State Police", "the U.S. Food and
Drug Administration", "Texas A&M University"). Pass 5 of places.resolve.resolve_places gives
such a mention the place it names, on evidence that keeps the false hits out:

- the whole name is the own name of a country, continent or region (first- or second-level;
  not a GeoNames alternate or a short form), or of a town of TOWN_MIN_POPULATION or more in a
  region the article itself names ("Edmonton" beside "Alberta"). "Apple" in an article that
  names only the U.S. stays unplaced, as do "Congress" beside "Arizona" (a town of 2,000) and
  "Xinhua" (a GeoNames alternate name of a Hunan town);
- else the longest leading run of words that is the own name of a country, continent or
  region: "Kentucky" in "Kentucky State Police", not "Free" (State) in "Free Syrian Army". A
  town never counts there ("Washington Post", "New York Times").
"""

from __future__ import annotations

from analysis.places.gazetteer import Gazetteer
from analysis.places.names import name_key
from analysis.places.place import Place

AREA_KINDS = frozenset({"country", "continent", "region"})
# an organisation's name is rarely longer than this before its place word gives out
MAX_WORDS = 8
# a smaller town shares its name with common words too often ("Congress", Arizona: 2,000 people)
TOWN_MIN_POPULATION = 15_000


class OrganisationPlaces:
    """The place an organisation's name gives, memoised by name and article setting."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._memo: dict[tuple[str, frozenset[str]], Place | None] = {}
        # name -> (whether it is an area's own name, a big town's, its leading area name)
        self._names: dict[str, tuple[bool, bool, str | None]] = {}
        self._area_names: dict[str, bool] = {}

    def place(self, name: str, setting: frozenset[str]) -> Place | None:
        """`name` cleaned (places.names.clean_mention); `setting` the article's codes."""
        facts = self._names.get(name)
        if facts is None:
            facts = self._names[name] = self._facts(name)
        if not any(facts):
            return None  # most organisations: no lookup in context
        key = (name, setting)
        if key not in self._memo:
            self._memo[key] = self._place(name, setting, *facts)
        return self._memo[key]

    def _facts(self, name: str) -> tuple[bool, bool, str | None]:
        bearers = self._gazetteer.bearers(name)
        area = any(p.kind in AREA_KINDS for p in bearers)
        town = any(p.kind == "city" and p.population >= TOWN_MIN_POPULATION for p in bearers)
        words = name.split()[:MAX_WORDS]
        head = next((head for head in (" ".join(words[:n]) for n in range(len(words) - 1, 0, -1))
                     if self._is_area_name(head)), None)
        return area, town, head

    def _is_area_name(self, head: str) -> bool:
        # organisations share their leading words ("United", "New York"): look each up once
        known = self._area_names.get(head)
        if known is None:
            known = self._area_names[head] = any(
                p.kind in AREA_KINDS for p in self._gazetteer.bearers(head))
        return known

    def _place(self, name: str, setting: frozenset[str], area: bool, town: bool,
               head: str | None) -> Place | None:
        gazetteer = self._gazetteer
        place = gazetteer.resolve(name, context_countries=setting) if area or town else None
        if place is not None and ((place.kind in AREA_KINDS and area) or (
                place.kind == "city" and place.population >= TOWN_MIN_POPULATION
                # by its own name: "Xinhua" (news) is a GeoNames alternate of a Hunan town
                and name_key(place.name) == name_key(name)
                and any("-" in code for code in gazetteer.area_codes(place) & setting))):
            return place
        place = None if head is None else gazetteer.resolve(head, context_countries=setting)
        return place if place is not None and place.kind in AREA_KINDS else None
