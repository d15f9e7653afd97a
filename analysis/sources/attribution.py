"""Attributions in one article: what was said (content), the cue, who said it, and how.

Rules, each general English news usage (tuned on the dev half of bench/data/quotes):

1. Cues are words of saying outside quotations (analysis.sources.lexicon): verbs ("said",
   "told", "warned", "accused"), nouns followed by "that" ("claims that", "a statement that"),
   and source prepositions ("according to", "per", "citing", "quoting").
2. A verb with its speaker on the left and words on the right has its content on the right:
   "X said (that) ...", "X told Y (that) ...", "X accused Y of ...". The content runs to the end
   of the sentence, or to where another attribution or the writer's own clause begins
   (", adding", ", according to", ", while", "; ", a dash).
3. A verb after a comma or a closing quotation mark has its content on the left:
   "“...,” Wang told reporters", "..., officials said", "..., said Paul Boyle"; the speaker is
   on either side of the verb. A sentence that goes on after such an attribution (", and ...")
   goes on with its content: "The first change, she said, was ...".
4. A participle ("..., saying ...", "by saying ...") and a verb after "and"/"but" speak for the
   subject of their clause.
5. "according to X" and "per X" name the speaker of their clause; when the clause already has
   an attribution, X (like an "X said" or "citing Y" after one) is the source it was relayed
   through: "“...,” she said, according to the AP" (speaker she, via the AP); "the ministry
   said ..., citing spokesperson Wu Qian" (speaker Wu Qian, via the ministry).
6. Content that is one quotation is direct (its parts, over sentences and paragraphs); content
   holding quotation marks and other words is mixed; without marks it is indirect.
7. A quotation no cue claims continues the direct attribution just before it (same or next
   paragraph): one attribution in parts. After an indirect attribution, it is a direct
   attribution of the same speaker. A quotation followed by a name alone ("..." Jessica
   Brandt, ASD) is that name's. Other quotations (titles, scare quotes, terms) are not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.sources.article import Article
from analysis.sources.lexicon import (
    ADDRESSEE_VERBS,
    ADDRESSEES,
    BASE_FORMS,
    DOCUMENT_HEADS,
    NO_CONTENT,
    NOT_BEFORE_CUE,
    OBJECT_VERBS,
    PRONOUNS,
    QUOTE_ONLY_VERBS,
    SAY_NOUNS,
    SAY_VERBS,
    SOURCE_PREPOSITIONS,
    THAT_VERBS,
    VERB_BASES,
)
from analysis.sources.marks import OPENERS, Quotation, word_count
from analysis.sources.phrases import (
    Phrase,
    phrase_between,
    phrase_ending,
    phrase_starting,
)

Span = tuple[int, int]

SAY_VERBS_PAST = {w for w in SAY_VERBS | OBJECT_VERBS | ADDRESSEE_VERBS
                  if w.endswith("ed") or w in ("said", "told", "wrote")}
CUE_FORMS = SAY_VERBS | THAT_VERBS | ADDRESSEE_VERBS | OBJECT_VERBS | QUOTE_ONLY_VERBS
_CUE_WORDS = sorted(SAY_VERBS | THAT_VERBS | ADDRESSEE_VERBS | OBJECT_VERBS | QUOTE_ONLY_VERBS
                    | SAY_NOUNS | set(SOURCE_PREPOSITIONS), key=len, reverse=True)


def _trie_pattern(words: list[str]) -> str:
    """One alternation for many words, branching letter by letter: a regex engine tries a
    plain list of 600 words at every position of the text, a trie only the letters that fit.
    A word may start with its capital letter."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        ends = "" in node
        alternatives = [re.escape(c) + branch(sub) for c, sub in sorted(node.items()) if c]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if ends else body

    first = [f"[{c}{c.upper()}]{branch(sub)}" for c, sub in sorted(trie.items())]
    return r"\b(?:" + "|".join(first) + r")\b"


CUES = re.compile(_trie_pattern(_CUE_WORDS))
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


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    word: str  # lower case

    @property
    def participle(self) -> bool:
        return self.word.split()[0].endswith("ing") and self.word not in SAY_NOUNS


def find_cues(article: Article) -> list[Cue]:
    """Cue words outside quotations; a capitalised one only opening a sentence or a headline."""
    found = []
    text = article.text
    for match in CUES.finditer(text):
        word = match.group()
        if word != word.lower():
            before = text[max(match.start() - 40, 0):match.start()].rstrip()
            previous = before.split()
            headline = previous and previous[-1][:1].isupper()
            if before and before[-1] not in ".!?\n\"“”" and not headline:
                continue
            if any(m.start <= match.start() < m.end
                   for m in article.mentions_in(max(match.start() - 60, 0), match.end() + 60)):
                continue  # "the United States"
        if article.quotation_at(match.start()) is not None:
            continue
        found.append(Cue(match.start(), match.end(), word.lower()))
    return found


class _Finder:
    """The rules over one article, in text order."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.found: list[Attribution] = []
        self.claimed: set[int] = set()  # opened_at of the quotations some attribution holds

    # -- small helpers --------------------------------------------------------------------------

    def _floor(self, position: int) -> int:
        """Where a clause before `position` may begin: its sentence, after any quotation."""
        start, _ = self.article.clause(position)
        for quote in self.article.quotations:
            if start <= quote.mark_end <= position:
                start = max(start, quote.mark_end)
        return start

    def _quotation_ending(self, position: int) -> Quotation | None:
        """The quotation whose closing mark is just before `position` (",” he said")."""
        end = _end_before(self.text, position, " ,\t")
        before = self.text[max(end - 2, 0):end]
        if before[-1:] not in "”\"»’',.":
            return None
        for at in (end - 1, end - 2):
            quote = self.article.quotation_at(at)
            if quote is not None and quote.closed and quote.mark_end in (end, end - 1):
                return quote
        return None

    def _quotations_in(self, start: int, end: int) -> list[Quotation]:
        return [q for q in self.article.quotations if q.opened_at < end and q.mark_end > start]

    def _cut(self, start: int, end: int) -> int:
        """The end of a content starting at `start`: before the first stop outside quotations."""
        for stop in CONTENT_STOPS.finditer(self.text, start, end):
            if self.article.quotation_at(stop.start()) is None:
                return stop.start()
        return end

    def _content(self, start: int, end: int) -> tuple[list[Span], str, list[Quotation]] | None:
        """text[start:end] as content: its parts, kind and quotations (None when empty)."""
        start, end = _trim(self.text, start, end)
        if end - start < 2:
            return None
        quotes = self._quotations_in(start, end)
        if quotes:
            end = max(end, quotes[-1].end)
            start = min(start, quotes[0].start)
            outside = self.text[start:quotes[0].opened_at] + self.text[quotes[-1].mark_end:end]
            if len(quotes) == 1 and not re.search(r"\w", outside.replace("that", "")):
                return list(quotes[0].parts), "direct", quotes
            return [(start, end)], "mixed", quotes
        return [(start, end)], "indirect", []

    def _claim(self, attribution: Attribution) -> Attribution | None:
        """Keep `attribution`, unless an earlier one already holds nearly the same content."""
        mine = _length(attribution.parts)
        for other in self.found:
            if other.end <= attribution.start or other.start >= attribution.end:
                continue
            shared = _shared(attribution.parts, other.parts)
            if shared >= 0.8 * mine and shared >= 0.8 * _length(other.parts):
                return None
        for quote in attribution.quotations:
            self.claimed.add(quote.opened_at)
        self.found.append(attribution)
        return attribution

    def _in_clause(self, position: int) -> Attribution | None:
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
        start = self._floor(position) if first_only else start
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

    # -- the rules --------------------------------------------------------------------------

    def cue(self, cue: Cue) -> None:
        word = cue.word
        if word in SOURCE_PREPOSITIONS:
            self._preposition(cue)
        elif word in SAY_NOUNS and not (word in SAY_VERBS and self._verb(cue)):
            self._noun(cue)
        elif word not in SAY_NOUNS or word in SAY_VERBS:
            self._verb(cue)

    def _verb(self, cue: Cue) -> bool:
        text = self.text
        before = text[max(cue.start - LOOK_BACK, 0):cue.start].rstrip()
        before_end = _end_before(text, cue.start)
        words_before = before.split()
        previous = words_before[-1].lower().strip("“”\"'") if words_before else ""
        first_word = cue.word.split()[0]
        if first_word in VERB_BASES and first_word not in BASE_FORMS:
            return False  # "a report", "state and military leaders": a noun, not a verb
        after = self.article.words(cue.end, cue.end + 40)[:1]
        if previous in ("and", "or", ",") and first_word.endswith("ed") and after \
                and after[0].text[0].islower() and after[0].lower not in (
                    NOUN_OPENERS | PREPOSITIONS | PRONOUNS | {"that", "to", "of", "for"}):
            return False  # "and alleged espionage": an adjective
        if previous.endswith(("’s", "'s")) and previous[:-2] not in PRONOUNS:
            return False  # "Mueller's report", "Kerry's remarks"
        lowered = before.lower()
        habitual = next((h for h in HABITUAL if lowered.endswith(" " + h)), "")
        if previous in NOT_BEFORE_CUE and not cue.participle and not habitual:
            return False
        _, clause_end = self.article.clause(cue.start)
        # ", said X" / "," said X": the speaker follows, the content is on the left
        if before[-1:] in ",”\"»’'" and not cue.participle and cue.word not in ADDRESSEE_VERBS:
            speaker = phrase_starting(self.article, cue.end, clause_end)
            if speaker is not None and speaker.kind != "relative" \
                    and _ends_clause(text[speaker.end:clause_end]):
                return self._left(cue, speaker, left_end=before_end - 1, after=speaker.end)
        floor = self._floor(cue.start)
        subject = self._clause_subject(floor, cue.start)
        inherited = False
        relative = bool(re.search(r"\b(?:who|which|that)(?:\s+\w+ly)?\s*$", before, re.I))
        if (cue.participle and (before[-1:] in ",(" or previous in SUBORDINATE)) \
                or previous in ("and", "but"):
            speaker, inherited = self.subject(cue.start), True
        else:
            # "He went on to describe": the speaker is before "went on to"
            speaker_end = cue.start - len(habitual) - 1 if habitual else cue.start
            speaker = subject or phrase_ending(self.article, speaker_end, floor)
            if speaker is not None and cue.participle and speaker.kind == "description" \
                    and speaker.start > floor + 1 and speaker.head_word in DOCUMENT_HEADS:
                speaker, inherited = self.subject(cue.start), True  # "issued a statement saying"
        if speaker is None:
            return False
        if not inherited and not relative and self._before_is_break(speaker.start) \
                and self._nothing_after(cue, clause_end):
            left_end = _end_before(text, speaker.start) - 1
            return self._left(cue, speaker, left_end=left_end, after=cue.end)
        right = self._right(cue)
        if right is None:
            return False
        if right[1] == "direct":
            # "“A,” the Times wrote “B.”": the quotation before the speaker is its first part
            earlier = self._quotation_ending(speaker.start)
            if earlier is not None and earlier.opened_at not in self.claimed \
                    and not re.search(r"\w", text[earlier.mark_end:speaker.start]):
                right = ([*earlier.parts, *right[0]], "direct", [earlier, *right[2]])
        parts, kind, quotes = right
        if cue.word in QUOTE_ONLY_VERBS and not quotes:
            return False
        if self._subordinate(floor, speaker.start):
            comma = text.find(",", parts[0][0], parts[-1][1])
            if comma > 0 and self.article.quotation_at(comma) is None:
                found = self._content(parts[0][0], comma)
                if found is None:
                    return False
                parts, kind, quotes = found
        self._claim(Attribution(parts, kind, (cue.start, cue.end), speaker, quotations=quotes))
        return True

    def _nothing_after(self, cue: Cue, clause_end: int) -> bool:
        """Whether the cue has no words of its own after it: only an addressee, a time or a
        setting before the clause ends or a comma ("..., Pumpanmuang said at a briefing.")."""
        if self.text[cue.end:].lstrip().startswith(":"):
            return False  # "he adds:" introduces what follows
        position = cue.end
        if cue.word in ADDRESSEE_VERBS:
            position = self._past_addressee(cue, clause_end)
        position, that = self._lead(position, clause_end)
        tail = self.text[position:clause_end].strip()
        if tail.startswith(",") and tail[1:].lstrip()[:1] in OPENERS:
            return False  # "Jeffrey told reporters, "We think so."": the quotation follows
        return not that and (not tail or tail[0] in ",.;!?)")

    def _clause_subject(self, floor: int, position: int) -> Phrase | None:
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

    def _subordinate(self, floor: int, position: int) -> bool:
        """"Even though many say X, ...": a speaker inside a subordinate clause."""
        return re.search(r"\b(?:even though|though|although|while|whereas|if|because|since|"
                         r"unless|whether)\s*$", self.text[floor:position], re.I) is not None

    def _before_is_break(self, position: int) -> bool:
        end = _end_before(self.text, position)
        before = self.text[max(end - 1, 0):end]
        return before[-1:] in (",", "”", '"', "»", "’", "'", "(", "—", "–")

    def _extent(self, position: int, end: int) -> int:
        """The end of the phrase starting at `position` ("a statement issued Monday", "a
        press conference in Australia", "murmurs and quiet chuckles from the audience")."""
        for word in self.article.words(position, min(end, position + WINDOW)):
            if not word.text[0].isalnum() or (word.start > position and (
                    word.lower in EXTENT_STOPS or word.lower in CUE_FORMS)):
                return word.start
        return end

    def _past_addressee(self, cue: Cue, clause_end: int) -> int:
        """After the one spoken to ("told reporters", "told the Global Times", "told me")."""
        words = self.article.words(cue.end, min(clause_end, cue.end + WINDOW))
        if not words or not words[0].text[0].isalnum() or words[0].lower in (
                {"that", "of", "about", "against"} | PREPOSITIONS | TIME_WORDS):
            return cue.end
        if words[0].lower in ADDRESSEES:
            return words[0].end
        return self._extent(words[0].start, clause_end)

    def _lead(self, position: int, end: int) -> tuple[int, bool]:
        """Past what may stand between a cue and its content: times and settings ("on
        Monday", "in a statement issued Friday", "at a press conference in Australia") and
        "that". Returns (where the content starts, whether "that" was passed)."""
        for _ in range(6):
            while position < end and self.text[position].isspace():
                position += 1
            words = self.article.words(position, min(end, position + 60))[:3]
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
                position = self._extent(words[1].start, end)
            elif first == "that":
                return words[0].end, True
            elif first == "," and (aside := ASIDE.match(self.text, position)):
                position = aside.end()  # "said, however, that ..."
            else:
                break
        return position, False

    def _right(self, cue: Cue) -> tuple[list[Span], str, list[Quotation]] | None:
        """The content on the right of a verb cue, or None when there is none."""
        text = self.text
        _, clause_end = self.article.clause(cue.start)
        words = self.article.words(cue.end, min(clause_end, cue.end + WINDOW))
        position, that = cue.end, False
        if cue.word in OBJECT_VERBS:
            while words and words[0].lower in TIME_WORDS:
                position, words = words[0].end, words[1:]
        else:
            if cue.word in ADDRESSEE_VERBS and words and words[0].text not in (",", ":") \
                    and words[0].lower not in ("that", "of", "about", "against") \
                    and words[0].lower not in PREPOSITIONS | TIME_WORDS:
                position = _after_spaces(text, self._past_addressee(cue, clause_end))
            elif words and words[0].lower in {"of", "about", "against", "with", "for"}:
                return None  # "warned of X", "spoke about X": a topic, not what was said
            position, that = self._lead(position, clause_end)
        rest = self.article.words(position, min(clause_end, position + 60))[:1]
        # "Kerry replied:" at a paragraph's end: the quotation opening the next paragraph
        if not rest or rest[0].text == ":":
            _, paragraph_end = self.article.paragraph(cue.start)
            if text[position:paragraph_end].strip() in (":", ""):
                nxt = self._next_paragraph_quotation(paragraph_end)
                if nxt is not None and text[cue.end:paragraph_end].rstrip().endswith(":"):
                    return list(nxt.parts), "direct", [nxt]
            if not rest:
                return None
        opening = OPENING.match(text, position)
        position = opening.end()
        rest = self.article.words(position, min(clause_end, position + 60))[:1]
        if not rest or rest[0].text in (".", ";", "?", "!") or rest[0].lower in NO_CONTENT \
                or (not that and rest[0].lower in CLAUSE_OPENERS | (PREPOSITIONS - {"to"})):
            return None
        if cue.participle and not that and cue.word not in OBJECT_VERBS \
                and rest[0].lower in NOUN_OPENERS:
            return None  # ", noting the recent beheading of ...": a thing, not a statement
        if cue.word in THAT_VERBS and not that and not any(
                q.opened_at == position for q in self.article.quotations):
            ahead = self.article.words(position, min(clause_end, position + WINDOW))
            later = next((w for w in ahead[:THAT_WINDOW]
                          if w.lower == "that" or w.text in ",;“\""), None)
            if later is None or later.lower != "that":
                return None
            position = later.end
            that = True
        end = self._cut(position, clause_end)
        if len(self.article.words(position, min(end, position + 60))) < MIN_BARE_CONTENT_WORDS \
                and re.match(r",\s+(?:while|though|although)\b", text[end:]):
            end = self._cut(end + 2, clause_end)  # "the attacks, while not connected, were"
        found = self._content(position, end)
        if found is not None and found[1] == "indirect" and cue.word not in OBJECT_VERBS \
                and not that and _short(self.article, found[0][0]):
            return None  # "reported the president's request": a thing, not a statement
        return found

    def _next_paragraph_quotation(self, paragraph_end: int) -> Quotation | None:
        for quote in self.article.quotations:
            if quote.opened_at >= paragraph_end:
                gap = self.text[paragraph_end:quote.opened_at]
                return quote if not gap.strip() else None
        return None

    def _left(self, cue: Cue, speaker: Phrase, *, left_end: int, after: int) -> bool:
        """Content on the left of an attribution ending at `left_end` (its comma or mark)."""
        relay = self._in_clause(min(speaker.start, cue.start))
        if relay is not None and relay.via is None and relay.speaker is not None \
                and relay.start < left_end:
            # "Shoigu informed Putin that X, the ministry said": the ministry relays Shoigu
            if relay.end > left_end:
                start, _ = relay.parts[-1]
                relay.parts[-1] = _trim(self.text, start, left_end)
            relay.via = speaker
            return True
        quote = self._quotation_ending(left_end + 1)
        if quote is not None:
            parts, kind, quotes = list(quote.parts), "direct", [quote]
            if quote.opened_at in self.claimed:
                return False
            # "“A,” he said, “B.”": the quotation resumes after the attribution
            resumed = self._resumed_quotation(after)
            if resumed is not None:
                parts += list(resumed.parts)
                quotes.append(resumed)
            whole_start = quote.opened_at
            outside = self.text[self._floor(whole_start):whole_start]
            if re.search(r"\w", outside) and not self._quotation_ending(whole_start):
                start = self._floor(whole_start)
                found = self._content(start, quote.end)
                if found is not None and found[1] == "mixed":
                    parts, kind, quotes = found
        else:
            start = self._floor(left_end)
            found = self._content(start, left_end)
            if found is None:
                return False
            parts, kind, quotes = found
            if any(q.opened_at in self.claimed for q in quotes):
                return False
            rest = self._continuation(after)
            if rest is not None:
                parts = [*parts, rest]
        self._claim(Attribution(parts, kind, (cue.start, cue.end), speaker, quotations=quotes))
        return True

    def _resumed_quotation(self, after: int) -> Quotation | None:
        rest = self.text[after:]
        skipped = re.match(r"[^.“”\"«»\n]{0,80}?[,:]\s*(?=[“\"«])", rest)
        if skipped is None:
            return None
        position = after + skipped.end()
        for quote in self.article.quotations:
            if quote.opened_at == position:
                return quote
        return None

    def _continuation(self, after: int) -> Span | None:
        """", she said, and things need to change": the words going on after the attribution."""
        _, clause_end = self.article.clause(after)
        rest = self.text[after:clause_end]
        match = re.match(r"[^,.;]*?,\s*", rest)
        if match is None:
            return None
        start = after + match.end()
        words = self.article.words(start, min(clause_end, start + 60))
        if len(words) < 3 or words[0].lower in NOT_CONTINUING:
            return None
        end = self._cut(start, clause_end)
        start, end = _trim(self.text, start, end)
        return (start, end) if end > start else None

    def _preposition(self, cue: Cue) -> None:
        text = self.text
        clause_start, clause_end = self.article.clause(cue.start)
        speaker = phrase_starting(self.article, cue.end, clause_end)
        if speaker is None:
            return
        before = text[clause_start:cue.start]
        if cue.word == "per" and not before.rstrip().endswith(","):
            return
        if cue.word in ("citing", "quoting"):
            main = self._in_clause(cue.start)
            if main is not None and main.speaker is not None:
                main.via, main.speaker = main.speaker, speaker
            return
        if not re.search(r"\w", before.replace("However", "").replace("But", "")):
            # "According to X, ...": the content follows the speaker's comma
            rest = re.match(r"[^,]*,\s*(?:(?:who|whose|which)\b[^,]*,\s*)?",
                            text[speaker.end:clause_end])
            if rest is None:
                return
            found = self._content(speaker.end + rest.end(), self._cut(
                speaker.end + rest.end(), clause_end))
            if found is not None:
                self._claim(Attribution(found[0], found[1], (cue.start, cue.end), speaker,
                                        quotations=found[2]))
            return
        self._left(cue, speaker, left_end=_end_before(text, cue.start) - 1,
                   after=speaker.end)

    def _noun(self, cue: Cue) -> None:
        """"X's claims that ...", "allegations by X that ...", "a report that ...". """
        text = self.text
        clause_start, clause_end = self.article.clause(cue.start)
        after = re.match(r"\s+(?:(?:by|from)\s+([^,;]{1,120}?)\s+)?(?:\w+day\s+)?"
                         r"(?:(?:under|to|before|in|on|at|of)\s+[^,;“”\"]{1,80}?\s+)?that\s+",
                         text[cue.end:clause_end])
        if after is None:
            return
        speaker = None
        if after.group(1):
            speaker = phrase_between(self.article, cue.end + after.start(1), cue.end
                                     + after.end(1)) or phrase_starting(
                self.article, cue.end + after.start(1), cue.end + after.end(1))
        if speaker is None:
            pronoun = re.search(r"\b(his|her|its|their)\s+(?:[\w-]+\s+){0,3}$",
                                text[clause_start:cue.start], re.I)
            owner = re.search(r"(\w[\w.’'-]*)(?:['’]s?)\s+(?:[\w-]+\s+){0,3}$",
                              text[clause_start:cue.start])
            if pronoun is not None:
                speaker = phrase_between(self.article, clause_start + pronoun.start(1),
                                         clause_start + pronoun.end(1))
            elif owner is not None and re.search(r"['’]s?\s", owner.group(0)):
                speaker = phrase_ending(self.article, clause_start + owner.end(1) + 2
                                        if text[clause_start + owner.end(1) + 1] == "s"
                                        else clause_start + owner.end(1) + 1, clause_start)
                if speaker is not None and speaker.kind == "relative":
                    speaker = None
            if speaker is None:
                speaker = phrase_ending(self.article, cue.end, clause_start)
        if speaker is None:
            return
        start = cue.end + after.end()
        found = self._content(start, self._cut(start, clause_end))
        if found is not None:
            self._claim(Attribution(found[0], found[1], (cue.start, cue.end), speaker,
                                    quotations=found[2]))

    def floating(self) -> None:
        """Quotations no cue claimed: continuations, and quotations signed by a name."""
        for quote in self.article.quotations:
            if quote.opened_at in self.claimed or word_count(self.text, quote.parts) < \
                    MIN_FLOATING_WORDS:
                continue
            signed = self._signed(quote)
            if signed is not None:
                self._claim(Attribution(list(quote.parts), "direct", None, signed,
                                        quotations=[quote]))
                continue
            previous = self._previous(quote)
            if previous is None:
                continue
            if previous.kind == "direct" and previous.quotations:
                previous.parts.extend(quote.parts)
                previous.quotations.append(quote)
                self.claimed.add(quote.opened_at)
            else:
                self._claim(Attribution(list(quote.parts), "direct", None, previous.speaker,
                                        quotations=[quote]))

    def _signed(self, quote: Quotation) -> Phrase | None:
        """"..." Jessica Brandt, Alliance for Securing Democracy: the name after the quote."""
        _, paragraph_end = self.article.paragraph(quote.start)
        rest = self.text[quote.mark_end:paragraph_end]
        if not rest.strip():
            nxt = re.match(r"\s*\n+([^\n]{1,80})(?:\n|$)", self.text[paragraph_end:])
            if nxt is None:
                return None
            start = paragraph_end + nxt.start(1)
            line = nxt.group(1)
        else:
            start = quote.mark_end + len(rest) - len(rest.lstrip())
            line = rest.strip()
        name = re.match(r"[^,]{1,60}", line)
        if name is None or len(line.split()) > 10 or (line.rstrip().endswith((".", "?", "!")) \
                and "," not in line):
            return None
        found = phrase_between(self.article, start, start + len(name.group().rstrip()))
        if found is None or found.kind != "name" or found.head is None:
            return None
        return found

    def _previous(self, quote: Quotation) -> Attribution | None:
        """The attribution a cue-less quotation continues: made just before it, in the same
        or the previous paragraph, with nothing between but the rest of its sentence."""
        before = [a for a in self.found if a.end <= quote.opened_at and a.speaker is not None]
        if not before:
            return None
        last = max(before, key=lambda a: max(a.end, a.anchor))
        paragraph_start, _ = self.article.paragraph(quote.opened_at)
        last_paragraph = self.article.paragraph(max(last.end, last.anchor))
        between = self.text[max(last.end, last.anchor, last.speaker.end):quote.opened_at]
        if paragraph_start == last_paragraph[0]:
            if re.search(r"[.!?:]", between) is None and between.strip():
                return None
            return last if len(between) < 200 else None
        gap = self.text[last_paragraph[1]:paragraph_start]
        if gap.count("\n") > 4 or quote.opened_at != paragraph_start + len(
                self.text[paragraph_start:quote.opened_at]) - len(
                self.text[paragraph_start:quote.opened_at].lstrip()):
            return None
        tail = self.text[max(last.end, last.anchor):last_paragraph[1]]
        return last if len(tail) < 200 else None


def _short(article: Article, span: Span) -> bool:
    """Fewer words than a bare statement needs ("reported the president's request")."""
    start, end = span
    return len(article.words(start, min(end, start + 60))) < MIN_BARE_CONTENT_WORDS


def _end_before(text: str, position: int, spaces: str = " \t\n\r") -> int:
    """Where text[:position].rstrip(spaces) would end, without copying the text."""
    while position > 0 and text[position - 1] in spaces:
        position -= 1
    return position


def _length(parts: list[Span]) -> int:
    return sum(end - start for start, end in parts)


def _shared(these: list[Span], those: list[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in these for s2, e2 in those)


def _after_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t,:":
        position += 1
    return position


def _ends_clause(rest: str) -> bool:
    """After "said X": nothing more, or only an apposition or a setting (", head of ...")."""
    return re.match(r"\s*(?:$|[,.;:!?)]|(?:in|on|at|during|after|before|when|while|"
                    r"as|from)\b)", rest) is not None


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return start, end


def attributions(article: Article) -> list[Attribution]:
    """Every attribution in the article, in text order of its content."""
    finder = _Finder(article)
    for cue in find_cues(article):
        finder.cue(cue)
    finder.floating()
    return sorted(finder.found, key=lambda a: (a.start, a.end))
