"""Resolve place mentions to GeoNames places, offline by default.

The gazetteer holds the places and the alias index; this module resolves an article's GPE/LOC
mentions together, so that the countries an article names steer its ambiguous names
("St. Petersburg" beside "Russia" is not the one in Florida). The optional online fallback,
`OnlineGeocoder` (places.geocoder), is off unless the caller constructs one and passes it in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict

import numpy as np
import pandas as pd

from analysis.places.gazetteer import Gazetteer
from analysis.places.geocoder import OnlineGeocoder
from analysis.places.names import clean_mention, name_key
from analysis.places.organisations import OrganisationPlaces
from analysis.places.place import Place
from analysis.tables import SCHEMAS, conform, empty

# spaCy labels that name places. FAC (buildings, airports, bridges) is left out by default: in
# 300 AllSides articles 9 in 10 FAC mentions matched nothing, and the rest were as often wrong
# as right ("Metro" became a city in Indonesia)
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC"})
# labels whose mentions are placed only when they are a country's demonym ("Turkish" -> Turkey):
# "a Turkish policeman" and "Chinese and Russian leaders" stand for the country; a plural
# ("Canadians") names people and is left alone, as is every other NORP ("Republicans")
DEMONYM_LABELS: frozenset[str] = frozenset({"NORP"})
# labels spaCy's small model often gives a place it labels GPE elsewhere in the same article
# ("Edmonton" as ORG, "Aleppo" as NORP, "Cairns" as PERSON): such a mention takes the place the
# article's place-labelled mention of the same name resolved to (pass 4 of resolve_places)
ECHO_LABELS: frozenset[str] = frozenset({"ORG", "PERSON", "NORP", "FAC", "PRODUCT"})
# labels of organisations, whose names often are or begin with a place ("Kentucky State
# Police"): pass 5 of resolve_places places them (places.organisations)
ORG_LABELS: frozenset[str] = frozenset({"ORG"})
# what a resolved mention tells about the article's setting; a city says too little
# ("Paris" may be the one in Texas), and a continent names no country
CONTEXT_KINDS = frozenset({"country", "region"})
# a town that lies this close to another town the article names wins over its namesakes
# ("London" beside "Kitchener" and "Sarnia" is London, Ontario)
NEAR_KM = 100.0


def resolve_places(mentions: pd.DataFrame, *, gazetteer: Gazetteer,
                   geocoder: OnlineGeocoder | None = None,
                   labels: frozenset[str] = PLACE_LABELS,
                   demonym_labels: frozenset[str] = DEMONYM_LABELS,
                   echo_labels: frozenset[str] = ECHO_LABELS,
                   org_labels: frozenset[str] = ORG_LABELS,
                   ) -> tuple[pd.Series, pd.DataFrame]:
    """Place ids for `mentions` (aligned to its index, Int64, <NA> when none) and the places.

    `mentions` needs article_id, text and label; rows labelled other than `labels` and
    `demonym_labels` get <NA>. Each article is resolved in three passes:
    1. every name on its own; the names that resolve to countries or first-level regions, and
       the demonyms, give the article's context (country codes, and region codes such as "US-VA"
       or "CA-08");
    2. every name with that context. A name never counts as its own context, so "Georgia"
       beside "U.S." is the state and "Georgia" alone the country;
    3. a town none of whose namesakes is favoured by context moves to the namesake that lies
       within NEAR_KM of another town the article names, when its own choice lies near none.
    A place mention that is also a PERSON mention's surname in the same article ("Obama") is
    left unresolved (a one-word PERSON mention alone does not count: spaCy's small model tags
    "Cairns" PERSON as readily as GPE). Finally (pass 4) a mention with one of `echo_labels`
    takes the place that a place-labelled mention of the same name in the same article
    resolved to. Demonyms ("Turkish") stand for their country; a demonym-labelled mention
    is placed only through the demonym list, a place-labelled one through it when no place has
    that name. Last (pass 5) a mention with one of `org_labels` still unplaced takes the place
    its name is, or begins with, on the evidence analysis.placeorgs requires ("Kentucky State
    Police" -> Kentucky; "Edmonton" beside "Alberta" -> Edmonton).
    """
    values = pd.array([pd.NA] * len(mentions), dtype="Int64")
    label = mentions["label"]
    has_text = mentions["text"].notna()
    is_place = (label.isin(list(labels)) & has_text).to_numpy(bool)
    is_demonym = (label.isin(list(demonym_labels - labels)) & has_text).to_numpy(bool)
    is_org = (label.isin(list(org_labels)) & has_text).to_numpy(bool, copy=True)
    if not (is_place.any() or is_demonym.any() or is_org.any()):
        return pd.Series(values, index=mentions.index, name="place_id"), empty("places")

    articles, names = _article_names(mentions, is_place)
    demonym_articles, demonym_names = _article_names(mentions, is_demonym)
    countries = {name: gazetteer.demonym(name) for name in set(demonym_names)}
    people = _people_by_article(mentions)
    names_by_article: dict[str, set[str]] = {}
    for article_id, name in zip(articles, names, strict=True):
        if name not in people.get(article_id, ()):
            names_by_article.setdefault(article_id, set()).add(name)
    demonyms_by_article: dict[str, set[str]] = {}
    for article_id, name in zip(demonym_articles, demonym_names, strict=True):
        if countries[name] is not None:
            demonyms_by_article.setdefault(article_id, set()).add(countries[name].country_code)

    alone = _NamesAlone(set(names), gazetteer, geocoder)  # pass 1
    resolved: dict[tuple[str, str], Place] = {}
    for article_id, article_names in names_by_article.items():
        chosen = alone.in_context(article_names, demonyms_by_article.get(article_id, set()))
        for name, place in _nearby(chosen, alone.choices, gazetteer).items():  # pass 3
            chosen[name] = (place, chosen[name][1])
        for name, (place, _) in chosen.items():
            resolved[(article_id, name)] = place

    # positional, so that a duplicated index in `mentions` cannot misalign the ids
    values[is_place.nonzero()[0]] = _ids(resolved.get(pair)
                                         for pair in zip(articles, names, strict=True))
    values[is_demonym.nonzero()[0]] = _ids(countries[name] for name in demonym_names)
    # pass 4: the same name under another label in the same article ("Edmonton" as ORG after
    # "Edmonton" as GPE) is the same place, unless it is a person's surname there
    is_echo = (label.isin(list(echo_labels - labels)) & has_text).to_numpy(bool, copy=True)
    is_echo &= pd.isna(values)
    if is_echo.any() and resolved:
        echo_articles, echo_names = _article_names(mentions, is_echo)
        values[is_echo.nonzero()[0]] = _ids(
            None if n in people.get(a, ()) else resolved.get((a, n))
            for a, n in zip(echo_articles, echo_names, strict=True))
    # pass 5: an organisation named by a place ("Kentucky State Police"; "Edmonton" as ORG in
    # an article that names Alberta), unless the name is a person's there
    is_org &= pd.isna(values)
    orgs: list[Place | None] = []
    if is_org.any():
        org_articles, org_names = _article_names(mentions, is_org)
        settings = {a: alone.setting(n, demonyms_by_article.get(a, set()))
                    for a, n in names_by_article.items()}
        by_name = OrganisationPlaces(gazetteer)
        orgs = [None if n in people.get(a, ()) else by_name.place(n, settings.get(a, frozenset()))
                for a, n in zip(org_articles, org_names, strict=True)]
        values[is_org.nonzero()[0]] = _ids(orgs)
    place_ids = pd.Series(values, index=mentions.index, name="place_id")
    used = [*resolved.values(), *(p for p in countries.values() if p is not None),
            *(p for p in orgs if p is not None)]
    return place_ids, _places_table(used, place_ids)


class _NamesAlone:
    """Pass 1 of resolve_places, every distinct name on its own, and what pass 2 needs of it."""

    def __init__(self, names: set[str], gazetteer: Gazetteer,
                 geocoder: OnlineGeocoder | None) -> None:
        self._gazetteer = gazetteer
        self.places = {name: _alone(name, gazetteer) for name in names}
        if geocoder is not None:
            for name, place in self.places.items():
                if place is None:
                    self.places[name] = geocoder.geocode(name)
        self._keys = {name: name_key(name) for name in self.places}
        # the names context may change: those with more than one candidate
        self.choices: dict[str, list[Place]] = {}
        for name, place in self.places.items():
            # a demonym stays its country whatever the context (see _alone)
            fixed = place is None or (place.kind == "country" and gazetteer.demonym(name) == place)
            candidates = [] if fixed else gazetteer.candidates(name)
            if len(candidates) > 1:
                self.choices[name] = candidates
        # context can only change the choice among a name's candidates, so only the candidates'
        # codes matter; this keeps the memo below small on a large corpus
        self._codes = {name: frozenset().union(*map(gazetteer.area_codes, candidates))
                       for name, candidates in self.choices.items()}
        # the setting an article gives by naming a country or region, when the name is not also
        # another country's or region's ("Georgia", "Monroe County"): a wrong guess there would
        # mislead every other name in the article
        self._setting = {
            name: gazetteer.area_codes(place) for name, place in self.places.items()
            if place is not None and place.kind in CONTEXT_KINDS
            and not any(c.kind != "city" and c != place for c in self.choices.get(name, ()))}
        self._in_context: dict[tuple[str, frozenset[str]], Place | None] = {}

    def setting(self, article_names: set[str], from_demonyms: set[str]) -> frozenset[str]:
        """The codes of the countries and regions an article names (and its demonyms')."""
        return frozenset().union(from_demonyms,
                                 *(self._setting[n] for n in article_names if n in self._setting))

    def in_context(self, article_names: set[str], from_demonyms: set[str],
                   ) -> dict[str, tuple[Place, frozenset[str]]]:
        """Pass 2: each of an article's names with the countries (and regions) it names
        elsewhere; name -> (place, the context codes that chose it)."""
        by_key = {self._keys[n]: self._setting[n] for n in article_names if n in self._setting}
        chosen: dict[str, tuple[Place, frozenset[str]]] = {}
        for name in article_names:
            place, context = self.places[name], frozenset()
            if name in self.choices and (by_key or from_demonyms):
                named = [c for key, c in by_key.items() if key != self._keys[name]]
                context = self._codes[name] & frozenset().union(from_demonyms, *named)
                if context:
                    if (name, context) not in self._in_context:
                        self._in_context[(name, context)] = self._gazetteer.resolve(
                            name, context_countries=context)
                    place = self._in_context[(name, context)]
            if place is not None:
                chosen[name] = (place, context)
        return chosen


def _alone(name: str, gazetteer: Gazetteer) -> Place | None:
    """A place-labelled name on its own: a place, or the country of a demonym.

    A demonym beats the towns named like it: a "Canadian" is Canada, not Canadian, Texas.
    """
    place = gazetteer.resolve(name)
    if place is None or place.kind == "city":
        return gazetteer.demonym(name) or place
    return place


def _nearby(chosen: dict[str, tuple[Place, frozenset[str]]], choices: dict[str, list[Place]],
            gazetteer: Gazetteer) -> dict[str, Place]:
    """Towns to move next to the article's other towns (pass 3 of resolve_places)."""
    towns = [(name, place) for name, (place, _) in chosen.items() if place.kind == "city"]
    if len(towns) < 2:
        return {}
    moved = {}
    for name, place in towns:
        if name not in choices:
            continue
        context = chosen[name][1]
        # context that picked this town (a region the article names) is firmer than proximity
        if context and gazetteer.area_codes(place) & context:
            continue
        others = [(p.lat, p.lon) for n, p in towns if n != name]
        if _near_any(place, others):
            continue
        near = [c for c in choices[name] if c.kind == "city" and c != place
                and _near_any(c, others)]
        if near:
            moved[name] = max(near, key=lambda c: (c.population, -c.place_id))
    return moved


def _near_any(place: Place, points: list[tuple[float, float]]) -> bool:
    return any(_km(place.lat, place.lon, lat, lon) <= NEAR_KM for lat, lon in points)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _article_names(mentions: pd.DataFrame, rows: np.ndarray) -> tuple[list[str], list[str]]:
    """The article ids and cleaned texts of the selected rows, as plain lists."""
    # plain lists: iterating Arrow-backed string columns element by element is slow
    articles = mentions.loc[rows, "article_id"].astype(str).tolist()
    texts = mentions.loc[rows, "text"].tolist()
    cleaned = {text: clean_mention(text) for text in set(texts)}
    return articles, [cleaned[text] for text in texts]


def _people_by_article(mentions: pd.DataFrame) -> dict[str, set[str]]:
    # spaCy's small model tags some surnames as places ("Pompeo", "Obama", "Chávez"); in an
    # article that also names the person in full, the name is the person's
    is_person = (mentions["label"] == "PERSON").fillna(False).to_numpy(bool)
    people: dict[str, set[str]] = {}
    persons = mentions.loc[is_person, ["article_id", "text"]]
    texts = persons["text"].tolist()
    cleaned = {text: clean_mention(text) for text in set(texts) if isinstance(text, str)}
    for article_id, text in zip(persons["article_id"].astype(str).tolist(), texts, strict=True):
        name = cleaned.get(text, "")
        # "Li's Russia" is spaCy running a possessive into the next word, not a name
        if " " in name and "'s " not in name:
            people.setdefault(article_id, set()).update((name, name.split()[-1]))
    return people


def _ids(places: Iterable[Place | None]) -> pd.api.extensions.ExtensionArray:
    places = list(places)
    ids = np.fromiter((0 if p is None else p.place_id for p in places), np.int64, len(places))
    missing = np.fromiter((p is None for p in places), bool, len(places))
    return pd.arrays.IntegerArray(ids, missing)


def _places_table(places: list[Place], place_ids: pd.Series) -> pd.DataFrame:
    """The places table: one row for each place that some mention was resolved to."""
    present = set(place_ids.dropna().tolist())
    used = {place.place_id: place for place in places if place.place_id in present}
    table = pd.DataFrame([asdict(used[pid]) for pid in sorted(used)],
                         columns=list(SCHEMAS["places"]))
    return conform(table, "places")
