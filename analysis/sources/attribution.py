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

from analysis.sources.article import Article
from analysis.sources.cues import find_cues
from analysis.sources.finder import Attribution, Finder
from analysis.sources.floating import floating
from analysis.sources.lexicon import SAY_NOUNS, SAY_VERBS, SOURCE_PREPOSITIONS
from analysis.sources.sourcing import noun, preposition
from analysis.sources.verbs import verb

__all__ = ["Attribution", "attributions"]


def attributions(article: Article) -> list[Attribution]:
    """Every attribution in the article, in text order of its content."""
    finder = Finder(article)
    for cue in find_cues(article):
        word = cue.word
        if word in SOURCE_PREPOSITIONS:
            preposition(finder, cue)
        elif word in SAY_NOUNS and not (word in SAY_VERBS and verb(finder, cue)):
            noun(finder, cue)
        elif word not in SAY_NOUNS or word in SAY_VERBS:
            verb(finder, cue)
    floating(finder)
    return sorted(finder.found, key=lambda a: (a.start, a.end))
