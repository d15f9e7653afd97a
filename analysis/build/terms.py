"""The terms each article uses, counted once per article: what distinctive words are computed
from (analysis.views.distinctive). Kept in the store, so a filter change only re-counts them and
never re-tokenises the corpus.

Terms are lower-cased content words of body sentences and their adjacent pairs (bigrams), and
the names of the entities an article names. Each (article, term) pair is one row, with the
number of the article's sentences that use it (the views break ties with it).
"""

from __future__ import annotations

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


def sentence_terms(sentence: str) -> set[tuple[str, str]]:
    """(term, kind) of one sentence: its content words and their adjacent pairs."""
    words = _content_words(sentence)
    return ({(word, "word") for word in words}
            | {(f"{a} {b}", "bigram") for a, b in itertools.pairwise(words)})


def term_tables(sentences: pd.DataFrame, names: pd.DataFrame) -> tuple[pd.DataFrame,
                                                                       pd.DataFrame]:
    """(terms, article_terms) from body `sentences` (article_id, sentence: its text) and the
    entity `names` articles use (article_id, sentence_id, name; one row per sentence naming
    an entity). terms: term_id, term, kind; article_terms: article_id, term_id, sentences."""
    article_ids: list[str] = []
    keys: list[str] = []
    for article_id, sentence in zip(sentences["article_id"], sentences["sentence"],
                                    strict=True):
        found = sentence_terms(str(sentence))
        article_ids += [article_id] * len(found)
        keys += [f"{term}{_KEY_SEPARATOR}{kind}" for term, kind in found]
    article_ids += names["article_id"].tolist()
    keys += [f"{name}{_KEY_SEPARATOR}entity" for name in names["name"]]
    # sorted: term ids follow the terms' alphabetical order, which breaks the views' last ties
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), sort=True)
    split = pd.Series(uniques, dtype=object).str.rsplit(_KEY_SEPARATOR, n=1, expand=True) \
        if len(uniques) else pd.DataFrame({0: [], 1: []})
    terms = pd.DataFrame({"term_id": np.arange(len(uniques)), "term": split[0],
                          "kind": split[1]})
    pairs = pd.DataFrame({"article_id": article_ids, "term_id": codes})
    # sorted by term: the views count per term and group with a sort that then costs little
    counted = pairs.groupby(["term_id", "article_id"], sort=True).size().rename(
        "sentences").reset_index()
    return conform(terms, "terms"), conform(counted, "article_terms")
