"""Pass 1 and 2 of resolve_mentions: every distinct place name on its own, then each of an
article's names with the context the article gives (the countries and regions it names, its
home, a region written after the name)."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.places.disambiguation import Choice, Context
from analysis.places.gazetteer import Gazetteer
from analysis.places.geocoder import OnlineGeocoder
from analysis.places.names import name_key
from analysis.places.place import Place

# what a resolved mention tells about the article's setting; a city says too little
# ("Paris" may be the one in Texas), and a continent names no country
CONTEXT_KINDS = frozenset({"country", "region"})
# a town this big, with no namesake a fiftieth its size, names its region as a region would
# ("Atlanta": "Georgia" beside it is the state)
FIRM_TOWN = 100_000
FIRM_TOWN_MARGIN = 50


class NamesAlone:
    """Pass 1 of resolve_mentions, every distinct name on its own, and what pass 2 needs."""

    def __init__(self, names: set[str], gazetteer: Gazetteer,
                 geocoder: OnlineGeocoder | None) -> None:
        self._gazetteer = gazetteer
        self.alone = {name: alone(name, gazetteer) for name in names}
        if geocoder is not None:
            for name, choice in self.alone.items():
                if choice is None:
                    place = geocoder.geocode(name)
                    self.alone[name] = Choice(place, None, 1.0) if place else None
        self._keys = {name: name_key(name) for name in self.alone}
        # the names context may change: those with more than one candidate
        self.choices: dict[str, list[Place]] = {}
        for name, choice in self.alone.items():
            # a demonym stays its country whatever the context (see _alone)
            fixed = choice is None or gazetteer.demonym(name) == choice.place
            candidates = [] if fixed else gazetteer.candidates(name)
            if len(candidates) > 1:
                self.choices[name] = candidates
        # context can only change the choice among a name's candidates, so only the candidates'
        # codes matter; this keeps the memo below small on a large corpus
        self._codes = {name: frozenset().union(*map(gazetteer.area_codes, candidates))
                       for name, candidates in self.choices.items()}
        # the setting an article gives by naming a country or region, when the name is not also
        # another country's or region's ("Georgia", "Monroe County"): a wrong guess there would
        # mislead every other name in the article; a big town with no namesake near its size
        # gives its region ("Atlanta")
        self._setting: dict[str, frozenset[str]] = {}
        for name, choice in self.alone.items():
            if choice is None:
                continue
            place, others = choice.place, self.choices.get(name, ())
            if place.kind in CONTEXT_KINDS and not any(
                    c.kind != "city" and c != place for c in others):
                self._setting[name] = gazetteer.area_codes(place)
            elif place.kind == "city" and place.population >= FIRM_TOWN and all(
                    c == place or c.population * FIRM_TOWN_MARGIN < place.population
                    for c in others):
                self._setting[name] = gazetteer.area_codes(place) - {place.country_code}
        self._in_context: dict[tuple[str, Context], Choice | None] = {}

    def codes(self, name: str) -> frozenset[str]:
        """The country and region of the name's context-free place."""
        choice = self.alone.get(name)
        return self._gazetteer.area_codes(choice.place) if choice else frozenset()

    def firm_codes(self, name: str) -> frozenset[str]:
        """The codes of a name that means one place whatever the context, or that sets it."""
        if name in self._setting:
            return self._setting[name]
        return frozenset() if name in self.choices else self.codes(name)

    def setting_of(self, name: str) -> frozenset[str]:
        return self._setting.get(name, frozenset())

    def region_codes(self, name: str) -> frozenset[str]:
        """The region codes ("US-NY") of the name's region candidates."""
        return frozenset(c for p in self.choices.get(name, ()) if p.kind == "region"
                         for c in self._gazetteer.area_codes(p) if "-" in c)

    def is_region(self, name: str) -> bool:
        """Whether the name is, whatever the context, a first- or second-level region."""
        choice = self.alone.get(name)
        return (choice is not None and choice.place.kind == "region"
                and name in self._setting and bool(choice.place.country_code))

    def in_context(self, article_names: Iterable[str], from_demonyms: set[str], *,
                   home: frozenset[str], pinned: dict[str, frozenset[str]],
                   as_regions: frozenset[str] = frozenset(),
                   datelines: frozenset[str] = frozenset(),
                   ) -> dict[str, tuple[Choice, Context]]:
        """Pass 2: each of an article's names with what the article says elsewhere;
        name -> (choice, the context that chose it)."""
        by_key = {self._keys[n]: self._setting[n] for n in article_names if n in self._setting}
        chosen: dict[str, tuple[Choice, Context]] = {}
        for name in article_names:
            choice, context = self.alone[name], Context()
            if name in datelines and (choice is None or name in self.choices):
                # a dateline may name a village ("BANTAM —"), which no name alone would give
                key = self._keys[name]
                named = [c for k, c in by_key.items() if k != key]
                context = Context(frozenset().union(from_demonyms, *named), home,
                                  pinned.get(key, frozenset()), dateline=True)
                choice = self._gazetteer.choice(name, context)
            elif name in self.choices and (by_key or from_demonyms or home or pinned
                                           or as_regions):
                key = self._keys[name]
                named = [c for k, c in by_key.items() if k != key]
                codes = self._codes[name]
                context = Context(codes & frozenset().union(from_demonyms, *named),
                                  codes & home, codes & pinned.get(key, frozenset()),
                                  as_region=key in as_regions)
                if context:
                    if (name, context) not in self._in_context:
                        self._in_context[(name, context)] = self._gazetteer.choice(name, context)
                    choice = self._in_context[(name, context)]
            if choice is not None:
                chosen[name] = (choice, context)
        return chosen


def alone(name: str, gazetteer: Gazetteer) -> Choice | None:
    """A place-labelled name on its own: a place, or the country or area of a demonym.

    A demonym beats the towns named like it: a "Canadian" is Canada, not Canadian, Texas.
    """
    choice = gazetteer.choice(name, Context())
    if choice is None or choice.place.kind == "city":
        demonym = gazetteer.demonym(name)
        if demonym is not None:
            return Choice(demonym, choice.place if choice else None, 1.0)
    return choice
