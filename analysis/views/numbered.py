"""Counts per group on numbered rows: each group and value numbered once (pd.factorize), then
counted with arrays. A groupby's nunique or a drop_duplicates over millions of id strings took
most of an entity or place view's time on a big store. Also the cut a ranking makes before its
tie-break (`among_top`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import run_starts, sorted_unique


def distinct_per(keys: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """How many distinct `values` (missing ones left out) each key 0 .. n-1 has (`keys`: each
    row's group number, -1 for none)."""
    codes, uniques = pd.factorize(values)
    both = (keys >= 0) & (codes >= 0)
    width = max(len(uniques), 1)
    pairs = sorted_unique(keys[both].astype(np.int64) * width + codes[both])
    return np.bincount(pairs // width, minlength=n)


def numbered_pairs(first: np.ndarray, second: np.ndarray,
                   width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's pair (first, second) numbered 0 .. n-1 in order of first appearance, and each
    pair's first and second: (row numbers, firsts, seconds), for non-negative numbers, `second`
    below `width`. Numbered by a hash: sorting 2.7 million pairs took longer."""
    width = max(width, 1)
    codes, pairs = pd.factorize(first.astype(np.int64) * width + second)
    firsts, seconds = np.divmod(np.asarray(pairs), width)
    return codes, firsts, seconds


def among_top(values: np.ndarray, top: int) -> np.ndarray:
    """True for the values among the `top` largest and every value tied with the last of them:
    what a ranking names before its tie-break cuts it to `top` (all when `top` keeps all)."""
    if not 0 < top < len(values):
        return np.ones(len(values), dtype=bool)
    return values >= -np.partition(-values, top - 1)[top - 1]


def sentence_numbers(frame: pd.DataFrame) -> np.ndarray:
    """A number per row naming its sentence (article_id, sentence_id): equal for rows of the
    same sentence."""
    article, _ = pd.factorize(frame["article_id"])
    sentence = frame["sentence_id"].to_numpy(dtype=np.int64)
    width = int(sentence.max()) + 1 if len(sentence) else 1
    return article.astype(np.int64) * width + sentence


def mean_per_sentence(keys: np.ndarray, sentences: np.ndarray, values: np.ndarray,
                      n: int) -> np.ndarray:
    """Per key 0 .. n-1, the mean of `values` over its distinct sentences (`sentences`:
    sentence_numbers), each sentence's first value counted once, missing values left out: a
    sentence naming a place twice says one thing about it."""
    total, counted = sum_per_sentence(keys, sentences, values, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / counted


def sum_per_sentence(keys: np.ndarray, sentences: np.ndarray, values: np.ndarray,
                     n: int) -> tuple[np.ndarray, np.ndarray]:
    """`mean_per_sentence`'s sum and count per key: sums of disjoint sets of sentences (one
    outlet's, another's) add up to the sum of their union."""
    has_key = keys >= 0
    width = int(sentences.max()) + 1 if len(sentences) else 1
    pair = keys[has_key].astype(np.int64) * width + sentences[has_key]
    order = np.argsort(pair, kind="stable")
    pair = pair[order]
    first = run_starts(pair)
    value = values[has_key][order][first]
    key = pair[first] // width
    known = ~np.isnan(value)
    return (np.bincount(key[known], weights=value[known], minlength=n),
            np.bincount(key[known], minlength=n))
