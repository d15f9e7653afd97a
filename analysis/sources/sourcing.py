"""The rules of source prepositions ("according to X", "per X", "citing X", "quoting X") and of
nouns of saying ("X's claims that ...", "allegations by X that ...")."""

from __future__ import annotations

import re

from analysis.sources.clauses import (
    end_before,
)
from analysis.sources.cue_phrases import phrase_ending, phrase_starting
from analysis.sources.cues import Cue
from analysis.sources.finder import Attribution, Finder
from analysis.sources.phrases import (
    phrase_between,
)
from analysis.sources.verbs import content_before


def preposition(finder: Finder, cue: Cue) -> None:
    text = finder.text
    clause_start, clause_end = finder.article.clause(cue.start)
    speaker = phrase_starting(finder.article, cue.end, clause_end)
    if speaker is None:
        return
    before = text[clause_start:cue.start]
    if cue.word == "per" and not before.rstrip().endswith(","):
        return
    if cue.word in ("citing", "quoting"):
        main = finder.in_clause(cue.start)
        if main is not None and main.speaker is not None:
            main.via, main.speaker = main.speaker, speaker
        return
    if not re.search(r"\w", before.replace("However", "").replace("But", "")):
        # "According to X, ...": the content follows the speaker's comma
        rest = re.match(r"[^,]*,\s*(?:(?:who|whose|which)\b[^,]*,\s*)?",
                        text[speaker.end:clause_end])
        if rest is None:
            return
        found = finder.content(speaker.end + rest.end(), finder.cut(
            speaker.end + rest.end(), clause_end))
        if found is not None:
            finder.claim(Attribution(found[0], found[1], (cue.start, cue.end), speaker,
                                    quotations=found[2]))
        return
    content_before(finder, cue, speaker, left_end=end_before(text, cue.start) - 1,
               after=speaker.end)


def noun(finder: Finder, cue: Cue) -> None:
    """"X's claims that ...", "allegations by X that ...", "a report that ...". """
    text = finder.text
    clause_start, clause_end = finder.article.clause(cue.start)
    after = re.match(r"\s+(?:(?:by|from)\s+([^,;]{1,120}?)\s+)?(?:\w+day\s+)?"
                     r"(?:(?:under|to|before|in|on|at|of)\s+[^,;“”\"]{1,80}?\s+)?that\s+",
                     text[cue.end:clause_end])
    if after is None:
        return
    speaker = None
    if after.group(1):
        speaker = phrase_between(finder.article, cue.end + after.start(1), cue.end
                                 + after.end(1)) or phrase_starting(
            finder.article, cue.end + after.start(1), cue.end + after.end(1))
    if speaker is None:
        pronoun = re.search(r"\b(his|her|its|their)\s+(?:[\w-]+\s+){0,3}$",
                            text[clause_start:cue.start], re.I)
        owner = re.search(r"(\w[\w.’'-]*)(?:['’]s?)\s+(?:[\w-]+\s+){0,3}$",
                          text[clause_start:cue.start])
        if pronoun is not None:
            speaker = phrase_between(finder.article, clause_start + pronoun.start(1),
                                     clause_start + pronoun.end(1))
        elif owner is not None and re.search(r"['’]s?\s", owner.group(0)):
            speaker = phrase_ending(finder.article, clause_start + owner.end(1) + 2
                                    if text[clause_start + owner.end(1) + 1] == "s"
                                    else clause_start + owner.end(1) + 1, clause_start)
            if speaker is not None and speaker.kind == "relative":
                speaker = None
        if speaker is None:
            speaker = phrase_ending(finder.article, cue.end, clause_start)
    if speaker is None:
        return
    start = cue.end + after.end()
    found = finder.content(start, finder.cut(start, clause_end))
    if found is not None:
        finder.claim(Attribution(found[0], found[1], (cue.start, cue.end), speaker,
                                quotations=found[2]))
