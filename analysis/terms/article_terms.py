"""The terms each article uses, counted once per article: what distinctive words are computed
from (analysis.views.distinctive). Kept in the store, so a filter change only re-counts them and
never re-tokenises the corpus.

Terms are lower-cased content words of body sentences and their adjacent pairs (bigrams), and
the names of the entities an article names. Each (article, term) pair is one row, with the
number of the article's sentences that use it (the views break ties with it).
"""

from __future__ import annotations

import collections
import functools
import itertools
import re

import numpy as np
import pandas as pd

from analysis.tables import conform

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_KEY_SEPARATOR = "\x1f"


@functools.cache
def _stop_words() -> frozenset[str]:
    # imported on first use: importing spaCy takes about a second, which the app's start,
    # whose first page shows no terms, should not pay (the views import this module)
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _content_words(sentence: str) -> list[str]:
    stop_words = _stop_words()
    words = (word.lower() for word in _WORD.findall(sentence))
    return [word for word in words if len(word) > 2 and word not in stop_words]


def term_places(sentence: str, term: str) -> list[tuple[int, int]]:
    """(start, end) of each place `sentence` uses `term`, in order: its content words as the
    terms count them (a bigram's two words may have stop words between: "delivered to your
    inbox" uses "delivered inbox"), or the words as written, whatever lies between them (an
    entity's name: "Bank of America")."""
    words, lowered = term.lower().split(), sentence.lower()
    if not words or not all(word in lowered for word in words):
        return []
    literal = r"\W+".join(re.escape(word) for word in words)
    found = {(hit.start(), hit.end()) for hit in re.finditer(
        rf"(?<![A-Za-z]){literal}(?![A-Za-z])", sentence, re.IGNORECASE)}
    stop_words = _stop_words()
    content = [hit for hit in _WORD.finditer(sentence)
               if len(hit.group()) > 2 and hit.group().lower() not in stop_words]
    for at in range(len(content) - len(words) + 1):
        run = content[at:at + len(words)]
        if [hit.group().lower() for hit in run] == words:
            found.add((run[0].start(), run[-1].end()))
    return sorted(found)


def sentence_terms(sentence: str) -> set[tuple[str, str]]:
    """(term, kind) of one sentence: its content words and their adjacent pairs."""
    words = _content_words(sentence)
    return ({(word, "word") for word in words}
            | {(f"{a} {b}", "bigram") for a, b in itertools.pairwise(words)})


def term_tables(sentences: pd.DataFrame, names: pd.DataFrame) -> tuple[pd.DataFrame,
                                                                       pd.DataFrame]:
    """(terms, article_terms) from body `sentences` (article_id, sentence: its text) and the
    entity `names` articles use (article_id, sentence_id, name; one row per sentence naming
    an entity). terms: term_id, term, kind; article_terms: article_id, term_id, sentences.

    Counted article by article into integer arrays: a row per (sentence, term) held as Python
    strings took 15 GB for the 37,554 AllSides articles."""
    vocabulary: dict[str, int] = {}  # "term<sep>kind" -> its number in order of first use
    rows: list[np.ndarray] = []  # per article: (article number, term number, sentences)
    # numbered in sorting order, so the rows sort by article id as the strings do
    article_names = np.unique(pd.concat([sentences["article_id"], names["article_id"]])
                              .astype(str).to_numpy(dtype=object))
    number_of = {article_id: i for i, article_id in enumerate(article_names)}
    counts: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)

    def flush() -> None:
        for article, counted in counts.items():
            block = np.empty((len(counted), 3), dtype=np.int64)
            block[:, 0] = article
            block[:, 1] = list(counted.keys())
            block[:, 2] = list(counted.values())
            rows.append(block)
        counts.clear()

    for article_id, sentence in zip(sentences["article_id"], sentences["sentence"],
                                    strict=True):
        counted = counts[number_of[article_id]]
        for term, kind in sentence_terms(str(sentence)):
            counted[vocabulary.setdefault(f"{term}{_KEY_SEPARATOR}{kind}", len(vocabulary))] += 1
        if len(counts) > 1_000:
            flush()
    for article_id, name in zip(names["article_id"], names["name"], strict=True):
        counts[number_of[article_id]][vocabulary.setdefault(
            f"{name}{_KEY_SEPARATOR}entity", len(vocabulary))] += 1
    flush()
    # term ids follow the terms' alphabetical order, which breaks the views' last ties
    keys = np.array(list(vocabulary), dtype=object)
    alphabetical = np.argsort(keys, kind="stable") if len(keys) else np.zeros(0, dtype=np.int64)
    term_id = np.empty(len(keys), dtype=np.int64)
    term_id[alphabetical] = np.arange(len(keys))
    split = pd.Series(keys[alphabetical], dtype=object).str.rsplit(_KEY_SEPARATOR, n=1,
                                                                    expand=True) \
        if len(keys) else pd.DataFrame({0: [], 1: []})
    terms = pd.DataFrame({"term_id": np.arange(len(keys)), "term": split[0], "kind": split[1]})
    used = np.concatenate(rows) if rows else np.zeros((0, 3), dtype=np.int64)
    article, term, sentence_counts = used[:, 0], term_id[used[:, 1]], used[:, 2]
    # sorted by term, then article: the views count per term and group with a sort that then
    # costs little; an article met in two blocks (its sentences, then its names) adds up
    order = np.lexsort((article, term))
    article, term = article[order], term[order]
    starts = np.flatnonzero(np.r_[True, (term[1:] != term[:-1]) | (article[1:] != article[:-1])])
    counted = pd.DataFrame({
        "article_id": pd.Categorical.from_codes(article[starts], categories=article_names),
        "term_id": term[starts],
        "sentences": np.add.reduceat(sentence_counts[order], starts) if len(starts) else [],
    })
    return conform(terms, "terms"), conform(counted, "article_terms")
