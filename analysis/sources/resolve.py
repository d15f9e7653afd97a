"""Who each speaker phrase is: its canonical entity when the rules can tell, never a guess.

- A name is the entity of the mention it holds (canonical across the corpus, so "Wang" is Wang
  Wenbin where the article named him in full); a capitalised word spaCy did not tag is the
  person named earlier in the article whose name ends or starts with it.
- "he"/"she" (and "his"/"her") is the last person who spoke in this or the previous paragraph;
  failing that, the first person named (outside quotations) in this sentence before the
  pronoun, then in the previous sentence. "it" is likewise the last organisation, country or
  document that spoke, then the first organisation named. "they" is the last plural speaker
  ("officials"), and stays unnamed.
- A definite description ("the ministry", "the spokesperson", "the senior official") is the
  latest speaker or named entity before it that the article described with all of its words
  (its own name, or the words just before it: "spokesperson Wu Qian", "the Chinese Ministry of
  Defense"); "the Russian foreign ministry spokesperson" names someone new unless some earlier
  name carried all of "Russian foreign ministry spokesperson". An indefinite description ("a
  senior official") introduces a new source.
- Otherwise the speaker stays as its text, with no entity.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from analysis.sources.article import Article, Mention
from analysis.sources.lexicon import (
    DOCUMENT_HEADS,
    NP_STOPS,
    ORGANISATION_HEADS,
    PEOPLE_HEADS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
)
from analysis.sources.phrases import Phrase

DESCRIBING_WORDS = 5  # words just before a name that describe it ("foreign ministry spokesperson")
PERSON, THING, PLURAL = "person", "thing", "plural"


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: entity (or None), the name to show, and the rule that decided."""

    entity_id: str | None
    name: str
    rule: str  # name | pronoun | description | unresolved
    sort: str  # person | thing | plural: what "he", "it" or "they" may refer back to


@dataclass(frozen=True)
class _Spoken:
    position: int
    paragraph: int
    words: frozenset[str]
    speaker: Speaker


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip(".,’'").lower().removesuffix("’s").removesuffix("'s")
                     for w in text.split()) - {"the", "a", "an"}


def _sort_of(phrase: Phrase, mention: Mention | None) -> str:
    if mention is not None:
        return PERSON if mention.is_person else THING
    if phrase.plural:
        return PLURAL
    if phrase.head_word in ORGANISATION_HEADS | DOCUMENT_HEADS:
        return THING
    return PERSON


class Resolver:
    """Resolves the speakers of one article in text order, remembering who spoke."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.spoken: list[_Spoken] = []
        paragraph_starts = [p[0] for p in article.paragraphs]
        self._paragraph_starts = paragraph_starts

    def _paragraph(self, position: int) -> int:
        return max(bisect.bisect_right(self._paragraph_starts, position) - 1, 0)

    def _outside_quotes(self, mentions: list[Mention]) -> list[Mention]:
        return [m for m in mentions if self.article.quotation_at(m.start) is None]

    def _described(self, mention: Mention) -> frozenset[str]:
        """A mention's own words and the words just before it in its phrase."""
        text = self.article.text
        words = text[max(mention.start - 80, 0):mention.start].split()
        before = []
        for word in reversed(words[-DESCRIBING_WORDS:]):
            bare = word.strip(".’'").lower()
            if bare in NP_STOPS or not word[:1].isalnum() or word.endswith((",", ";", ":")):
                break
            before.append(word)
        return _words(" ".join([*before, text[mention.start:mention.end]]))

    def speaker(self, phrase: Phrase, position: int) -> Speaker:
        found = self._resolve(phrase, position)
        self.spoken.append(_Spoken(position, self._paragraph(position),
                                   _words(self.article.text[phrase.start:phrase.end]), found))
        return found

    def _resolve(self, phrase: Phrase, position: int) -> Speaker:
        text = self.article.text[phrase.start:phrase.end]
        if phrase.kind == "name":
            if phrase.head is not None:
                mention = phrase.head
                return Speaker(mention.entity_id, mention.name, "name", _sort_of(phrase, mention))
            named = self._earlier_name(phrase.head_word, phrase.start)
            if named is not None:
                return Speaker(named.entity_id, named.name, "name", _sort_of(phrase, named))
            return Speaker(None, text, "unresolved", _sort_of(phrase, None))
        if phrase.kind == "pronoun":
            word = phrase.head_word
            sort = (PERSON if word in PERSON_PRONOUNS else THING if word in THING_PRONOUNS
                    else PLURAL if word in PLURAL_PRONOUNS else None)
            if sort is not None:
                found = self._pronoun(sort, phrase.start)
                if found is not None:
                    return Speaker(found.entity_id, found.name, "pronoun", sort)
            return Speaker(None, text, "unresolved", sort or PERSON)
        if phrase.kind == "description":
            if text.lower().startswith(("the ", "this ", "that ")):
                found = self._description(_words(text), phrase.head_word, phrase.start)
                if found is not None:
                    return Speaker(found.entity_id, found.name, "description", found.sort)
            return Speaker(None, text, "unresolved", _sort_of(phrase, None))
        return Speaker(None, text, "unresolved", PERSON)

    def _earlier_name(self, word: str, position: int) -> Mention | None:
        for mention in reversed(self.article.mentions_before(position)):
            parts = mention.name.lower().split()
            if mention.is_person and len(parts) > 1 and word in (parts[0], parts[-1]):
                return mention
        return None

    def _pronoun(self, sort: str, position: int) -> Speaker | None:
        paragraph = self._paragraph(position)
        for spoken in reversed(self.spoken):
            if paragraph - spoken.paragraph > 1:
                break
            if spoken.speaker.sort == sort:
                return spoken.speaker
        if sort == PLURAL:
            return None
        named = self._named_before(sort, position)
        if named is not None:
            return named
        return next((s.speaker for s in reversed(self.spoken) if s.speaker.sort == sort), None)

    def _named_before(self, sort: str, position: int) -> Speaker | None:
        """The first person (or organisation) named outside quotations in the pronoun's
        sentence before it, else in the previous sentence."""
        clause_start, _ = self.article.clause(position)
        previous_start, _ = self.article.clause(max(clause_start - 1, 0))
        for start, end in ((clause_start, position), (previous_start, clause_start)):
            for mention in self._outside_quotes(self.article.mentions_in(start, end)):
                fits = mention.is_person if sort == PERSON else (
                    mention.entity_label == "ORG" or mention.label == "ORG")
                if fits:
                    return Speaker(mention.entity_id, mention.name, "pronoun", sort)
        return None

    def _description(self, words: frozenset[str], head: str,
                     position: int) -> Speaker | None:
        wanted = words - {"this", "that"}
        if not wanted:
            return None
        # "the ministry" is an organisation, "the spokesperson" a person
        sort = THING if head in ORGANISATION_HEADS | DOCUMENT_HEADS else PERSON
        latest_spoken = next((s for s in reversed(self.spoken)
                              if wanted <= s.words and s.speaker.sort == sort), None)
        # a person by the words before the name ("spokesperson Wu Qian"), an organisation by
        # its own name ("the Chinese Ministry of Defense")
        described = [m for m in reversed(self.article.mentions_before(position))
                     if (m.is_person and sort == PERSON and wanted <= self._described(m))
                     or (not m.is_person and sort == THING and head in _words(m.name))]
        spoke = {s.speaker.entity_id for s in self.spoken if s.speaker.entity_id}
        # "the president" is the president who has spoken, when one has
        latest_named = next((m for m in described if m.entity_id in spoke),
                            described[0] if described else None)
        if latest_named is not None and (latest_spoken is None
                                         or latest_named.start > latest_spoken.position
                                         or (latest_spoken.speaker.entity_id is None
                                         and latest_named.is_person)):
            sort = PERSON if latest_named.is_person else THING
            if words & PEOPLE_HEADS:
                sort = PLURAL
            return Speaker(latest_named.entity_id, latest_named.name, "description", sort)
        if latest_spoken is not None:
            earlier = latest_spoken.speaker
            return Speaker(earlier.entity_id, earlier.name, "description", earlier.sort)
        return None
