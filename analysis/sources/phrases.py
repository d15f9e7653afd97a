"""Speaker phrases: the words naming who spoke, and what they name, without a parser.

A phrase extends over "of/for/at/in" to the person or body it belongs to ("A spokeswoman for
the U.S. Embassy in Bangkok"). Its head decides what it names: a person's name inside it first
(a title before a name is the person: "spokesperson Wu Qian"), then an organisation's name when
the phrase is about one ("Russia's official TASS news agency"), a name it ends with ("China
said"), a pronoun, a description ("the ministry", "a senior official"), or a capitalised word
spaCy did not tag. analysis.sources.cue_phrases finds the phrase beside a cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.sources.article import Article, Mention, Word
from analysis.sources.lexicon import (
    BETWEEN_WORDS,
    DETERMINERS,
    DOCUMENT_HEADS,
    HEADS,
    NP_STOPS,
    ORGANISATION_HEADS,
    PEOPLE_HEADS,
    PERSON_HEADS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
)

MAX_PHRASE_WORDS = 12
TITLE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Gen Lt Col Maj Sen Rep Gov Capt Sgt St Jr Sr Prof Adm Cmdr Pres Rev Hon Gens "
    "Lt.Col Brig Cpl Pvt Supt Insp Det Amb Sec No".split())
ABBREVIATION = re.compile(r"^(?:[A-Z](?:\.[A-Z])+|[A-Z])$")  # U.S, U.K, initials
LINKS = {"of", "for", "at", "in", "from"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "yesterday", "today", "tonight", "tomorrow"}


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase: its span, what it names, and how."""

    start: int
    end: int
    kind: str  # "name", "pronoun", "description", "relative"
    head: Mention | None  # the named entity it names, when it names one
    head_word: str  # the word that decides (lower case): "he", "ministry", "wang"

    @property
    def plural(self) -> bool:
        return self.head_word in PEOPLE_HEADS or self.head_word in {"they", "them", "their"}


def is_abbreviation(text: str) -> bool:
    """A word a full stop shortens, not ends: "Gen.", "Sen.", "U.S."."""
    return text in TITLE_ABBREVIATIONS or ABBREVIATION.match(text) is not None


def may_stand_between(word: Word) -> bool:
    """A word that may stand between a speaker and its cue: "has", "also", "flatly", "Monday"."""
    lower = word.lower
    if lower in WEEKDAYS:
        return True
    return not word.text[0].isupper() and (lower in BETWEEN_WORDS or (
        lower.endswith("ly") and len(lower) > 4 and lower not in HEADS))


def is_name_word(word: Word) -> bool:
    return word.text[:1].isupper() and word.lower not in NP_STOPS


def _phrase_words(article: Article, words: list[Word], end_index: int) -> int:
    """Index of the first word of the noun phrase ending at words[end_index] (walking left)."""
    i = end_index
    first = end_index
    taken = 0
    while i >= 0 and taken < MAX_PHRASE_WORDS:
        word = words[i]
        mention = article.mention_ending(word.end)
        if mention is not None and mention.start < word.end:
            # the whole mention belongs to the phrase
            i -= 1
            while i >= 0 and words[i].start >= mention.start:
                i -= 1
            first = i + 1
            taken += 1
            continue
        lower = word.lower
        if word.text == "." and i > 0 and is_abbreviation(words[i - 1].text):
            i -= 1
            continue
        if lower in NP_STOPS or not (word.text[0].isalnum()):
            break
        if i != end_index and may_stand_between(word):
            break
        first = i
        taken += 1
        i -= 1
        if lower in DETERMINERS:
            break
    return first


def head_phrase(article: Article, start: int, end: int, words: list[Word]) -> Phrase | None:
    """What the phrase text[start:end] (its words given) names, or None when it names nothing."""
    if not words:
        return None
    last = words[-1]
    last_word = last.lower.removesuffix("’s").removesuffix("'s")
    if last_word not in HEADS and last_word.endswith("s") and last_word[:-1] in HEADS:
        last_word = last_word[:-1]  # "reports", "officials"
    mentions = article.mentions_in(start, end)
    people = [m for m in mentions if m.is_person]
    if last_word in PRONOUNS:
        return Phrase(last.start, last.end, "pronoun", None, last_word)
    if last.lower in RELATIVE_PRONOUNS:
        return Phrase(last.start, last.end, "relative", None, last.lower)
    if mentions and last.text[0].islower() and last_word not in HEADS \
            and mentions[-1].end <= last.start:
        return None  # "Li's visit", "China's military exercises": a thing, not a source
    person_description = last_word in HEADS and people and people[-1].end < last.start
    if people and last_word not in ORGANISATION_HEADS | DOCUMENT_HEADS \
            and not person_description:
        return Phrase(start, end, "name", people[-1], people[-1].name.lower())
    owners = [m for m in mentions if article.text[m.end:m.end + 2] in ("'s", "’s")]
    if last_word in DOCUMENT_HEADS:
        # "Gazprom's statement said": the document speaks for its owner
        if owners:
            return Phrase(start, end, "name", owners[-1], owners[-1].name.lower())
        owner = next((w for w in words if w.text.endswith(("'s", "’s"))
                      and w.text[0].isupper()), None)
        if owner is not None:
            return Phrase(owner.start, owner.end - 2, "name", None, owner.lower[:-2])
    organisations = [m for m in mentions if m.entity_label not in ("GPE", "NORP", "LOC")
                     or m.label == "ORG"]
    if last_word in ORGANISATION_HEADS and organisations:
        return Phrase(start, end, "name", organisations[-1], organisations[-1].name.lower())
    if mentions and mentions[-1].end >= last.end - 2:
        return Phrase(start, end, "name", mentions[-1], mentions[-1].name.lower())
    if last_word in HEADS:
        return Phrase(start, end, "description", None, last_word)
    if is_name_word(last) and last_word not in DETERMINERS and _used_as_name(article, last):
        return Phrase(start, end, "name", None, last_word)
    return None


def _used_as_name(article: Article, word: Word) -> bool:
    """A capitalised word spaCy did not tag names someone if it is capitalised somewhere
    that is not the start of a sentence ("Bishop also noted" after "Kevin Bishop"), not a
    sentence opener ("Just ask ...")."""
    before = article.text[max(word.start - 3, 0):word.start].strip()
    if before and before[-1] not in ".!?\"“”:\n":
        return True
    pattern = re.compile(r"[a-z,]\s+" + re.escape(word.text) + r"\b")
    return pattern.search(article.text) is not None


def _extend_left(article: Article, words: list[Word], first: int) -> tuple[int, int]:
    """Over "of/for/at/in/from" to the phrase the link hangs on ("Meehan of the Council").

    Returns (first word of the whole phrase, last word of its leftmost part): the leftmost part
    is the head ("A spokeswoman" for the U.S. Embassy in Bangkok).
    """
    head_end = None
    for _ in range(3):
        if first < 2 or words[first - 1].lower not in LINKS:
            break
        before = _phrase_words(article, words, first - 2)
        found = head_phrase(article, words[before].start, words[first - 2].end,
                      words[before:first - 1])
        if found is None or found.kind in ("pronoun", "relative"):
            break
        head_end, first = first - 2, before
    return first, head_end


def phrase_at(article: Article, words: list[Word], last: int) -> Phrase | None:
    """The phrase whose last word is words[last], extended over links, with its head."""
    first, head_end = _extend_left(article, words, _phrase_words(article, words, last))
    found = head_phrase(article, words[first].start, words[last].end, words[first:last + 1])
    if head_end is not None:
        leftmost = head_phrase(article, words[first].start, words[head_end].end,
                         words[first:head_end + 1])
        if leftmost is not None and not (leftmost.kind == "description" and found is not None
                                         and found.head is not None and found.head.is_person
                                         and leftmost.head_word in PERSON_HEADS):
            found = leftmost
    if found is None:
        return None
    if found.kind in ("pronoun", "relative") or (found.kind == "name" and found.head is None
                                                 and found.end < words[last].end):
        return found  # a pronoun, or the owner of a document ("Gazprom's statement")
    return Phrase(words[first].start, words[last].end, found.kind, found.head, found.head_word)


def phrase_between(article: Article, start: int, end: int) -> Phrase | None:
    """The phrase that is exactly text[start:end] (after extension rules), or None."""
    words = article.words(start, end)
    if not words or len(words) > MAX_PHRASE_WORDS:
        return None
    first = _phrase_words(article, words, len(words) - 1)
    if first != 0:
        return None
    return head_phrase(article, words[0].start, words[-1].end, words)
