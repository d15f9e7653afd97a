"""What an article says about where it happens, from its place mentions: its home (the
dateline, the region most of its places lie in), the names pinned to the region written right
after them ("Athens, Ga."), the people it names, and the names the corpus gives to something
other than a place. places.resolve turns these into each name's disambiguation Context.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Protocol

import numpy as np
import pandas as pd

from analysis.places.gazetteer import Gazetteer
from analysis.places.names import clean_mention, name_key
from analysis.places.place import PLACE_LABELS


class NameCodes(Protocol):
    """What the context needs to know of the article's names (names_alone.NamesAlone)."""

    def codes(self, name: str) -> frozenset[str]: ...

    def firm_codes(self, name: str) -> frozenset[str]: ...

    def setting_of(self, name: str) -> frozenset[str]: ...

    def is_region(self, name: str) -> bool: ...

    def region_codes(self, name: str) -> frozenset[str]: ...

# the article's home region: the one region of the one country it names, or where at least
# this many of its place mentions lie, more than in any other region, within the country most
# of them lie in
HOME_MIN_MENTIONS = 2
# two mentions this close are a town and its region: "Athens, Ga."
PAIR_GAP = 2
# two mentions this close are neighbours in a list: "Ohio, New York and Texas"
LIST_GAP = 5
# words before a first-level region's name that leave no doubt it is meant ("New York state")
_STATE_WORDS = (" state", "upstate ", "downstate ", "state of ")


class ArticleCues:
    """What an article's place mentions say about its home and about single names, from
    their rules (places.recognise) and offsets, when the mentions carry them."""

    def __init__(self, mentions: pd.DataFrame, is_place: np.ndarray, articles: list[str],
                 names: list[str]) -> None:
        self._names: dict[str, list[str]] = {}
        for article_id, name in zip(articles, names, strict=True):
            self._names.setdefault(article_id, []).append(name)
        self._datelines: dict[str, list[str]] = {}
        self._pairs: dict[str, list[tuple[str, str]]] = {}
        self._neighbours: dict[str, list[tuple[str, str]]] = {}
        if "place_rule" in mentions:
            rules = mentions.loc[is_place, "place_rule"].fillna("").tolist()
            for article_id, name, rule in zip(articles, names, rules, strict=True):
                if rule == "dateline":
                    self._datelines.setdefault(article_id, []).append(name)
        if "start" in mentions and "end" in mentions:
            starts = mentions.loc[is_place, "start"].tolist()
            ends = mentions.loc[is_place, "end"].tolist()
            rows = sorted(zip(articles, starts, ends, names, strict=True))
            for (a1, _, e1, n1), (a2, s2, _, n2) in itertools.pairwise(rows):
                if a1 == a2 and 0 < s2 - e1 <= PAIR_GAP:
                    self._pairs.setdefault(a1, []).append((n1, n2))
                if a1 == a2 and 0 < s2 - e1 <= LIST_GAP:
                    self._neighbours.setdefault(a1, []).append((n1, n2))

    def home(self, article_id: str, alone: NameCodes) -> frozenset[str]:
        """The dateline's codes, and the region most of the article's places lie in."""
        codes: set[str] = set()
        for name in self._datelines.get(article_id, ()):
            codes |= alone.codes(name)
        regions: Counter = Counter()
        countries: Counter = Counter()
        # only names that say where they are on their own count: "London" does not
        for name in self._names.get(article_id, ()):
            for code in alone.firm_codes(name):
                (regions if "-" in code else countries)[code] += 1
        if regions and countries:
            (region, count), = regions.most_common(1)
            top_country = countries.most_common(1)[0][0]
            rivals = [c for r, c in regions.items() if r != region]
            # the one region of the one country the article names, or the region most of its
            # places lie in, in the country most of them lie in
            alone_there = len(regions) == 1 and len(countries) == 1
            if region.split("-")[0] == top_country and (alone_there or (
                    count >= HOME_MIN_MENTIONS and all(c < count for c in rivals))):
                codes |= {region, top_country}
        return frozenset(codes)

    def datelines(self, article_id: str) -> frozenset[str]:
        return frozenset(self._datelines.get(article_id, ()))

    def as_regions(self, article_id: str, alone: NameCodes) -> frozenset[str]:
        """The keys of names the article uses for a region rather than a namesake city: the
        region after a town ("Buffalo, New York"), a name listed beside regions ("Ohio, New
        York and Texas"), a name the article also gives with its state words ("New York
        state" makes "New York" the state there too)."""
        keys = set()
        # a region of the town's own region ("Buffalo, New York"; not "Khan Younis, Gaza",
        # whose namesake province lies in Mozambique), or of a listed region's country
        for town, region in self._pairs.get(article_id, ()):
            if alone.codes(town) & alone.region_codes(region):
                keys.add(name_key(region))
        for first, second in self._neighbours.get(article_id, ()):
            for one, other in ((first, second), (second, first)):
                if alone.is_region(one) and alone.setting_of(one) & {
                        code.split("-")[0] for code in alone.region_codes(other)}:
                    keys.add(name_key(other))
        for name in self._names.get(article_id, ()):
            lower = name.lower()
            for word in _STATE_WORDS:
                if lower.endswith(word) or lower.startswith(word):
                    stem = name[:-len(word)] if lower.endswith(word) else name[len(word):]
                    keys.add(name_key(stem))
        return frozenset(keys)

    def pinned(self, article_id: str, alone: NameCodes) -> dict[str, frozenset[str]]:
        """name key -> the codes of the region or country written right after the name
        somewhere in the article ("Athens, Ga." pins "Athens" and "ATHENS")."""
        out: dict[str, frozenset[str]] = {}
        for town, region in self._pairs.get(article_id, ()):
            codes = alone.setting_of(region)
            if codes:
                key = name_key(town)
                out[key] = out.get(key, frozenset()) | codes
        return out


def people_by_article(mentions: pd.DataFrame, gazetteer: Gazetteer) -> dict[str, set[str]]:
    """article_id -> the full PERSON names it gives and their last words.

    spaCy's small model tags some surnames as places ("Pompeo", "Obama", "Chávez"); in an
    article that also names the person in full, the name is the person's. A PERSON "name" with
    a dash or made only of place names is a place list spaCy ran together ("Trump - Wisconsin",
    "Cairo Egypt"): it hides no surname."""
    is_person = (mentions["label"] == "PERSON").fillna(False).to_numpy(bool)
    people: dict[str, set[str]] = {}
    persons = mentions.loc[is_person, ["article_id", "text"]]
    texts = persons["text"].tolist()
    cleaned = {text: clean_mention(text) for text in set(texts) if isinstance(text, str)}
    names = {name: _is_full_name(name, gazetteer) for name in set(cleaned.values())}
    for article_id, text in zip(persons["article_id"].astype(str).tolist(), texts, strict=True):
        name = cleaned.get(text, "")
        if names.get(name):
            people.setdefault(article_id, set()).update((name, name.split()[-1]))
    return people


_DASHES = (" - ", "\u2013", "\u2014")


def _is_full_name(name: str, gazetteer: Gazetteer) -> bool:
    # "Li's Russia" is spaCy running a possessive into the next word, not a name
    if " " not in name or "'s " in name or any(d in name for d in _DASHES):
        return False
    return not all(gazetteer.bearers(word) for word in name.split())


def doubtful_names(mentions: pd.DataFrame, names: set[str],
                    people: dict[str, set[str]]) -> set[str]:
    """Place names the corpus more often gives to something else: labelled a place in fewer
    than half their mentions ("Media"), or a person's name somewhere ("Obama")."""
    codes, uniques = pd.factorize(mentions["text"].astype(object))
    cleaned = pd.Series(np.asarray([clean_mention(t) for t in uniques] + [""], dtype=object)[
        codes], index=mentions.index)
    is_place = mentions["label"].isin(list(PLACE_LABELS)).fillna(False).to_numpy(bool)
    counts = pd.DataFrame({"name": cleaned, "place": is_place})
    counts = counts[counts["name"].isin(names)].groupby("name")["place"].mean()
    doubtful = set(counts.index[counts < 0.5])
    return doubtful | (names & set().union(*people.values()))
