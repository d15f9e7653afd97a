"""One article as the attribution rules read it: its text, paragraphs, sentences, named-entity
mentions, quotations, and words with their offsets.

Sentences come from the build (spaCy's sentence boundaries); a sentence never reaches past its
paragraph here, whatever the segmenter did, so a rule's clause ends where the writer broke the
line. Mentions carry their canonical entity and that entity's label.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from analysis.sources.marks import Quotation, quotations

WORD = re.compile(r"\w(?:[\w.'’-]*\w)?|[^\w\s]")
PARAGRAPH = re.compile(r"[^\n]+")
GLUED_END = re.compile(r"(?<=[A-Za-z0-9%)])[.!?](?=[\"”’]?[“\"]?[A-Z][a-z'’\s])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str  # spaCy's label of this mention
    entity_id: str | None
    entity_label: str  # the canonical entity's majority label (the mention's own when unknown)
    name: str  # the canonical entity's name (the mention's text when unknown)

    @property
    def is_person(self) -> bool:
        return self.entity_label == "PERSON" or self.label == "PERSON"


class Word(NamedTuple):
    start: int
    end: int
    text: str
    lower: str


_new_tuple = tuple.__new__  # a Word made without NamedTuple's slower Python constructor


def _word(match: re.Match) -> Word:
    text = match.group()
    return _new_tuple(Word, (match.start(), match.end(), text, text.lower()))


@dataclass
class Article:
    text: str
    sentence_starts: list[int]  # sorted starts of the build's sentences
    sentence_ids: list[int]
    mentions: list[Mention]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return [m.span() for m in PARAGRAPH.finditer(self.text)]

    @cached_property
    def quotations(self) -> list[Quotation]:
        return quotations(self.text)

    @cached_property
    def _quotation_opens(self) -> list[int]:
        return [q.opened_at for q in self.quotations]

    @cached_property
    def _words(self) -> tuple[list[int], list[Word]]:
        """Every word of the text and their starts, tokenised once: the rules end up reading
        most of an article around its many cues."""
        words = [_word(match) for match in WORD.finditer(self.text)]
        return [w.start for w in words], words

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def _mention_ends(self) -> dict[int, Mention]:
        return {m.end: m for m in self.mentions}

    # -- where things are ---------------------------------------------------------------------

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph(self, position: int) -> tuple[int, int]:
        index = max(bisect.bisect_right(self._paragraph_starts, position) - 1, 0)
        return self.paragraphs[index] if self.paragraphs else (0, len(self.text))

    def sentence_index(self, position: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, position) - 1, 0)

    def sentence_id(self, position: int) -> int:
        return self.sentence_ids[self.sentence_index(position)] if self.sentence_ids else 0

    def clause(self, position: int) -> tuple[int, int]:
        """The sentence holding `position`, cut to its paragraph."""
        found = self._clauses.get(position)
        if found is None:
            found = self._clauses[position] = self._clause(position)
        return found

    @cached_property
    def _clauses(self) -> dict[int, tuple[int, int]]:
        return {}

    def _clause(self, position: int) -> tuple[int, int]:
        p_start, p_end = self.paragraph(position)
        index = self.sentence_index(position)
        start = self.sentence_starts[index] if self.sentence_starts else p_start
        end = (self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts)
               else len(self.text))
        start, end = max(start, p_start), min(end, p_end)
        # a sentence end the segmenter missed for want of a space ("said.According to")
        for glued in GLUED_END.finditer(self.text, start, end):
            if glued.end() <= position:
                start = glued.end()
            elif self.quotation_at(glued.start()) is None:
                end = glued.start() + 1
                break
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def quotation_at(self, position: int) -> Quotation | None:
        """The quotation (its marks included) holding `position`, if any."""
        index = bisect.bisect_right(self._quotation_opens, position) - 1
        if index >= 0 and position < self.quotations[index].mark_end:
            return self.quotations[index]
        return None

    def mention_ending(self, end: int) -> Mention | None:
        """The mention that ends at `end` (possessive "'s" included)."""
        found = self._mention_ends.get(end)
        if found is None and self.text[end - 2:end] in ("'s", "’s"):
            found = self._mention_ends.get(end - 2)
        return found

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        first = bisect.bisect_left(self._mention_starts, start)
        out = []
        for mention in self.mentions[first:]:
            if mention.start >= end:
                break
            if mention.end <= end:
                out.append(mention)
        return out

    def mentions_before(self, position: int) -> list[Mention]:
        return self.mentions[:bisect.bisect_left(self._mention_starts, position)]

    def words(self, start: int, end: int) -> list[Word]:
        """The words and punctuation of text[start:end], with offsets."""
        end = min(end, len(self.text))
        if end <= start:
            return []
        starts, words = self._words
        found = words[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        if found and found[-1].end > end:  # a word cut by `end`
            found[-1:] = [_word(m) for m in WORD.finditer(self.text, found[-1].start, end)]
        cut = self.text[start:found[0].start if found else end]
        if cut.strip():  # a word cut by `start`
            found[:0] = [_word(m) for m in WORD.finditer(self.text, start, start + len(cut))]
        return found
