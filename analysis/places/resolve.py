"""Resolve place mentions to GeoNames places, offline by default.

The gazetteer holds the places and the alias index; this module resolves an article's place
mentions together, so that what the article names steers its ambiguous names ("St. Petersburg"
beside "Russia" is not the one in Florida). places.recognise finds the mentions first (and
records how); the optional online fallback, `OnlineGeocoder` (places.geocoder), is off unless
the caller constructs one and passes it in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.places.context import ArticleCues, doubtful_names, people_by_article
from analysis.places.disambiguation import Choice, Context
from analysis.places.gazetteer import Gazetteer
from analysis.places.geocoder import OnlineGeocoder
from analysis.places.names import clean_mention
from analysis.places.names_alone import NamesAlone
from analysis.places.nearness import towns_to_move
from analysis.places.place import PLACE_LABELS, Place
from analysis.tables import SCHEMAS, conform, empty

# labels whose mentions are placed only when they are a demonym ("Turkish" -> Turkey,
# "European" -> Europe): "a Turkish policeman" and "Chinese and Russian leaders" stand for the
# country; a plural ("Canadians") names people and is left alone, as is every other NORP
DEMONYM_LABELS: frozenset[str] = frozenset({"NORP"})
# how sure a town moved next to the article's other towns is: a guess by nearness
MOVED_CONFIDENCE = 0.5
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
       within nearness.NEAR_KM of another town the article names, when its own choice lies
       near none; two such towns whose namesakes lie near each other move together ("Edmonton" and
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
        for name, place in towns_to_move(chosen, alone.choices, gazetteer).items():  # pass 3
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


def _in_named_region(place: Place, context: Context, gazetteer: Gazetteer) -> bool:
    """Whether the context holds the place's region (not only its country)."""
    return bool(gazetteer.area_codes(place) - {place.country_code} & context.codes())


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
