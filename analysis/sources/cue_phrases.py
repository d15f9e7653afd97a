"""The speaker phrase beside a cue, found without a parser.

On the left of a cue ("China's foreign ministry spokesperson Wang Wenbin said") the phrase ends
at the cue, past words that may stand between (has, also, on Monday, in a statement), a
bracket ("(R-SC)") or an apposition (", director of the Center ...,"); on the right ("said
Paul Boyle, head of ...") it starts at the cue and stops at a comma or a word that opens a new
clause. What a phrase names is analysis.sources.phrases' rule.
"""

from __future__ import annotations

import re

from analysis.sources.article import Article, Word
from analysis.sources.lexicon import (
    DETERMINERS,
    DOCUMENT_HEADS,
    HEADS,
    NP_STOPS,
    ORGANISATION_HEADS,
)
from analysis.sources.phrases import (
    LINKS,
    MAX_PHRASE_WORDS,
    Phrase,
    head_phrase,
    is_abbreviation,
    is_name_word,
    may_stand_between,
    phrase_at,
)

ADJUNCT_CHARS = 100  # how far before a cue a time or setting is looked for
WINDOW = 250  # characters read before or after a cue for its speaker phrase
OBJECT_PREPOSITIONS = {"to", "of", "in", "at", "for", "from", "with", "on", "into", "about",
                       "over", "under", "against", "between", "toward", "towards", "than"}
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
    while i >= 0 and may_stand_between(words[i]):
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
    found = phrase_at(article, words, i)
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
    found = phrase_at(article, words, i)
    if found is None or found.kind in ("relative", "pronoun"):
        return None
    first = next(j for j, w in enumerate(words) if w.start == found.start)
    if found.head is None and first >= 2 and words[first - 1].text == ",":
        named = phrase_at(article, words, first - 2)
        if named is not None and named.head is not None:
            return named
    return found


def _before_apposition(article: Article, words: list[Word], comma: int) -> Phrase | None:
    """"X, APPOSITION, said": X, or the name in the apposition when X only describes."""
    opening = next((j for j in range(comma - 1, -1, -1) if words[j].text == ","), None)
    if opening is None or opening == 0:
        return None
    apposition = words[opening + 1:comma]
    subject = phrase_at(article, words, opening - 1)
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
        if word.text == "." and taken and is_abbreviation(taken[-1].text):
            taken.append(word)
            i += 1
            continue
        if not word.text[0].isalnum() and word.text not in ("’s", "'s", "-"):
            break
        if taken and (word.lower in NP_STOPS - LINKS or may_stand_between(word)):
            break
        if named and word.text[0].islower() and word.lower not in HEADS:
            break  # "The Washington Post took issue": the phrase ended with the name
        if taken and word.text[0].islower() and word.lower not in HEADS and not any(
                w.lower in HEADS for w in words[i + 1:i + 4]):
            break  # "China remains firm": no description follows
        if word.lower in LINKS and not (taken and taken[-1].lower in HEADS):
            break
        taken.append(word)
        named = named or is_name_word(word)
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
            found = head_phrase(article, taken[0].start, taken[j - 1].end, taken[:j])
            if found is not None and (found.kind != "description"
                                      or found.head_word in HEADS):
                whole = head_phrase(article, taken[0].start, taken[-1].end, taken)
                if found.head is None and whole is not None and whole.head is not None \
                        and found.head_word in ORGANISATION_HEADS | DOCUMENT_HEADS:
                    found = whole
                return Phrase(taken[0].start, taken[-1].end, found.kind, found.head,
                              found.head_word)
    return head_phrase(article, taken[0].start, taken[-1].end, taken)
