"""What the gazetteer says of a name, and which names are people's: the evidence the rules of
places.recognise weigh. `NameFacts` memoises the gazetteer's answer per name (a corpus repeats
its names); only a place's own names count as evidence here, for GeoNames' alternate names
hold "Google" (Topeka), "Drug" (Durg) and "Free" (Free State).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

import analysis.places.textcues as textcues
from analysis.places.disambiguation import PRIMARY
from analysis.places.gazetteer import Gazetteer
from analysis.places.names import clean_mention
from analysis.places.place import Place
from analysis.places.textcues import Span

AREA_KINDS = frozenset({"country", "region", "continent", "sea"})
# a town this big is known by its name alone ("Aleppo", "Winnipeg")
BIG_TOWN = 100_000
# a region this big is a first-level one ("Tamil Nadu"), not a county ("Angus"), which a
# PERSON label more often is a person's name
BIG_REGION = 1_000_000
# smaller towns are not found by their name alone, only in a region the article names, or
# with their region written after them ("Churchill, Man.")
SMALL_TOWN = 1_000
# a town this big is found in a country the article names ("the town of Karak", Jordan)
COUNTRY_TOWN = 15_000


class NameFacts:
    """What the gazetteer says of a name, memoised: the corpus repeats its names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = self._gazetteer = gazetteer
        self._memo: dict[str, Facts] = {}
        self._pieces: dict[str, tuple[tuple[int, int, str], ...]] = {}

    def facts(self, text: str) -> Facts:
        found = self._memo.get(text)
        if found is None:
            name = clean_mention(text)
            # only a place's own names are evidence here: GeoNames' alternate names hold
            # "Google" (Topeka), "Drug" (Durg) and "Free" (Free State)
            matches = self._gazetteer.matches(name)
            own = [m for m in matches if m.quality == PRIMARY]
            top = self._gazetteer.resolve(name) if own else None
            big = [m.place for m in own if m.place.kind in AREA_KINDS or m.capital
                   or m.place.population >= BIG_TOWN]
            towns = [m for m in own if m.place.kind == "city"]
            found = self._memo[text] = Facts(
                bool(matches), top, bool(big),
                any(p.kind != "city" and (p.population >= BIG_REGION or not p.country_code)
                    for p in big) or any(p.kind == "city" for p in big),
                frozenset(m.area for m in towns if m.area and m.place.population >= SMALL_TOWN),
                frozenset(m.area or m.place.country_code for m in towns),
                frozenset(m.place.country_code for m in towns
                          if m.place.population >= COUNTRY_TOWN))
        return found

    def place(self, text: str) -> Place | None:
        return self.facts(text).top

    def firm(self, text: str) -> bool:
        return self.facts(text).firm

    def town_in(self, text: str, codes: frozenset[str], *, any_size: bool = False,
                by_country: bool = False) -> bool:
        """Whether the name is a town of SMALL_TOWN people or more (`any_size`: of any size)
        in one of these regions, or (`by_country`) of COUNTRY_TOWN people or more in one of
        these countries."""
        facts = self.facts(text)
        areas = facts.any_town_areas if any_size else facts.town_areas
        return not areas.isdisjoint(codes) or (
            by_country and not facts.town_countries.isdisjoint(codes))

    def codes(self, text: str) -> frozenset[str]:
        place = self.place(text)
        return self._gazetteer.area_codes(place) if place is not None else frozenset()

    def pieces(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """The word runs of a name that are some place's own name, longest first, as
        (start, end, text) inside it."""
        found = self._pieces.get(text)
        if found is None:
            found = self._pieces[text] = tuple(
                (span.start, span.end, span.text)
                for span in textcues.sub_spans(Span(0, len(text), text),
                                               can_start=self._gazetteer.starts_a_name)
                if self.place(span.text) is not None)
        return found


@dataclass(frozen=True, slots=True)
class Facts:
    known: bool  # some place bears the name, by any of its names
    top: Place | None  # the context-free choice among the places that bear it as their own
    firm: bool  # the own name of an area, a capital or a big town
    famous: bool  # firm, and no county-sized area: what a PERSON label may hide
    town_areas: frozenset[str]  # the regions of its towns of SMALL_TOWN people or more
    any_town_areas: frozenset[str]  # the regions (or countries) of all its towns
    town_countries: frozenset[str]  # the countries of its towns of COUNTRY_TOWN or more


def people_names(texts: Iterable[str]) -> frozenset[str]:
    """The names of people in an article: each multi-word PERSON name, its first and last
    words ("Barack Obama" -> "Obama")."""
    out: set[str] = set()
    for text in texts:
        name = clean_mention(text)
        parts = name.split()
        # "Li's Russia" is spaCy running a possessive into the next word, not a name
        if len(parts) > 1 and "'s " not in name:
            out.update((name, parts[0], parts[-1]))
    return frozenset(out)


def corpus_surnames(mentions: pd.DataFrame, *, min_articles: int) -> frozenset[str]:
    """The last words of multi-word PERSON names in at least `min_articles` articles."""
    persons = mentions.loc[mentions["label"] == "PERSON", ["article_id", "text"]]
    seen: dict[str, set[str]] = {}
    for article_id, text in zip(persons["article_id"].tolist(), persons["text"].tolist(),
                                strict=True):
        parts = clean_mention(text).split() if isinstance(text, str) else []
        if len(parts) > 1 and "'s" not in text:
            seen.setdefault(parts[-1], set()).add(article_id)
    return frozenset(name for name, ids in seen.items() if len(ids) >= min_articles)
