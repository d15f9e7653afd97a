"""Toponyms beyond the NER model: a pass over each article's text and mentions, on character
offsets, after annotation and before resolution (resolve_places).

spaCy's small model misses many places: datelines in capitals, places inside organisation
names, names it labels PERSON or ORG ("Tamil Nadu", "Edmonton"), names it does not tag at
all. `find_toponyms` returns the mentions with those repaired and added, each place mention
carrying the rule that found it (`place_rule`):

- dateline: the place a story opens with ("COLUMBUS, Ohio —", "BEIRUT (AP) —"); it also
  sets the article's scene for resolution (resolve.py);
- relabelled: a mention spaCy gave another label whose name is a place on firm evidence: the
  article labels the same name a place elsewhere, or it is the own name of a country, region,
  continent, sea or area, or of a capital or a city of BIG_TOWN people or more ("Edmonton"
  tagged ORG), or of a town in a region the article names; never a person's name there;
- embedded: a place inside an organisation's or a facility's name ("Kentucky" in "Kentucky
  State Police", "Cincinnati" in "University of Cincinnati"), on the same evidence; the map
  shows these only when asked; a newspaper's title is left alone ("New York Times");
- gazetteer: a capitalised name in running text that no mention covers: the own name of a
  country, region, continent, sea or area, or of a capital or big city; or any town when the
  words around it say place ("in Pandi", "Pandi, Bulacan", "Mosul-based") and the article
  names its region or the town's own region follows it. Not at a sentence start when the
  word also occurs in lower case, not in a headline-like line, never a person's name;
- ner: what spaCy labelled GPE or LOC itself (set later, when such a mention is placed).

Mentions of a place's state ("New York state", "upstate New York") are widened to hold those
words, so that resolution finds the state and not its namesake city.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.places import textcues
from analysis.places.disambiguation import PRIMARY
from analysis.places.gazetteer import Gazetteer
from analysis.places.names import clean_mention
from analysis.places.place import Place
from analysis.places.textcues import Span

RULES = ("ner", "dateline", "gazetteer", "embedded", "relabelled")
PLACE_LABELS = frozenset({"GPE", "LOC"})
# labels spaCy gives places it mistakes for something else
RELABEL_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
# labels of names that may hold a place ("University of Cincinnati", "Heathrow Airport")
HOLDER_LABELS = frozenset({"ORG", "FAC"})
AREA_KINDS = frozenset({"country", "region", "continent", "sea"})
# a town this big is known by its name alone ("Aleppo", "Winnipeg")
BIG_TOWN = 100_000
# a region this big is a first-level one ("Tamil Nadu"), not a county ("Angus"), which a
# PERSON label more often is a person's name
BIG_REGION = 1_000_000
# smaller towns are not found by their name alone, only in a region the article names
SMALL_TOWN = 1_000
# a newspaper's title names where it is published, not where the story happens
# (its last word), and a news agency's or broadcaster's name its home (any word)
NEWSPAPER_WORDS = frozenset({"times", "post", "journal", "herald", "tribune", "gazette",
                             "chronicle", "observer", "examiner", "star", "sun", "globe",
                             "mail", "telegraph", "news", "daily", "dispatch", "inquirer",
                             "courier", "independent", "register", "review", "record"})
AGENCY_WORDS = frozenset({"press", "agence", "radio", "voice", "broadcasting", "television",
                          "tv", "presse", "wire"})
# capitalised words of running text that are dates, not places ("August", Georgia)
CALENDAR_WORDS = frozenset({"January", "February", "March", "April", "May", "June", "July",
                            "August", "September", "October", "November", "December",
                            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                            "Sunday"})
_STATE_BEFORE = ("upstate ", "downstate ", "the state of ")
_STATE_AFTER = (" state",)

_Row = tuple[str, int, int, str, str, str]  # article_id, start, end, text, label, rule


class _Names:
    """What the gazetteer says of a name, memoised: the corpus repeats its names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = self._gazetteer = gazetteer
        self._memo: dict[str, _Facts] = {}

    def facts(self, text: str) -> _Facts:
        found = self._memo.get(text)
        if found is None:
            name = clean_mention(text)
            # only a place's own names are evidence here: GeoNames' alternate names hold
            # "Google" (Topeka), "Drug" (Durg) and "Free" (Free State)
            own = [m for m in self._gazetteer.matches(name) if m.quality == PRIMARY]
            top = self._gazetteer.resolve(name) if own else None
            big = [m.place for m in own if m.place.kind in AREA_KINDS or m.capital
                   or m.place.population >= BIG_TOWN]
            towns = frozenset(m.area for m in own if m.place.kind == "city" and m.area
                              and m.place.population >= SMALL_TOWN)
            found = self._memo[text] = _Facts(top, bool(big), any(
                p.kind != "city" and (p.population >= BIG_REGION or not p.country_code)
                for p in big) or any(p.kind == "city" for p in big), towns)
        return found

    def place(self, text: str) -> Place | None:
        return self.facts(text).top

    def firm(self, text: str) -> bool:
        return self.facts(text).firm

    def town_in(self, text: str, codes: frozenset[str]) -> bool:
        """Whether the name is a town of SMALL_TOWN people or more in one of these regions."""
        return not self.facts(text).town_areas.isdisjoint(codes)

    def codes(self, text: str) -> frozenset[str]:
        place = self.place(text)
        return self._gazetteer.area_codes(place) if place is not None else frozenset()


@dataclass(frozen=True, slots=True)
class _Facts:
    top: Place | None  # the context-free choice
    firm: bool  # the own name of an area, a capital or a big town
    famous: bool  # firm, and no county-sized area: what a PERSON label may hide
    town_areas: frozenset[str]  # the regions of its towns


def find_toponyms(mentions: pd.DataFrame, texts: Mapping[str, str], *, gazetteer: Gazetteer,
                  sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """`mentions` (article_id, start, end, text, label, ...) with the rules above applied:
    a `place_rule` column, relabelled labels, widened state mentions, and new rows for the
    places found (sentence_id from `sentences` by offset; tone empty). Sorted by article and
    start. `texts` maps article_id to the article's text."""
    out = mentions.copy()
    out["place_rule"] = pd.array([pd.NA] * len(out), dtype="string")
    names = _Names(gazetteer)
    corpus_people = _surnames(out, min_articles=1)
    labels = out["label"].astype(object).to_numpy(copy=True)
    rules = out["place_rule"].astype(object).to_numpy(copy=True)
    starts = out["start"].to_numpy(copy=True)
    ends = out["end"].to_numpy(copy=True)
    words = out["text"].astype(object).to_numpy(copy=True)
    new: list[_Row] = []
    articles = out["article_id"].astype(str).to_numpy()
    order = np.argsort(articles, kind="stable")
    bounds = (np.flatnonzero(np.r_[True, articles[order][1:] != articles[order][:-1], True])
              if len(order) else np.zeros(1, dtype=np.int64))
    for a, b in itertools.pairwise(bounds):
        rows = order[a:b]
        article_id = articles[rows[0]]
        text = texts.get(article_id)
        if not isinstance(text, str):
            continue
        article = _Article(article_id, text, rows, labels, starts, ends, words, names,
                           corpus_people)
        article.run(rules, new)
    out["label"] = pd.array(labels, dtype="string")
    out["place_rule"] = pd.array(rules, dtype="string")
    out["start"], out["end"] = starts, ends
    out["text"] = pd.array(words, dtype="string")
    # articles with no mention at all may still have a dateline or a place in their text
    with_mentions = set(articles.tolist())
    for article_id, text in texts.items():
        if article_id not in with_mentions and isinstance(text, str):
            _Article(article_id, text, np.array([], dtype=np.int64), labels, starts, ends,
                     words, names, corpus_people).run(rules, new)
    if new:
        out = pd.concat([out, _new_rows(new, out, sentences)], ignore_index=True)
    return out.sort_values(["article_id", "start", "end"], kind="stable", ignore_index=True)


class _Article:
    """One article while the rules run over it."""

    def __init__(self, article_id: str, text: str, rows: np.ndarray, labels: np.ndarray,
                 starts: np.ndarray, ends: np.ndarray, words: np.ndarray, names: _Names,
                 corpus_people: frozenset[str]) -> None:
        self.article_id, self.text, self.rows = article_id, text, rows
        self.labels, self.starts, self.ends, self.words = labels, starts, ends, words
        self.names = names
        self.gazetteer = names.gazetteer
        self.corpus_people = corpus_people
        # a PERSON mention that is a famous place's name is no person ("Tamil Nadu")
        self.people = _people(words[i] for i in rows if labels[i] == "PERSON"
                              and not names.facts(clean_mention(words[i])).famous)
        self.place_names = {clean_mention(words[i]) for i in rows if labels[i] in PLACE_LABELS}
        self.codes: frozenset[str] = frozenset().union(
            *(names.codes(n) for n in self.place_names if names.firm(n)))
        self.covered = sorted((int(starts[i]), int(ends[i])) for i in rows)

    def run(self, rules: np.ndarray, new: list[_Row]) -> None:
        for dateline in textcues.datelines(self.text):
            self._dateline(dateline, rules, new)
        for i in self.rows:
            label = self.labels[i]
            if label in PLACE_LABELS:
                self._widen_state(i)
            elif label in RELABEL_LABELS and self._is_place(self.words[i], label):
                self.labels[i] = self._label(self.words[i])
                rules[i] = "relabelled"
            elif label in HOLDER_LABELS:
                self._embedded(i, new)
        self._uncovered(new)

    # -- the rules ---------------------------------------------------------------------------

    def _dateline(self, dateline: textcues.Dateline, rules: np.ndarray,
                  new: list[_Row]) -> None:
        for span in (dateline.place, dateline.region):
            if span is None or self.names.place(span.text) is None:
                continue
            same = [i for i in self.rows
                    if self.starts[i] == span.start and self.ends[i] == span.end]
            if same:
                self.labels[same[0]] = self._label(span.text)
                rules[same[0]] = "dateline"
            else:
                self._add(span, "dateline", new)
            self.codes = self.codes | self.names.codes(span.text)

    def _is_place(self, text: str, label: str) -> bool:
        name = clean_mention(text)
        if self._is_person(name, corpus=label == "PERSON"):
            return False
        if label == "NORP" and (name.endswith("s") or self.gazetteer.demonym(name)):
            return False  # "Canadians": people; "Canadian": resolve_places' demonyms
        if name in self.place_names:
            return True
        facts = self.names.facts(name)
        if label == "PERSON":
            return facts.famous
        top = facts.top
        if label == "ORG" and top is not None and top.kind == "region" and not top.country_code:
            return False  # "the European Union" as an institution
        return facts.firm or self.names.town_in(name, self.codes)

    def _embedded(self, i: int, new: list[_Row]) -> None:
        text = self.words[i]
        lower = [w.lower().strip("'’") for w in text.split()]
        if not lower or lower[-1] in NEWSPAPER_WORDS or not AGENCY_WORDS.isdisjoint(lower):
            return
        whole = Span(int(self.starts[i]), int(self.ends[i]), text)
        taken: list[tuple[int, int]] = []
        for span in textcues.sub_spans(whole):
            if span.text == text or any(a < span.end and span.start < b for a, b in taken):
                continue
            name = clean_mention(span.text)
            if self._is_person(name, corpus=False):
                continue
            if (self.names.firm(name) or name in self.place_names
                    or self.names.town_in(name, self.codes)):
                taken.append((span.start, span.end))
                self._add(span, "embedded", new, cover=False)

    def _uncovered(self, new: list[_Row]) -> None:
        text = self.text
        for run in textcues.names(text):
            if self._overlaps(run.start, run.end):
                continue
            taken: list[tuple[int, int]] = []
            for span in textcues.sub_spans(run):
                if any(a < span.end and span.start < b for a, b in taken):
                    continue
                if self._found_in_text(span):
                    taken.append((span.start, span.end))
                    self._add(span, "gazetteer", new)
                    region = textcues.pair_region(text, span)
                    if region is not None and not self._overlaps(region.start, region.end) \
                            and self.names.place(region.text) is not None:
                        self._add(region, "gazetteer", new)

    def _found_in_text(self, span: Span) -> bool:
        name = clean_mention(span.text)
        top = self.names.place(name)
        if top is None or name in CALENDAR_WORDS or self._is_person(name, corpus=True):
            return False
        text = self.text
        if text[span.end:span.end + 1] in "$€£":
            return False  # "US$", a currency
        if textcues.in_title_line(text, span.start):
            return False
        if textcues.starts_sentence(text, span.start) and textcues.is_common_word(text, name):
            return False
        region = textcues.pair_region(text, span)
        if region is not None and self.names.town_in(name, self.names.codes(region.text)):
            return True  # "Pandi, Bulacan"; "Athens, Ga."
        if textcues.is_common_word(text, name):
            return False
        if self.names.firm(name):
            return not textcues.starts_sentence(text, span.start) or " " in name
        return textcues.has_place_cue(text, span) and self.names.town_in(name, self.codes)

    def _widen_state(self, i: int) -> None:
        """"New York state", "upstate New York": the mention takes those words in."""
        start, end, text = int(self.starts[i]), int(self.ends[i]), self.text
        for word in _STATE_BEFORE:
            if text[max(0, start - len(word)):start].lower() == word:
                start -= len(word)
                break
        for word in _STATE_AFTER:
            if text[end:end + len(word)] == word and not text[end + len(word):][:1].isalpha():
                end += len(word)
                break
        if (start, end) != (self.starts[i], self.ends[i]) and self.gazetteer.resolve(
                clean_mention(text[start:end])) is not None:
            self.starts[i], self.ends[i], self.words[i] = start, end, text[start:end]

    # -- helpers -------------------------------------------------------------------------------

    def _is_person(self, name: str, *, corpus: bool) -> bool:
        return name in self.people or (corpus and name in self.corpus_people)

    def _overlaps(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.covered)

    def _label(self, text: str) -> str:
        place = self.names.place(text)
        wide = place is not None and (place.kind in ("sea", "continent")
                                      or not place.country_code)
        return "LOC" if wide else "GPE"

    def _add(self, span: Span, rule: str, new: list[_Row], *, cover: bool = True) -> None:
        new.append((self.article_id, span.start, span.end, span.text, self._label(span.text),
                    rule))
        if cover:
            self.covered.append((span.start, span.end))


def _people(texts: Iterable[str]) -> frozenset[str]:
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


def _surnames(mentions: pd.DataFrame, *, min_articles: int) -> frozenset[str]:
    """The last words of multi-word PERSON names in at least `min_articles` articles."""
    persons = mentions.loc[mentions["label"] == "PERSON", ["article_id", "text"]]
    seen: dict[str, set[str]] = {}
    for article_id, text in zip(persons["article_id"].tolist(), persons["text"].tolist(),
                                strict=True):
        parts = clean_mention(text).split() if isinstance(text, str) else []
        if len(parts) > 1 and "'s" not in text:
            seen.setdefault(parts[-1], set()).add(article_id)
    return frozenset(name for name, ids in seen.items() if len(ids) >= min_articles)


def _new_rows(rows: list[_Row], mentions: pd.DataFrame,
              sentences: pd.DataFrame | None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["article_id", "start", "end", "text", "label",
                                        "place_rule"])
    frame = frame.drop_duplicates(["article_id", "start", "end"], ignore_index=True)
    frame["sentence_id"] = _sentence_ids(frame, sentences)
    for column in mentions.columns:
        if column not in frame:
            frame[column] = pd.Series([None] * len(frame), dtype=mentions[column].dtype)
    return frame[list(mentions.columns)].astype(mentions.dtypes.to_dict())


def _sentence_ids(frame: pd.DataFrame, sentences: pd.DataFrame | None) -> np.ndarray:
    """The sentence each row starts in (the last sentence starting at or before it), or 0."""
    if sentences is None or sentences.empty or frame.empty:
        return np.zeros(len(frame), dtype=np.int64)
    left = frame[["article_id", "start"]].astype({"article_id": str, "start": "int64"})
    left = left.reset_index().sort_values("start", kind="stable")
    right = sentences[["article_id", "sentence_id", "start"]].astype(
        {"article_id": str, "start": "int64", "sentence_id": "int64"}).sort_values("start")
    joined = pd.merge_asof(left, right, on="start", by="article_id", direction="backward")
    joined = joined.set_index("index").reindex(range(len(frame)))
    return joined["sentence_id"].fillna(0).astype("int64").to_numpy()
