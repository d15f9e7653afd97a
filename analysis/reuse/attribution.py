"""Who took from whom, and with credit or without: the words an article uses to name its sources.

- `name_forms`: the ways a text names an outlet ("New York Times - News": "New York Times",
  "NYT"; "The Associated Press": "Associated Press", "AP"). Outlets are opaque strings: an
  unknown outlet ("Unknown", "unknown: file.txt") has no name to look for.
- `declared_sources`: the sources an article names for itself in a credit line: "Source: The
  Associated Press", a dateline "WASHINGTON (AP) —", a sign-off "(Global Times)", "originally
  published by X", "X contributed to this report".
- `quoted_spans`: the character ranges inside quotation marks (curly, straight, guillemets),
  paragraph by paragraph (a quotation left open ends with its paragraph), and embedded posts
  (a line ending "— Name (@handle) July 14, 2019": the post's text before its signature).
- `shared_quotation`: a passage mostly inside quotation marks in both articles is a quotation
  both print (one speaker quoted by both), not text one took from the other.
- `credit`: a passage is credited when it is quoted in the reusing article but not in its
  source (quoting a speaker both quote is no credit to the source), or when a name of the
  source is printed within `NEAR` characters of it or in the reusing article's credit line.
- `direction`: the source of a pair is the earlier article; on the same day or without dates,
  the article the other names (a credit cue), then the one that declares a source of its own
  (a carried wire story), then the one the other is more contained in; else undecided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

NEAR = 300  # characters around a passage where naming its source credits it
QUOTED = 0.5  # share of a passage inside quotation marks for it to count as quoted
CONTAINED = 1.5  # one article's share in the pair's passages over the other's, to call it a copy
_UNKNOWN = re.compile(r"^\s*(unknown|none|n/?a)\b", re.IGNORECASE)
_GENERIC_TAIL = re.compile(r"(\s+(online news|web news|news|online)|\.com)$", re.IGNORECASE)
_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&.'’-]*){0,4}"
_DECLARED = [
    re.compile(rf"^\s*(?i:sources?|credit|via)\s*:\s*(?i:the\s+)?({_NAME})", re.M),
    re.compile(rf"\((?:the\s+)?({_NAME})\)\s*[-–—]"),
    re.compile(rf"(?:originally|first)\s+(?:published|appeared|ran)\s+(?:by|in|on|at)\s+"
               rf"(?:the\s+)?({_NAME})"),
    re.compile(rf"(?:The\s+)?({_NAME})\s+contributed\s+(?:reporting\s+)?to\s+this\s+"
               r"(?:report|story|article)"),
]
_SIGN_OFF = re.compile(rf"^\s*[(\[]\s*(?:the\s+)?({_NAME})\s*[)\]]\s*$", re.M)
_SIGN_OFF_TAIL = 300  # a sign-off stands in an article's last characters
_DATELINE_HEAD = 300
_OPEN = {"“": "”", "«": "»", "„": "“"}
_QUOTE_MARKS = re.compile('["“”«»„\n]')
# an embedded social-media post: its text, then "— Donald J. Trump (@realDonaldTrump) July 14,
# 2019" closing the line
_POST = re.compile(r"^[ \t]*(\S[^\n]*?)\s*[—–-]{1,2}[ \t]*[^\n()]{1,60}\(@\w{1,15}\)[ \t]+"
                   r"[A-Z][a-z]+\.?[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*$", re.M)
# a cheap look for the words a credit line needs, before its costly pattern runs
_DECLARED_HINTS_OF = [("source", "credit", "via"), ("(",), ("originally", "first"),
                      ("contributed",)]


@lru_cache(maxsize=4096)
def name_forms(name: str | None) -> tuple[str, ...]:
    """How a text may name this outlet or agency (empty for an unknown one)."""
    if not isinstance(name, str) or not name.strip() or _UNKNOWN.match(name):
        return ()
    core = re.sub(r"\s*\([^)]*\)", "", name.split(" - ")[0]).strip()
    forms = {core}
    short = _GENERIC_TAIL.sub("", core).strip()
    if short and short != core:
        forms.add(short)
    for form in list(forms):
        rest = re.sub(r"^the\s+", "", form, flags=re.I)
        if rest != form and len(rest.split()) > 1:
            forms.add(rest)
    words = re.split(r"[\s-]+", re.sub(r"^the\s+", "", short or core, flags=re.I))
    capitals = [w for w in words if w[:1].isupper()]
    if len(words) > 1 and len(capitals) == len(words) and not any(w.isupper() for w in words):
        forms.add("".join(w[0] for w in words))
    return tuple(sorted(f for f in forms if len(f) >= 2))


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern:
    if " " in form or len(form) > 12:
        # "the Guardian", "The Associated Press": case of the words ignored, not of single ones
        return re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])", re.IGNORECASE)
    if form.lower().startswith("the "):
        return re.compile(rf"(?<![\w])[Tt]he\s+{re.escape(form[4:])}(?![\w])")
    return re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])")


def names_in(text: str, forms: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Where `forms` occur in `text`: (start, end, form)."""
    return sorted((m.start(), m.end(), form) for form in forms
                  for m in _pattern(form).finditer(text))


def declared_sources(text: str) -> tuple[str, ...]:
    """The sources an article names for itself (credit line, dateline, sign-off)."""
    found = []
    for pattern, hints in zip(_DECLARED, _DECLARED_HINTS_OF, strict=True):
        where = text[:_DATELINE_HEAD] if pattern is _DECLARED[1] else text
        lower = where.lower()
        if any(hint in lower for hint in hints):
            found += [m.group(1).strip() for m in pattern.finditer(where)]
    found += [m.group(1).strip() for m in _SIGN_OFF.finditer(text[-_SIGN_OFF_TAIL:])]
    return tuple(dict.fromkeys(f.rstrip(".") for f in found if f))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, paragraph by paragraph."""
    spans = []
    opened: str | None = None
    start = 0
    for mark in _QUOTE_MARKS.finditer(text):
        char, at = mark.group(), mark.start()
        if char == "\n":
            if opened is not None:  # a quotation left open ends with its paragraph
                spans.append((start, at))
            opened = None
        elif opened is None:
            if char in _OPEN or char == '"':
                opened, start = char, at
        elif (char == '"' and opened == '"') or char == _OPEN.get(opened):
            spans.append((start, at + 1))
            opened = None
    if opened is not None:
        spans.append((start, len(text)))
    if "(@" in text:
        spans += [(m.start(1), m.end(1)) for m in _POST.finditer(text)]
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def quoted_share(spans: list[tuple[int, int]], start: int, end: int) -> float:
    inside = sum(max(0, min(end, hi) - max(start, lo)) for lo, hi in spans)
    return inside / max(end - start, 1)


@dataclass(frozen=True)
class Side:
    """What attribution needs of one article: its text, names, credits and quotations."""

    text: str
    names: tuple[str, ...]  # forms naming this article's origin: outlet and declared sources
    declared: tuple[str, ...]  # forms of the sources it declares
    quotes: list[tuple[int, int]]
    published: pd.Timestamp | None

    @classmethod
    def of(cls, text: str, outlet: str | None, published) -> Side:
        own = name_forms(outlet)
        # a sign-off with its own name ("(Global Times)") declares no other source
        declared = tuple(f for name in declared_sources(text)
                         if not set(forms := name_forms(name)) & set(own) for f in forms)
        names = tuple(dict.fromkeys([*own, *declared]))
        day = None if pd.isna(published) else pd.Timestamp(published).normalize()
        return cls(text, names, declared, quoted_spans(text), day)


def credit(source: Side, target: Side, *, source_span: tuple[int, int],
           target_span: tuple[int, int]) -> str:
    """How the target credits this passage: "quoted", "named: X", both ("; "), or ""."""
    ways = []
    if (quoted_share(target.quotes, *target_span) >= QUOTED
            and quoted_share(source.quotes, *source_span) < QUOTED):
        ways.append("quoted")
    lo, hi = max(0, target_span[0] - NEAR), target_span[1] + NEAR
    named = names_in(target.text[lo:hi], source.names)
    named_form = named[0][2] if named else next(
        (f for f in target.declared if f in source.names), None)
    if named_form:
        ways.append(f"named: {named_form}")
    return "; ".join(ways)


def shared_quotation(source: Side, target: Side, *, source_span: tuple[int, int],
                     target_span: tuple[int, int]) -> bool:
    """Is the passage a quotation both articles print (a speaker both quote), rather than
    text one took from the other?"""
    return (quoted_share(source.quotes, *source_span) >= QUOTED
            and quoted_share(target.quotes, *target_span) >= QUOTED)


def names_other(reader: Side, other: Side) -> bool:
    """Does `reader` name `other`'s origin (anywhere in its text or credit line)?"""
    return bool(set(reader.declared) & set(other.names)) or bool(names_in(reader.text,
                                                                          other.names))


def direction(x: Side, y: Side, *, share_x: float, share_y: float) -> tuple[bool, str]:
    """(x is the source, basis). `share_*`: each article's share of its characters inside the
    pair's passages."""
    if x.published is not None and y.published is not None and x.published != y.published:
        return x.published < y.published, "date"
    x_names_y, y_names_x = names_other(x, y), names_other(y, x)
    if y_names_x != x_names_y:
        return y_names_x, "credit"
    if bool(x.declared) != bool(y.declared):
        return bool(x.declared), "credit line"
    if share_y >= CONTAINED * share_x and share_y - share_x >= 0.1:
        return True, "containment"
    if share_x >= CONTAINED * share_y and share_x - share_y >= 0.1:
        return False, "containment"
    return True, "undecided"
