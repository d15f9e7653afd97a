"""Resolve place mentions to GeoNames places, offline by default.

The gazetteer holds the places and the alias index; this module resolves an article's place
mentions together, so that what the article names steers its ambiguous names ("St. Petersburg"
beside "Russia" is not the one in Florida). places.recognise finds the mentions first (and
records how); the optional online fallback, `OnlineGeocoder` (places.geocoder), is off unless
the caller constructs one and passes it in.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.places.context import ArticleCues, doubtful_names, people_by_article
from analysis.places.disambiguation import Choice, Context
from analysis.places.gazetteer import Gazetteer
from analysis.places.geocoder import OnlineGeocoder
from analysis.places.names import clean_mention, name_key
from analysis.places.place import PLACE_LABELS, Place
from analysis.tables import SCHEMAS, conform, empty

# labels whose mentions are placed only when they are a demonym ("Turkish" -> Turkey,
# "European" -> Europe): "a Turkish policeman" and "Chinese and Russian leaders" stand for the
# country; a plural ("Canadians") names people and is left alone, as is every other NORP
DEMONYM_LABELS: frozenset[str] = frozenset({"NORP"})
# what a resolved mention tells about the article's setting; a city says too little
# ("Paris" may be the one in Texas), and a continent names no country
CONTEXT_KINDS = frozenset({"country", "region"})
# a town that lies this close to another town the article names wins over its namesakes
# ("London" beside "Kitchener" and "Sarnia" is London, Ontario)
NEAR_KM = 100.0
# the namesakes of each of two lonely towns compared for nearness to each other
NEAR_PAIR_CANDIDATES = 30
# how sure a town moved next to the article's other towns is: a guess by nearness
MOVED_CONFIDENCE = 0.5
# a town this big, with no namesake a fiftieth its size, names its region as a region would
# ("Atlanta": "Georgia" beside it is the state)
FIRM_TOWN = 100_000
FIRM_TOWN_MARGIN = 50
# a town smaller than this whose name the corpus more often gives a person or labels
# otherwise ("Obama", "Media") is placed only in a region the article names
NAMESAKE_TOWN = 100_000


@dataclass(frozen=True)
class Resolution:
    """resolve_mentions' answer, aligned to the mentions' index: the place id (<NA> when
    none), the rule that found it (the mention's place_rule, "ner" when it had none), the
    confidence and the runner-up candidate's id; and the places table (every place chosen or
    runner-up)."""

    place_id: pd.Series
    rule: pd.Series
    confidence: pd.Series
    runner_up: pd.Series
    places: pd.DataFrame


def resolve_places(mentions: pd.DataFrame, *, gazetteer: Gazetteer,
                   geocoder: OnlineGeocoder | None = None,
                   labels: frozenset[str] = PLACE_LABELS,
                   demonym_labels: frozenset[str] = DEMONYM_LABELS,
                   ) -> tuple[pd.Series, pd.DataFrame]:
    """Place ids for `mentions` (aligned to its index, Int64, <NA> when none) and the places
    chosen (see resolve_mentions)."""
    found = resolve_mentions(mentions, gazetteer=gazetteer, geocoder=geocoder, labels=labels,
                             demonym_labels=demonym_labels)
    chosen = set(found.place_id.dropna().tolist())
    return found.place_id, found.places[found.places["place_id"].isin(chosen)].reset_index(
        drop=True)


def resolve_mentions(mentions: pd.DataFrame, *, gazetteer: Gazetteer,
                     geocoder: OnlineGeocoder | None = None,
                     labels: frozenset[str] = PLACE_LABELS,
                     demonym_labels: frozenset[str] = DEMONYM_LABELS) -> Resolution:
    """Places for `mentions`: article_id, text and label; start and end (character offsets)
    and place_rule (places.recognise) when known. Rows labelled other than `labels` and
    `demonym_labels` get none. Each article is resolved in three passes:
    1. every name on its own; the names that resolve to countries or first-level regions (and
       big towns, for their region), and the demonyms, give the article's context: the codes
       it names, and its home: the dateline's country and region, and the region most of its
       places lie in (HOME_MIN_MENTIONS); a name followed by its region ("Athens, Ga.") is
       pinned to it;
    2. every name with that context. A name never counts as its own context, so "Georgia"
       beside "U.S." is the state and "Georgia" alone the country;
    3. a town none of whose namesakes is favoured by context moves to the namesake that lies
       within NEAR_KM of another town the article names, when its own choice lies near none;
       two such towns whose namesakes lie near each other move together ("Edmonton" and
       "Enfield", north London). A moved town's confidence is MOVED_CONFIDENCE.
    A place mention that is also a person's name in the same article ("Obama" beside "Barack
    Obama") is left unresolved, and so is a town under NAMESAKE_TOWN whose name the corpus
    labels a place in fewer than half its mentions or gives a person ("Obama", Japan; "Media",
    Pennsylvania) unless the article names its region. Demonyms ("Turkish", "European") stand
    for their country or area; a demonym-labelled mention is placed only through the demonym
    list, a place-labelled one through it when no place has that name.
    """
    n = len(mentions)
    values = pd.array([pd.NA] * n, dtype="Int64")
    confidence = np.full(n, np.nan)
    runner_up = pd.array([pd.NA] * n, dtype="Int64")
    label = mentions["label"]
    has_text = mentions["text"].notna()
    is_place = (label.isin(list(labels)) & has_text).to_numpy(bool)
    is_demonym = (label.isin(list(demonym_labels - labels)) & has_text).to_numpy(bool)

    def result(places: list[Place]) -> Resolution:
        index = mentions.index
        ids = pd.Series(values, index=index, name="place_id")
        rules = (mentions["place_rule"].astype("string") if "place_rule" in mentions
                 else pd.Series(pd.NA, index=index, dtype="string"))
        rules = rules.fillna("ner").where(ids.notna()).rename("place_rule")
        return Resolution(ids, rules,
                          pd.Series(confidence, index=index, name="place_confidence"),
                          pd.Series(runner_up, index=index, name="place_runner_up"),
                          _places_table(places))

    if not (is_place.any() or is_demonym.any()):
        return result([])

    articles, names = _article_names(mentions, is_place)
    demonym_articles, demonym_names = _article_names(mentions, is_demonym)
    countries = {name: gazetteer.demonym(name) for name in set(demonym_names)}
    people = people_by_article(mentions, gazetteer)
    doubtful = doubtful_names(mentions, set(names), people)
    names_by_article: dict[str, Counter] = {}
    for article_id, name in zip(articles, names, strict=True):
        if name not in people.get(article_id, ()):
            names_by_article.setdefault(article_id, Counter())[name] += 1
    demonyms_by_article: dict[str, set[str]] = {}
    for article_id, name in zip(demonym_articles, demonym_names, strict=True):
        place = countries[name]
        if place is not None and place.country_code:
            demonyms_by_article.setdefault(article_id, set()).add(place.country_code)
    cues = ArticleCues(mentions, is_place, articles, names)

    alone = NamesAlone(set(names), gazetteer, geocoder)  # pass 1
    resolved: dict[tuple[str, str], Choice] = {}
    for article_id, article_names in names_by_article.items():
        chosen = alone.in_context(article_names, demonyms_by_article.get(article_id, set()),
                                  home=cues.home(article_id, alone),
                                  pinned=cues.pinned(article_id, alone),
                                  as_regions=cues.as_regions(article_id, alone),
                                  datelines=cues.datelines(article_id))
        for name, place in _nearby(chosen, alone.choices, gazetteer).items():  # pass 3
            old, context = chosen[name]
            chosen[name] = (Choice(place, old.place, MOVED_CONFIDENCE), context)
        for name, (choice, context) in chosen.items():
            place = choice.place
            if (name in doubtful and place.kind == "city" and place.population < NAMESAKE_TOWN
                    and not _in_named_region(place, context, gazetteer)):
                continue
            resolved[(article_id, name)] = choice

    place_rows = is_place.nonzero()[0]
    choices = [resolved.get(pair) for pair in zip(articles, names, strict=True)]
    values[place_rows] = _ids(c.place if c else None for c in choices)
    runner_up[place_rows] = _ids(c.runner_up if c else None for c in choices)
    confidence[place_rows] = [c.confidence if c else np.nan for c in choices]
    demonym_rows = is_demonym.nonzero()[0]
    values[demonym_rows] = _ids(countries[name] for name in demonym_names)
    confidence[demonym_rows] = [np.nan if countries[name] is None else 1.0
                                for name in demonym_names]
    used = [*(c.place for c in resolved.values()),
            *(c.runner_up for c in resolved.values() if c.runner_up is not None),
            *(p for p in countries.values() if p is not None)]
    return result(used)


class NamesAlone:
    """Pass 1 of resolve_mentions, every distinct name on its own, and what pass 2 needs."""

    def __init__(self, names: set[str], gazetteer: Gazetteer,
                 geocoder: OnlineGeocoder | None) -> None:
        self._gazetteer = gazetteer
        self.alone = {name: _alone(name, gazetteer) for name in names}
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


def _alone(name: str, gazetteer: Gazetteer) -> Choice | None:
    """A place-labelled name on its own: a place, or the country or area of a demonym.

    A demonym beats the towns named like it: a "Canadian" is Canada, not Canadian, Texas.
    """
    choice = gazetteer.choice(name, Context())
    if choice is None or choice.place.kind == "city":
        demonym = gazetteer.demonym(name)
        if demonym is not None:
            return Choice(demonym, choice.place if choice else None, 1.0)
    return choice


def _nearby(chosen: dict[str, tuple[Choice, Context]], choices: dict[str, list[Place]],
            gazetteer: Gazetteer) -> dict[str, Place]:
    """Towns to move next to the article's other towns (pass 3 of resolve_mentions)."""
    towns = [(name, c.place) for name, (c, _) in chosen.items() if c.place.kind == "city"]
    if len(towns) < 2:
        return {}
    capitals = {name: gazetteer.is_capital(place) for name, place in towns}
    moved: dict[str, Place] = {}
    lonely: list[str] = []  # towns near no other, that nothing moved
    for name, place in towns:
        if name not in choices:
            continue
        context = chosen[name][1]
        # context that picked this town (a region the article names) is firmer than proximity
        if context and gazetteer.area_codes(place) & context.codes():
            continue
        # a capital often stands for its government ("talks with Washington"): no evidence
        # of where the story happens ("Vienna" beside "Washington" is not Vienna, Virginia)
        others = [(p.lat, p.lon) for n, p in towns if n != name and not capitals[n]]
        if _near_any(place, others):
            continue
        near = [c for c in choices[name] if c.kind == "city" and c != place
                and _near_any(c, others)]
        if near:
            moved[name] = max(near, key=lambda c: (c.population, -c.place_id))
        elif not gazetteer.is_capital(place):
            lonely.append(name)
    # two such towns whose namesakes lie near each other move together: "Edmonton" and
    # "Enfield" in one story are the two places in north London (a capital stays: "London"
    # and "Paris" are not the two towns in Ontario)
    for first, second in itertools.combinations(lonely, 2):
        if first in moved or second in moved:
            continue
        pairs = [(a, b) for a in choices[first][:NEAR_PAIR_CANDIDATES] if a.kind == "city"
                 for b in choices[second][:NEAR_PAIR_CANDIDATES] if b.kind == "city"
                 and _km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM]
        if pairs:
            a, b = max(pairs, key=lambda ab: min(ab[0].population, ab[1].population))
            moved[first], moved[second] = a, b
    return moved


def _in_named_region(place: Place, context: Context, gazetteer: Gazetteer) -> bool:
    """Whether the context holds the place's region (not only its country)."""
    return bool(gazetteer.area_codes(place) - {place.country_code} & context.codes())


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


def _ids(places: Iterable[Place | None]) -> pd.api.extensions.ExtensionArray:
    places = list(places)
    ids = np.fromiter((0 if p is None else p.place_id for p in places), np.int64, len(places))
    missing = np.fromiter((p is None for p in places), bool, len(places))
    return pd.arrays.IntegerArray(ids, missing)


def _places_table(places: list[Place]) -> pd.DataFrame:
    """The places table: one row for each place chosen or runner-up."""
    used = {place.place_id: place for place in places}
    table = pd.DataFrame([asdict(used[pid]) for pid in sorted(used)],
                         columns=list(SCHEMAS["places"]))
    return conform(table, "places") if len(table) else empty("places")
