"""Clause geometry for the attribution rules: where a content stops, what may stand between a
cue and its content, and small span arithmetic."""

from __future__ import annotations

import re

from analysis.sources.article import Article
from analysis.sources.cues import CUE_FORMS
from analysis.sources.lexicon import ADDRESSEE_VERBS, ADDRESSEES, OBJECT_VERBS, SAY_VERBS

Span = tuple[int, int]

SAY_VERBS_PAST = {w for w in SAY_VERBS | OBJECT_VERBS | ADDRESSEE_VERBS
                  if w.endswith("ed") or w in ("said", "told", "wrote")}
# Where the content of "X said ..." stops: another attribution, or the writer's own clause.
CONTENT_STOPS = re.compile(
    r",\s+(?:according to|per|citing|quoting|adding|saying|noting|arguing|insisting|"
    r"warning|stressing|claiming|explaining|referring to|speaking|while|amid|as well as|"
    r"in one of|though|although|when asked|asked|who|which|before|after)\b|;|\s[—–]\s|\s--\s|"
    r"\s+amid\b|(?<=[A-Za-z0-9%)])[.!?](?=[\"”’]?[“\"]?[A-Z][a-z'’\s])|"
    r",?\s+(?:but|and)\s+(?:\w+\s+){0,2}?(?:"
    + "|".join(sorted(SAY_VERBS_PAST, key=len, reverse=True)) + r")\b"
)
# What may open a right-hand content before its words: "that", a colon, a comma.
OPENING = re.compile(r"[\s,:]*(?:that\b)?[\s,:]*")
# Words that continue a content after an interrupting attribution (", she said, and ...")
# are the speaker's unless they open the writer's own clause.
NOT_CONTINUING = {"while", "when", "as", "after", "before", "amid", "during", "speaking",
                  "adding", "saying", "noting", "citing", "quoting", "according", "referring",
                  "in", "at", "on", "who", "which", "though", "although", "but", "per",
                  "told", "because", "since", "until", "describing", "calling", "to"}
WINDOW = 250  # characters read after (or before) a position for the few words a rule needs
LOOK_BACK = 80  # characters before a cue read for what stands just before it
THAT_WINDOW = 14  # words between a cue and its "that" ("said in a statement on Monday that")
MIN_BARE_CONTENT_WORDS = 4  # "X said Y" without "that": Y shorter is a thing, not a statement
MIN_FLOATING_WORDS = 3
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "yesterday", "today", "tonight", "last", "this", "next", "earlier", "later",
              "then", "again", "also", "repeatedly", "publicly", "privately", "separately",
              "recently", "previously", "once", "late", "early", "now"}
TIME_UNITS = {"week", "month", "year", "weekend", "morning", "afternoon", "evening", "night",
              "spring", "summer", "autumn", "fall", "winter", "time"}
PREPOSITIONS = {"on", "in", "at", "during", "to", "over", "via", "after", "before", "with",
                "from", "amid", "under", "through", "throughout", "inside", "outside"}
HABITUAL = ("used to", "went on to", "continued to", "proceeded to", "goes on to",
            "go on to")
ASIDE = re.compile(r",\s*(?:however|though|too|also|in turn|meanwhile|moreover|furthermore|"
                   r"instead|nevertheless|in fact|for example|(?:citing|quoting)\s[^,;.]{1,80})"
                   r"\s*,", re.I)
EXTENT_STOPS = {"that", "which", "who", "whom", "whose", "where", "when", "while", "because",
                "but", "if", "although", "though", "since", "until", "unless", "whether", "is",
                "are", "was", "were", "has", "have", "had", "will", "would", "could", "should",
                "can", "may", "might", "must"}
SUBORDINATORS = {"while", "although", "though", "as", "when", "if", "because", "since",
                 "after", "before", "once", "unless", "whereas"}
SUBORDINATE = {"while", "after", "before", "when", "by", "then", "in", "without", "as"}
NOUN_OPENERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "these",
                "those"}
CLAUSE_OPENERS = {"when", "while", "as", "amid", "because", "since", "where", "who", "which",
                  "if", "though", "although", "speaking", "according", "adding", "saying"}


def extent(article: Article, position: int, end: int) -> int:
    """The end of the phrase starting at `position` ("a statement issued Monday", "a
    press conference in Australia", "murmurs and quiet chuckles from the audience")."""
    for word in article.words(position, min(end, position + WINDOW)):
        if not word.text[0].isalnum() or (word.start > position and (
                word.lower in EXTENT_STOPS or word.lower in CUE_FORMS)):
            return word.start
    return end


def lead(article: Article, position: int, end: int) -> tuple[int, bool]:
    """Past what may stand between a cue and its content: times and settings ("on
    Monday", "in a statement issued Friday", "at a press conference in Australia") and
    "that". Returns (where the content starts, whether "that" was passed)."""
    for _ in range(6):
        while position < end and article.text[position].isspace():
            position += 1
        words = article.words(position, min(end, position + 60))[:3]
        if not words:
            break
        first = words[0].lower
        if first in TIME_WORDS:
            position = words[0].end
            if len(words) > 1 and words[1].lower in TIME_UNITS:
                position = words[1].end  # "last week", "Thursday morning"
        elif first in PREPOSITIONS and len(words) > 1 and (
                first != "to" or words[1].lower in NOUN_OPENERS | ADDRESSEES
                or words[1].text[0].isupper()):
            position = extent(article, words[1].start, end)
        elif first == "that":
            return words[0].end, True
        elif first == "," and (aside := ASIDE.match(article.text, position)):
            position = aside.end()  # "said, however, that ..."
        else:
            break
    return position, False


def short(article: Article, span: Span) -> bool:
    """Fewer words than a bare statement needs ("reported the president's request")."""
    start, end = span
    return len(article.words(start, min(end, start + 60))) < MIN_BARE_CONTENT_WORDS


def end_before(text: str, position: int, spaces: str = " \t\n\r") -> int:
    """Where text[:position].rstrip(spaces) would end, without copying the text."""
    while position > 0 and text[position - 1] in spaces:
        position -= 1
    return position


def length(parts: list[Span]) -> int:
    return sum(end - start for start, end in parts)


def shared(these: list[Span], those: list[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in these for s2, e2 in those)


def after_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t,:":
        position += 1
    return position


def ends_clause(rest: str) -> bool:
    """After "said X": nothing more, or only an apposition or a setting (", head of ...")."""
    return re.match(r"\s*(?:$|[,.;:!?)]|(?:in|on|at|during|after|before|when|while|"
                    r"as|from)\b)", rest) is not None


def trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return start, end
