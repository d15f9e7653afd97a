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

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

import analysis.places.textcues as textcues
from analysis.places.evidence import NameFacts, corpus_surnames, people_names
from analysis.places.gazetteer import Gazetteer
from analysis.places.names import clean_mention
from analysis.places.place import PLACE_LABELS
from analysis.places.textcues import Span

RULES = ("ner", "dateline", "gazetteer", "embedded", "relabelled")
# labels spaCy gives places it mistakes for something else
RELABEL_LABELS = frozenset({"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
# labels of names that may hold a place ("University of Cincinnati", "Heathrow Airport")
HOLDER_LABELS = frozenset({"ORG", "FAC"})
# a newspaper's title names where it is published, not where the story happens
# (its last word), and a news agency's or broadcaster's name its home (any word)
NEWSPAPER_WORDS = frozenset({"times", "post", "journal", "herald", "tribune", "gazette",
                             "chronicle", "observer", "examiner", "star", "sun", "globe",
                             "mail", "telegraph", "news", "daily", "dispatch", "inquirer",
                             "courier", "independent", "register", "review", "record"})
AGENCY_WORDS = frozenset({"press", "agence", "radio", "voice", "broadcasting", "television",
                          "tv", "presse", "wire", "xinhua", "reuters", "tass", "yonhap", "kyodo",
                          "irna", "interfax", "anadolu", "bernama"})
# capitalised words of running text that are dates, not places ("August", Georgia)
CALENDAR_WORDS = frozenset({"January", "February", "March", "April", "May", "June", "July",
                            "August", "September", "October", "November", "December",
                            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                            "Sunday"})
_STATE_BEFORE = ("upstate ", "downstate ", "the state of ")
_STATE_AFTER = (" state",)

_Row = tuple[str, int, int, str, str, str]  # article_id, start, end, text, label, rule
_GAPS = re.compile(rb"\x00+")  # the characters no mention covers, in the coverage mask


def find_toponyms(mentions: pd.DataFrame, texts: Mapping[str, str], *, gazetteer: Gazetteer,
                  sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """`mentions` (article_id, start, end, text, label, ...) with the rules above applied:
    a `place_rule` column, relabelled labels, widened state mentions, and new rows for the
    places found (sentence_id from `sentences` by offset; tone empty, for the build to score).
    Sorted by article and start. `texts` maps article_id to the article's text."""
    out = mentions.copy()
    out["place_rule"] = pd.array([pd.NA] * len(out), dtype="string")
    names = NameFacts(gazetteer)
    corpus_people = corpus_surnames(out, min_articles=1)
    # plain lists: element access on numpy and Arrow columns is slow in Python loops
    labels = out["label"].astype(object).tolist()
    rules: list = [None] * len(out)
    starts = out["start"].astype("int64").tolist()
    ends = out["end"].astype("int64").tolist()
    words = out["text"].astype(object).tolist()
    codes, uniques = pd.factorize(out["text"].astype(object))
    cleaned_uniques = [clean_mention(t) if isinstance(t, str) else "" for t in uniques]
    cleaned = [cleaned_uniques[c] if c >= 0 else "" for c in codes.tolist()]
    columns = _Columns(labels, starts, ends, words, cleaned)
    rows_of: dict[str, list[int]] = {article_id: [] for article_id in texts}
    for i, article_id in enumerate(out["article_id"].astype(str).tolist()):
        rows_of.setdefault(article_id, []).append(i)
    new: list[_Row] = []
    for article_id, rows in rows_of.items():
        text = texts.get(article_id)
        # an article with no mention at all may still have a dateline or a place in its text
        if isinstance(text, str):
            _Article(article_id, text, rows, columns, names, corpus_people).run(rules, new)
    out["label"] = pd.array(labels, dtype="string")
    out["place_rule"] = pd.array(rules, dtype="string")
    out["start"] = np.asarray(starts, dtype=np.int64)
    out["end"] = np.asarray(ends, dtype=np.int64)
    out["text"] = pd.array(words, dtype="string")
    if new:
        out = pd.concat([out, _new_rows(new, out, sentences)], ignore_index=True)
    return out.sort_values(["article_id", "start", "end"], kind="stable", ignore_index=True)


@dataclass(frozen=True, slots=True)
class _Columns:
    """The mentions' columns the rules read and change, as lists (cleaned: clean_mention)."""

    labels: list
    starts: list
    ends: list
    words: list
    cleaned: list


class _Article:
    """One article while the rules run over it."""

    def __init__(self, article_id: str, text: str, rows: list[int], columns: _Columns,
                 names: NameFacts, corpus_people: frozenset[str]) -> None:
        self.article_id, self.text, self.rows = article_id, text, rows
        self.labels, self.starts, self.ends = columns.labels, columns.starts, columns.ends
        self.words, cleaned = columns.words, columns.cleaned
        self.names = names
        self.gazetteer = names.gazetteer
        self.corpus_people = corpus_people
        # a PERSON mention that is a famous place's name is no person ("Tamil Nadu")
        self.people = people_names(cleaned[i] for i in rows if self.labels[i] == "PERSON"
                                   and not names.facts(cleaned[i]).famous)
        self.place_names = {cleaned[i] for i in rows if self.labels[i] in PLACE_LABELS}
        self.codes: frozenset[str] = frozenset().union(
            *(names.codes(n) for n in self.place_names if names.firm(n)))
        # the characters some mention covers, for a quick overlap test
        self.covered = bytearray(len(text) + 1)
        for i in rows:
            self._cover(self.starts[i], self.ends[i])
        self._title_lines: dict[int, bool] = {}

    def run(self, rules: list, new: list[_Row]) -> None:
        for dateline in textcues.datelines(self.text):
            self._dateline(dateline, rules, new)
        for i in self.rows:
            label = self.labels[i]
            if label in PLACE_LABELS:
                self._widen_state(i)
                if not self.names.facts(clean_mention(self.words[i])).known:
                    self._narrow(i, rules)
            elif label in RELABEL_LABELS:
                self._widen_abbreviation(i)
                if self._is_place(i, label):
                    self.labels[i] = self._label(self.words[i])
                    rules[i] = "relabelled"
                elif label in HOLDER_LABELS:
                    self._embedded(i, new)
        self._uncovered(new)

    # -- the rules ---------------------------------------------------------------------------

    def _dateline(self, dateline: textcues.Dateline, rules: list,
                  new: list[_Row]) -> None:
        for span in (dateline.place, dateline.region):
            if span is None or not self.names.facts(span.text).known:
                continue
            same = [i for i in self.rows
                    if self.starts[i] == span.start and self.ends[i] == span.end]
            if same:
                self.labels[same[0]] = self._label(span.text)
                rules[same[0]] = "dateline"
            else:
                self._add(span, "dateline", new)
            self.codes = self.codes | self.names.codes(span.text)
            self.place_names.add(clean_mention(span.text))

    def _is_place(self, i: int, label: str) -> bool:
        name = clean_mention(self.words[i])
        facts = self.names.facts(name)
        if not facts.known or self._is_person(name, corpus=label == "PERSON"):
            return False
        if label == "NORP" and (name.endswith("s") or self.gazetteer.demonym(name)):
            return False  # "Canadians": people; "Canadian": resolve_places' demonyms
        if name in self.place_names or self._paired(
                Span(self.starts[i], self.ends[i], self.words[i])):
            return True
        if label == "PERSON":
            return facts.famous
        top = facts.top
        if label == "ORG" and ((top is not None and top.kind == "region"
                                and not top.country_code) or name.lower() in AGENCY_WORDS):
            return False  # "the European Union" as an institution; "Xinhua"
        span = Span(self.starts[i], self.ends[i], self.words[i])
        return facts.firm or self.names.town_in(name, self.codes) or (
            textcues.has_place_cue(self.text, span)
            and self.names.town_in(name, self.codes, by_country=True))

    def _embedded(self, i: int, new: list[_Row]) -> None:
        text = self.words[i]
        lower = [w.lower().strip("'’") for w in text.split()]
        if not lower or lower[-1] in NEWSPAPER_WORDS or not AGENCY_WORDS.isdisjoint(lower):
            return
        offset = self.starts[i]
        if not self.names.pieces(text):
            return
        taken: list[tuple[int, int]] = []
        # an area or big town by its own name first: "Michigan" in "University of Michigan
        # Center", not the small town of Michigan Center
        pieces = sorted(self.names.pieces(text),
                        key=lambda p: not self.names.firm(clean_mention(p[2])))
        for start, end, piece in pieces:
            span = Span(offset + start, offset + end, piece)
            if piece == text or any(a < span.end and span.start < b for a, b in taken):
                continue
            name = clean_mention(span.text)
            if self._is_person(name, corpus=False):
                continue
            # a lone word of the article's region may be a common word in a name ("Homeland
            # Security", "Enterprise Holdings"): only a place's whole name counts there
            local = " " in name and self.names.town_in(name, self.codes)
            top = self.names.place(name)
            if top is not None and not top.country_code and top.kind == "region":
                continue  # "European Union" in "European Union Commission": an institution
            if self.names.firm(name) or name in self.place_names or local:
                taken.append((span.start, span.end))
                self._add(span, "embedded", new, cover=False)

    def _uncovered(self, new: list[_Row]) -> None:
        text = self.text
        # the runs of capitalised words between the mentions (the gaps of the coverage mask)
        runs = [match for gap in _GAPS.finditer(self.covered)
                for match in textcues.NAME.finditer(text, gap.start(), gap.end())]
        for match in runs:
            run_start = match.start()
            run = match.group()
            if run in textcues.NOT_NAMES:
                continue
            pieces = self.names.pieces(run)
            if not pieces:
                continue
            taken: list[tuple[int, int]] = []
            for start, end, piece in pieces:
                span = Span(run_start + start, run_start + end, piece)
                if any(a < span.end and span.start < b for a, b in taken) or self._overlaps(
                        span.start, span.end):  # a region a pair before it added
                    continue
                if self._found_in_text(span):
                    taken.append((span.start, span.end))
                    self._add(span, "gazetteer", new)
                    region = textcues.pair_region(text, span)
                    if (region is not None and not self._overlaps(region.start, region.end)
                            and self.names.place(region.text) is not None):
                        self._add(region, "gazetteer", new)

    def _found_in_text(self, span: Span) -> bool:
        name = clean_mention(span.text)
        if name in CALENDAR_WORDS or self._is_person(name, corpus=True):
            return False
        text = self.text
        if text[span.end:span.end + 1] in "$€£":
            return False  # "US$", a currency
        paired = self._paired(span)
        firm = not paired and self.names.firm(name)
        # a town of the article's region: "in Innisfail", "the Innisfail skater"
        cued = textcues.has_place_cue(text, span)
        local = not (paired or firm) and (
            (self.names.town_in(name, self.codes) and (
                cued or not textcues.starts_sentence(text, span.start)))
            or (cued and self.names.town_in(name, self.codes, by_country=True)))
        if not (paired or firm or local) or self._in_title_line(span.start):
            return False
        # "Pandi, Bulacan" and "Athens, Ga." whatever the words; else not "Media" and "media"
        return paired or not textcues.is_common_word(self.text, name)

    def _paired(self, span: Span) -> bool:
        """Whether the region or country written right after the name holds a place of that
        name, whatever its size: "Pandi, Bulacan", "Churchill, Man."."""
        region = textcues.pair_region(self.text, span)
        if region is None:
            return False
        codes = self.names.codes(region.text)
        return bool(codes) and self.names.town_in(clean_mention(span.text), codes, any_size=True)

    def _narrow(self, i: int, rules: list) -> None:
        """A place mention no place bears as a whole ("London City", "Karak district") narrows
        to the longest place name inside it."""
        text = self.words[i]
        for start, end, piece in self.names.pieces(text):
            name = clean_mention(piece)
            if piece != text and (self.names.firm(name) or name in self.place_names
                                  or self.names.town_in(name, self.codes)):
                self.starts[i] += start
                self.ends[i] = self.starts[i] + (end - start)
                self.words[i] = piece
                rules[i] = "gazetteer"
                return

    def _widen_abbreviation(self, i: int) -> None:
        """"Que" or "Ont" labelled PERSON before a dot: the region's abbreviation "Que."."""
        end, text = self.ends[i], self.text
        word = self.words[i]
        if text[end:end + 1] == "." and len(word) <= 5 and word[:1].isupper():
            place = self.names.place(word + ".")
            if place is not None and place.kind == "region":
                self.ends[i], self.words[i] = end + 1, word + "."

    def _widen_state(self, i: int) -> None:
        """"New York state", "upstate New York": the mention takes those words in."""
        start, end, text = self.starts[i], self.ends[i], self.text
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
        return self.covered.find(1, start, end) >= 0

    def _cover(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)


    def _in_title_line(self, start: int) -> bool:
        line = self.text.rfind("\n", 0, start) + 1
        if line not in self._title_lines:
            self._title_lines[line] = textcues.in_title_line(self.text, start)
        return self._title_lines[line]

    def _label(self, text: str) -> str:
        place = self.names.place(text)
        wide = place is not None and (place.kind in ("sea", "continent")
                                      or not place.country_code)
        return "LOC" if wide else "GPE"

    def _add(self, span: Span, rule: str, new: list[_Row], *, cover: bool = True) -> None:
        new.append((self.article_id, span.start, span.end, span.text, self._label(span.text),
                    rule))
        if cover:
            self._cover(span.start, span.end)


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
