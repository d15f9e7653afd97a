"""Speaker phrases: the words naming who spoke, found next to a cue without a parser.

On the left of a cue ("China's foreign ministry spokesperson Wang Wenbin said") the phrase ends
at the cue, past words that may stand between (has, also, on Monday, in a statement), a
bracket ("(R-SC)") or an apposition (", director of the Center ...,"); on the right ("said
Paul Boyle, head of ...") it starts at the cue and stops at a comma or a word that opens a new
clause. A phrase extends over "of/for/at/in" to the person or body it belongs to ("A
spokeswoman for the U.S. Embassy in Bangkok"). Its head decides what it names: a person's
name inside it first (a title before a name is the person: "spokesperson Wu Qian"), then an
organisation's name when the phrase is about one ("Russia's official TASS news agency"), a
name it ends with ("China said"), a pronoun, a description ("the ministry", "a senior
official"), or a capitalised word spaCy did not tag.
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
ADJUNCT_CHARS = 100  # how far before a cue a time or setting is looked for
WINDOW = 250  # characters read before or after a cue for its speaker phrase
CLOSING = set("”»’\"'")
TITLE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Gen Lt Col Maj Sen Rep Gov Capt Sgt St Jr Sr Prof Adm Cmdr Pres Rev Hon Gens "
    "Lt.Col Brig Cpl Pvt Supt Insp Det Amb Sec No".split())
ABBREVIATION = re.compile(r"^(?:[A-Z](?:\.[A-Z])+|[A-Z])$")  # U.S, U.K, initials
LINKS = {"of", "for", "at", "in", "from"}
OBJECT_PREPOSITIONS = {"to", "of", "in", "at", "for", "from", "with", "on", "into", "about",
                       "over", "under", "against", "between", "toward", "towards", "than"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "yesterday", "today", "tonight", "tomorrow"}
# A short phrase of time or setting between a speaker and its cue ("Hagel on Saturday accused",
# "Erekat in a statement accused", "Barr at a news conference said").
ADJUNCT = re.compile(
    r"(?:,?\s+(?:on|in|at|during|late|early|last|this|earlier|later|over|via)"
    r"(?:\s+(?:[A-Z][\w.’'-]*|\d[\w,.]*|a|an|the|his|her|its|their|on|[a-z]+day|week|month|"
    r"year|morning|afternoon|evening|night|weekend|statement|interview|briefing|conference|"
    r"call|speech|tweet|post|letter|hearing|meeting|address|session|broadcast|release|news|"
    r"press|video|radio|television|phone|telephone|joint|daily|weekly|recent|separate|"
    r"written|televised|exclusive|emailed|brief|short|same|earlier|later|time)){1,5}"
    r",?)\s*$"
)


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


def _abbreviation(text: str) -> bool:
    """A word a full stop shortens, not ends: "Gen.", "Sen.", "U.S."."""
    return text in TITLE_ABBREVIATIONS or ABBREVIATION.match(text) is not None


def _between(word: Word) -> bool:
    """A word that may stand between a speaker and its cue: "has", "also", "flatly", "Monday"."""
    lower = word.lower
    if lower in WEEKDAYS:
        return True
    return not word.text[0].isupper() and (lower in BETWEEN_WORDS or (
        lower.endswith("ly") and len(lower) > 4 and lower not in HEADS))


def _is_name_word(word: Word) -> bool:
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
        if word.text == "." and i > 0 and _abbreviation(words[i - 1].text):
            i -= 1
            continue
        if lower in NP_STOPS or not (word.text[0].isalnum()):
            break
        if i != end_index and _between(word):
            break
        first = i
        taken += 1
        i -= 1
        if lower in DETERMINERS:
            break
    return first


def _head(article: Article, start: int, end: int, words: list[Word]) -> Phrase | None:
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
    if _is_name_word(last) and last_word not in DETERMINERS and _used_as_name(article, last):
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
        found = _head(article, words[before].start, words[first - 2].end,
                      words[before:first - 1])
        if found is None or found.kind in ("pronoun", "relative"):
            break
        head_end, first = first - 2, before
    return first, head_end


def _phrase(article: Article, words: list[Word], last: int) -> Phrase | None:
    """The phrase whose last word is words[last], extended over links, with its head."""
    first, head_end = _extend_left(article, words, _phrase_words(article, words, last))
    found = _head(article, words[first].start, words[last].end, words[first:last + 1])
    if head_end is not None:
        leftmost = _head(article, words[first].start, words[head_end].end,
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
    return _head(article, words[0].start, words[-1].end, words)


def phrase_ending(article: Article, position: int, floor: int) -> Phrase | None:
    """The speaker phrase that ends just before `position` (a cue), not before `floor`.

    Skips words that may stand between (auxiliaries, adverbs, a time or setting), a bracket,
    and an apposition; None when nothing before the cue can be a speaker.
    """
    window = max(floor, position - ADJUNCT_CHARS)
    adjunct = ADJUNCT.search(article.text, window, position)
    if adjunct is not None and adjunct.start() > floor:
        position = adjunct.start()
    words = article.words(max(floor, position - WINDOW), position)
    i = len(words) - 1
    while i >= 0 and _between(words[i]):
        i -= 1
    if i >= 0 and words[i].text == ")":
        while i >= 0 and words[i].text != "(":
            i -= 1
        i -= 1
    if i < 0:
        return None
    if words[i].text == ",":
        return _before_apposition(article, words, i)
    if words[i].lower in ("and", "but"):
        return None
    found = _phrase(article, words, i)
    if found is not None and found.kind == "relative":
        return antecedent(article, found.start, words[0].start)
    if found is not None and found.kind != "pronoun":
        first = next(j for j, w in enumerate(words) if w.start == found.start)
        if first > 0 and words[first - 1].lower in OBJECT_PREPOSITIONS:
            return None  # "Li's visit to Russia emphasizes": an object, not a subject
    return found


def antecedent(article: Article, position: int, floor: int) -> Phrase | None:
    """What a relative pronoun at `position` stands for ("AIPAC, the lobby, which said"): the
    phrase before it, or the name it is in apposition to."""
    words = article.words(max(floor, position - WINDOW), position)
    adjunct = ADJUNCT.search(article.text, max(floor, position - ADJUNCT_CHARS), position)
    if adjunct is not None and adjunct.start() > floor:
        words = article.words(max(floor, position - WINDOW), adjunct.start())
    i = len(words) - 1
    if i >= 0 and words[i].text == ",":
        i -= 1
    if i < 0:
        return None
    found = _phrase(article, words, i)
    if found is None or found.kind in ("relative", "pronoun"):
        return None
    first = next(j for j, w in enumerate(words) if w.start == found.start)
    if found.head is None and first >= 2 and words[first - 1].text == ",":
        named = _phrase(article, words, first - 2)
        if named is not None and named.head is not None:
            return named
    return found


def _before_apposition(article: Article, words: list[Word], comma: int) -> Phrase | None:
    """"X, APPOSITION, said": X, or the name in the apposition when X only describes."""
    opening = next((j for j in range(comma - 1, -1, -1) if words[j].text == ","), None)
    if opening is None or opening == 0:
        return None
    apposition = words[opening + 1:comma]
    subject = _phrase(article, words, opening - 1)
    if subject is None:
        return None
    if subject.kind == "relative":
        return antecedent(article, subject.start, words[0].start)
    if apposition and (subject.head is None or not subject.head.is_person):
        named = [m for m in article.mentions_in(apposition[0].start, apposition[-1].end)
                 if m.is_person]
        if named:
            return Phrase(subject.start, apposition[-1].end, "name", named[0],
                          named[0].name.lower())
    return subject


def phrase_starting(article: Article, position: int, ceiling: int) -> Phrase | None:
    """The speaker phrase that starts just after `position` ("said Paul Boyle, head of")."""
    words = article.words(position, min(ceiling, position + WINDOW))
    if words and words[0].lower in NP_STOPS and words[0].lower not in ("it", "its"):
        return None
    taken: list[Word] = []
    named = False
    i = 0
    while i < len(words) and len(taken) < MAX_PHRASE_WORDS:
        word = words[i]
        inside = [m for m in article.mentions_in(word.start, ceiling) if m.start == word.start]
        if inside:
            mention = inside[0]
            taken.append(words[i])
            i += 1
            while i < len(words) and words[i].end <= mention.end:
                taken.append(words[i])
                i += 1
            # a person's or organisation's name ends the phrase ("The Washington Post took");
            # a nationality does not ("the Russian foreign ministry spokesperson")
            named = (mention.label in ("PERSON", "ORG") or mention.entity_label in (
                "PERSON", "ORG")) and not taken[-1].lower.endswith(("’s", "'s"))
            continue
        if word.text == "." and taken and _abbreviation(taken[-1].text):
            taken.append(word)
            i += 1
            continue
        if not word.text[0].isalnum() and word.text not in ("’s", "'s", "-"):
            break
        if taken and (word.lower in NP_STOPS - LINKS or _between(word)):
            break
        if named and word.text[0].islower() and word.lower not in HEADS:
            break  # "The Washington Post took issue": the phrase ended with the name
        if taken and word.text[0].islower() and word.lower not in HEADS and not any(
                w.lower in HEADS for w in words[i + 1:i + 4]):
            break  # "China remains firm": no description follows
        if word.lower in LINKS and not (taken and taken[-1].lower in HEADS):
            break
        taken.append(word)
        named = named or _is_name_word(word)
        if word.lower.endswith(("’s", "'s")):
            named = False  # "Obama's former defense secretary": the phrase goes on
        i += 1
    while taken and (taken[-1].lower in LINKS or taken[-1].lower in DETERMINERS):
        taken.pop()
    if not taken:
        return None
    # the head of "the head of X" is the first phrase; its own words decide
    for j, word in enumerate(taken):
        if word.lower in LINKS and j > 0:
            found = _head(article, taken[0].start, taken[j - 1].end, taken[:j])
            if found is not None and (found.kind != "description"
                                      or found.head_word in HEADS):
                whole = _head(article, taken[0].start, taken[-1].end, taken)
                if found.head is None and whole is not None and whole.head is not None \
                        and found.head_word in ORGANISATION_HEADS | DOCUMENT_HEADS:
                    found = whole
                return Phrase(taken[0].start, taken[-1].end, found.kind, found.head,
                              found.head_word)
    return _head(article, taken[0].start, taken[-1].end, taken)
