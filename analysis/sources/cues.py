"""Cue words: the words of saying an attribution hangs on, found in one pass over a text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.sources.article import Article
from analysis.sources.lexicon import (
    ADDRESSEE_VERBS,
    OBJECT_VERBS,
    QUOTE_ONLY_VERBS,
    SAY_NOUNS,
    SAY_VERBS,
    SOURCE_PREPOSITIONS,
    THAT_VERBS,
)

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
