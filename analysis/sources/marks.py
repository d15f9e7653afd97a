"""Quotation marks: where each quotation in a text opens and closes.

Every style counts: straight (" '), curly (“ ” ‘ ’), low (,, „), guillemets (« » ‹ ›), mixed within
one quote ("It is clear,” he said). Double marks are paired first, paragraph by paragraph:
an explicit opener opens, an explicit closer closes, and a straight mark opens or closes by
what touches it (a word after it opens, a word before it closes; glued on both sides, it does
what the open or closed state calls for). A quote left open at the end of a paragraph runs on
when the next paragraph starts with an opening mark (the convention for a quote over several
paragraphs), else it ends with its paragraph. Single marks are paired outside double quotes,
never between two letters (an apostrophe: don't, Li’s). A quotation nested in another is left
to the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
OPENERS = DOUBLE_OPEN + SINGLE_OPEN + DOUBLE_EITHER + SINGLE_EITHER
_DOUBLE = re.compile(r"[\"“”„«»]")
_SINGLE = re.compile(r"['‘’‹›]")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")

# An unclosed straight mark is trusted to its paragraph's end only this far: in a text whose
# paragraph breaks were lost, a stray mark would otherwise swallow the article.
UNCLOSED_STRAIGHT_CHARS = 600


@dataclass(frozen=True)
class Quotation:
    """One quotation: its opening mark's offset and its content, one part per paragraph
    (marks and surrounding spaces left out)."""

    opened_at: int
    parts: tuple[tuple[int, int], ...]
    closed: bool

    @cached_property
    def start(self) -> int:
        return self.parts[0][0]

    @cached_property
    def end(self) -> int:
        return self.parts[-1][1]

    @cached_property
    def mark_end(self) -> int:
        """Just after the closing mark (the content's end when unclosed)."""
        return self.end + 1 if self.closed else self.end


_EDGE = frozenset(" \t\r\n\"“”„«»'‘’‹›")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces, nor stray marks next to the quote's own ("“"There is")."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def word_count(text: str, parts) -> int:
    return sum(len(_WORD.findall(text, start, end)) for start, end in parts)


def _double_quotes(text: str) -> list[Quotation]:
    found: list[Quotation] = []
    parts: list[tuple[int, int]] = []  # a quote running on from earlier paragraphs
    opened_at = -1
    for paragraph in _PARAGRAPH.finditer(text):
        p_start, p_end = paragraph.span()
        first = p_start + len(paragraph.group()) - len(paragraph.group().lstrip())
        if parts and not (first < p_end and text[first] in DOUBLE_OPEN + DOUBLE_EITHER):
            found.append(Quotation(opened_at, tuple(parts), closed=False))
            parts = []
        open_at = None
        for mark in _DOUBLE.finditer(text, p_start, p_end):
            i, char = mark.start(), mark.group()
            before = text[i - 1] if i > p_start else " "
            after = text[i + 1] if i + 1 < p_end else " "
            if open_at is not None and i == open_at + 1:
                continue  # two marks in a row (“"...) open once
            can_open, can_close = not after.isspace(), not before.isspace()
            if char in DOUBLE_OPEN:
                role = "open"
            elif char in DOUBLE_CLOSE:
                role = "close"
            else:
                role = ("either" if can_open and can_close else "open" if can_open
                        else "close" if can_close else "none")
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                # an opener while a quote is open: the earlier mark was a stray one
                open_at = i
                if not parts:
                    opened_at = i
            elif role == "close" and open_at is not None:
                start, end = _strip(text, open_at + 1, i)
                if start < end:
                    found.append(Quotation(opened_at if parts else open_at,
                                           (*parts, (start, end)), closed=True))
                parts, open_at = [], None
        if open_at is not None:
            start, end = _strip(text, open_at + 1, p_end)
            trusted = (text[open_at] in DOUBLE_OPEN or parts
                       or end - start <= UNCLOSED_STRAIGHT_CHARS)
            if start < end and trusted:
                if not parts:
                    opened_at = open_at
                parts.append((start, end))
    if parts:
        found.append(Quotation(opened_at, tuple(parts), closed=False))
    return found


def _single_quotes(text: str, doubles: list[Quotation]) -> list[Quotation]:
    inside = [(q.opened_at, q.mark_end) for q in doubles]
    found = []
    for paragraph in _PARAGRAPH.finditer(text):
        p_start, p_end = paragraph.span()
        open_at = None
        for mark in _SINGLE.finditer(text, p_start, p_end):
            i, char = mark.start(), mark.group()
            if any(s <= i < e for s, e in inside):
                continue
            before = text[i - 1] if i > p_start else " "
            after = text[i + 1] if i + 1 < p_end else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe: don't, Li’s
            can_open = not before.isalnum() and (after.isalnum() or after in "[(")
            can_close = not before.isspace() and not after.isalnum()
            if char in SINGLE_OPEN or (char == SINGLE_EITHER and can_open and not can_close):
                if can_open:
                    open_at = i
            elif can_close and open_at is not None:
                start, end = _strip(text, open_at + 1, i)
                if start < end:
                    found.append(Quotation(open_at, ((start, end),), closed=True))
                open_at = None
    return found


def quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, in order; one inside another is left out."""
    doubles = _double_quotes(text)
    every = sorted(doubles + _single_quotes(text, doubles), key=lambda q: (q.start, -q.end))
    kept: list[Quotation] = []
    for quote in every:
        if kept and quote.start < kept[-1].mark_end and quote.end <= kept[-1].end:
            continue
        kept.append(quote)
    return kept
