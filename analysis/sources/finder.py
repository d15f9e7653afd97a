"""The state the attribution rules share over one article: the attributions found so far, the
quotations they hold, and helpers over clauses, quotations and subjects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.sources.article import Article
from analysis.sources.clauses import (
    CONTENT_STOPS,
    PREPOSITIONS,
    SUBORDINATORS,
    TIME_WORDS,
    WINDOW,
    Span,
    end_before,
    length,
    shared,
    trim,
)
from analysis.sources.cue_phrases import phrase_starting
from analysis.sources.marks import Quotation
from analysis.sources.phrases import (
    Phrase,
    phrase_between,
)


@dataclass
class Attribution:
    parts: list[Span]
    kind: str  # direct | indirect | mixed
    cue: Span | None
    speaker: Phrase | None
    via: Phrase | None = None
    quotations: list[Quotation] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def anchor(self) -> int:
        """Where the attribution is made (its cue, else its speaker, else its content)."""
        if self.cue is not None:
            return self.cue[0]
        return self.speaker.start if self.speaker is not None else self.start


class Finder:
    """The rules over one article, in text order."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.found: list[Attribution] = []
        self.claimed: set[int] = set()  # opened_at of the quotations some attribution holds

    # -- small helpers --------------------------------------------------------------------------

    def floor(self, position: int) -> int:
        """Where a clause before `position` may begin: its sentence, after any quotation."""
        start, _ = self.article.clause(position)
        for quote in self.article.quotations:
            if start <= quote.mark_end <= position:
                start = max(start, quote.mark_end)
        return start

    def quotation_ending(self, position: int) -> Quotation | None:
        """The quotation whose closing mark is just before `position` (",” he said")."""
        end = end_before(self.text, position, " ,\t")
        before = self.text[max(end - 2, 0):end]
        if before[-1:] not in "”\"»’',.":
            return None
        for at in (end - 1, end - 2):
            quote = self.article.quotation_at(at)
            if quote is not None and quote.closed and quote.mark_end in (end, end - 1):
                return quote
        return None

    def quotations_in(self, start: int, end: int) -> list[Quotation]:
        return [q for q in self.article.quotations if q.opened_at < end and q.mark_end > start]

    def cut(self, start: int, end: int) -> int:
        """The end of a content starting at `start`: before the first stop outside quotations."""
        for stop in CONTENT_STOPS.finditer(self.text, start, end):
            if self.article.quotation_at(stop.start()) is None:
                return stop.start()
        return end

    def content(self, start: int, end: int) -> tuple[list[Span], str, list[Quotation]] | None:
        """text[start:end] as content: its parts, kind and quotations (None when empty)."""
        start, end = trim(self.text, start, end)
        if end - start < 2:
            return None
        quotes = self.quotations_in(start, end)
        if quotes:
            end = max(end, quotes[-1].end)
            start = min(start, quotes[0].start)
            outside = self.text[start:quotes[0].opened_at] + self.text[quotes[-1].mark_end:end]
            if len(quotes) == 1 and not re.search(r"\w", outside.replace("that", "")):
                return list(quotes[0].parts), "direct", quotes
            return [(start, end)], "mixed", quotes
        return [(start, end)], "indirect", []

    def claim(self, attribution: Attribution) -> Attribution | None:
        """Keep `attribution`, unless an earlier one already holds nearly the same content."""
        mine = length(attribution.parts)
        for other in self.found:
            if other.end <= attribution.start or other.start >= attribution.end:
                continue
            overlap = shared(attribution.parts, other.parts)
            if overlap >= 0.8 * mine and overlap >= 0.8 * length(other.parts):
                return None
        for quote in attribution.quotations:
            self.claimed.add(quote.opened_at)
        self.found.append(attribution)
        return attribution

    def in_clause(self, position: int) -> Attribution | None:
        """An attribution already made in the clause holding `position`, before it."""
        start, _ = self.article.clause(position)
        for attribution in reversed(self.found):
            if start <= attribution.anchor < position or (
                    attribution.start >= start and attribution.start < position
                    and attribution.cue is not None and attribution.cue[0] < position):
                return attribution
        return None

    def subject(self, position: int, *, first_only: bool = False) -> Phrase | None:
        """The speaker a participle or a coordinated verb at `position` speaks for: the last
        speaker of its sentence, else the first phrase of the clause (only that one with
        `first_only`)."""
        start, _ = self.article.clause(position)
        start = self.floor(position) if first_only else start
        for attribution in reversed(self.found):
            if first_only:
                break
            if start <= attribution.anchor < position and attribution.speaker is not None:
                return attribution.speaker
        words = self.article.words(start, min(position, start + WINDOW))
        # a leading phrase set off by a comma ("On Thursday, ...", "Addressing X, ...")
        leading = PREPOSITIONS | TIME_WORDS | SUBORDINATORS | {
            "addressing", "asked", "speaking", "however", "meanwhile", "still"}
        if words and (words[0].lower in leading or words[0].lower.endswith("ing")):
            comma = next((j for j, w in enumerate(words[:15]) if w.text == ","), None)
            if comma is not None:
                words = words[comma + 1:]
        for j, word in enumerate(words):
            if word.text == ",":
                break
            found = phrase_starting(self.article, word.start, position)
            if found is not None and found.kind in ("name", "description", "pronoun"):
                after = self.text[found.end:position]
                appositive = re.match(r"\s*,([^,]{1,120}),", after)
                if appositive and (found.head is None or not found.head.is_person):
                    named = phrase_between(self.article, found.end + 1 + appositive.start(1)
                                           + (len(appositive.group(1))
                                              - len(appositive.group(1).lstrip())),
                                           found.end + appositive.end(1))
                    if named is not None and named.head is not None and named.head.is_person:
                        return named
                return found
            if j > 3:
                break
        return None

    def clause_subject(self, floor: int, position: int) -> Phrase | None:
        """"Wang Xianju, deputy director of ..., told": the name opening the clause, when the
        words before the cue are that name and a comma-set apposition."""
        before = self.text[floor:position].rstrip()
        if not before.endswith(","):
            return None
        found = self.subject(position, first_only=True)
        if found is None or found.kind not in ("name", "description"):
            return None
        rest = self.text[found.end:position]
        if not re.match(r"\s*,", rest) or rest.count(",") < 2:
            return None
        return found

    def subordinate(self, floor: int, position: int) -> bool:
        """"Even though many say X, ...": a speaker inside a subordinate clause."""
        return re.search(r"\b(?:even though|though|although|while|whereas|if|because|since|"
                         r"unless|whether)\s*$", self.text[floor:position], re.I) is not None

    def before_is_break(self, position: int) -> bool:
        end = end_before(self.text, position)
        before = self.text[max(end - 1, 0):end]
        return before[-1:] in (",", "”", '"', "»", "’", "'", "(", "—", "–")
