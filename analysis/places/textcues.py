"""Where an article's text itself says "a place": datelines, capitalised names, and the words
around them. Pure text functions on character offsets (no spaCy, no sentence ids), used by
places.recognise.

- a dateline opens a story (or a line among its first few, after a byline): the place in
  capitals, maybe its state or country, maybe the agency, then a dash: "COLUMBUS, Ohio —",
  "BEIRUT (AP) —", "KIEV, Ukraine, March 3 (Reuters) -";
- a name is a run of capitalised words ("Kentucky State Police", "St. Louis", "U.S."); the
  words before and after it tell how it is used: "in", "near", "outside" before it, "-based"
  after it, ", Ohio" or ", Va." after it (a town and the state it lies in).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

# the first characters of a story where its dateline may stand (after a byline or a title)
DATELINE_REACH = 400
_DASH = r"(?:—|–|--|-)"
# the place in capitals (letters, spaces, dots, apostrophes, hyphens), e.g. "ST. LOUIS"
_CAPS = r"[A-Z][A-Z.'’\-]*(?:\s[A-Z][A-Z.'’\-]*){0,3}"
# its state or country as written after a comma: "Ohio", "N.Y.", "Gaza Strip", "Philippines"
_REGION = r"[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){0,2}"
_DATE = r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
_DATELINE = re.compile(
    rf"(?m)(?:^|(?<=[.!?]\s))[ \t]*(?P<place>{_CAPS})(?:,\s+(?P<region>{_REGION}))?{_DATE}"
    rf"(?:\s*\((?P<agency>[A-Za-z][\w .&]{{0,24}})\))?\s*{_DASH}\s")
# words set in capitals at the top of a story that are not places
NOT_DATELINES = frozenset({"FILE", "CLOSE", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE",
                           "WATCH", "VIDEO", "PHOTOS", "ANALYSIS", "OPINION", "COMMENTARY",
                           "EDITOR'S NOTE", "NOTE", "LIVE", "ADVERTISEMENT", "AP", "REUTERS"})

# a capitalised word: "Kentucky", "U.S.", "St.", "O'Leary", "Port-au-Prince", "McAllen"
_WORD = r"(?:[A-Z][\w'’]*\.?(?:-[\w'’]+)*|[A-Z]\.(?:[A-Z]\.)+)"
# words that may stand between the capitalised words of one name ("Bosnia and Herzegovina",
# "Isle of Man", "Port-au-Prince" is one word already)
_JOINERS = r"(?:of|and|de|del|da|do|du|la|le|el|al|on|upon|the)"
NAME = re.compile(rf"{_WORD}(?:[ \t]+(?:{_JOINERS}[ \t]+)?{_WORD})*")
# one-word runs that start sentences or titles far more often than places do, skipped at once
NOT_NAMES = frozenset({
    "The", "A", "An", "In", "He", "She", "It", "But", "And", "This", "That", "They", "We", "I",
    "On", "At", "For", "As", "If", "When", "After", "His", "Her", "Its", "Their", "There", "What",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Some", "Many", "One", "So", "While", "By", "To", "With", "Of",
    "No", "Not", "Also", "Now", "Our", "These", "Those", "Why", "How", "Who", "Which"})
# the words before a name that make it a place: "in Aleppo", "outside Mosul"
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|across|throughout|around|from|to|into|at|toward|towards|via|"
    r"between|north of|south of|east of|west of)\s+(?:the\s+)?|\bthe\s+city\s+of\s+|"
    r"\bthe\s+town\s+of\s+|\bthe\s+village\s+of\s+)$")
_BASED_AFTER = re.compile(r"^-based\b")
# ", Ohio", ", Va.", ", N.Y.", ", OH" after a town
_PAIR_AFTER = re.compile(r"^,\s+(?P<region>[A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?){0,2})")
# a word that starts a sentence: after an end mark and spaces, or at a line start
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
# a line set mostly in title case is a headline or a caption, not running text
TITLE_LINE_SHARE = 0.6
TITLE_LINE_MIN_WORDS = 4
TITLE_LINE_MAX_WORDS = 20


class Span(NamedTuple):  # a tuple: made by the hundred thousand
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    place: Span
    region: Span | None


def datelines(text: str) -> list[Dateline]:
    """The dateline of a story, if one opens it (a list: none or one)."""
    head = text[:DATELINE_REACH]
    for match in _DATELINE.finditer(head):
        place = match.group("place").strip()
        # all in capitals, a real word, not a caption label
        if (not place.isupper() or sum(ch.isalpha() for ch in place) < 3
                or place.rstrip(".") in NOT_DATELINES):
            continue
        start = match.start("place")
        region = None
        if match.group("region"):
            region = Span(match.start("region"), match.end("region"), match.group("region"))
        return [Dateline(Span(start, start + len(place), place), region)]
    return []


def sub_spans(span: Span, *, max_words: int = 5,
              can_start: Callable[[str], bool] | None = None) -> Iterator[Span]:
    """The word runs inside a name, longest first, then left to right ("Kentucky State
    Police", "Kentucky State", "State Police", "Kentucky", ...), without joiner ends, of at
    most `max_words` words; with `can_start`, only runs whose first word it accepts."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s\-]+", span.text)]
    starts = [i for i, (a, b) in enumerate(words)
              if span.text[a:a + 1].isupper() and (can_start is None or can_start(span.text[a:b]))]
    for size in range(min(len(words), max_words), 0, -1):
        for first in starts:
            if first + size > len(words):
                continue
            a, b = words[first][0], words[first + size - 1][1]
            piece = span.text[a:b].rstrip(",;:")
            parts = piece.split()
            if not parts or not parts[-1][:1].isupper() or parts[0] == "The":
                continue
            yield Span(span.start + a, span.start + a + len(piece), piece)
            if piece.endswith(".") and len(piece) > 1:  # "Va." or the end of a sentence
                yield Span(span.start + a, span.start + a + len(piece) - 1, piece[:-1])


def has_place_cue(text: str, span: Span) -> bool:
    """Whether the words around the name say it is a place: "in X", "X-based"."""
    before = text[max(0, span.start - 24):span.start]
    return bool(_CUE_BEFORE.search(before) or _BASED_AFTER.match(text[span.end:span.end + 8]))


def pair_region(text: str, span: Span) -> Span | None:
    """The state or country written right after a name: "Athens, Ga." -> "Ga."."""
    match = _PAIR_AFTER.match(text[span.end:span.end + 30])
    if match is None:
        return None
    start = span.end + match.start("region")
    return Span(start, start + len(match.group("region")), match.group("region"))


def starts_sentence(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4):start]))


def in_title_line(text: str, start: int) -> bool:
    """Whether the line holding `start` is mostly capitalised words (a headline, a caption)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words = text[line_start:line_end if line_end >= 0 else len(text)].split()
    if not TITLE_LINE_MIN_WORDS <= len(words) <= TITLE_LINE_MAX_WORDS:
        return False
    return sum(w[:1].isupper() for w in words) >= TITLE_LINE_SHARE * len(words)


def is_common_word(text: str, name: str) -> bool:
    """Whether a one-word name also occurs in lower case in the text: a common word at a
    sentence start or in a title ("Media" and "media")."""
    word = name.lower()
    if " " in name or word == name:
        return False
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (
                end == len(text) or not text[end].isalpha()):
            return True
        at = text.find(word, end)
    return False
