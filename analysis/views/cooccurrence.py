"""Entity co-occurrence: which entities are named together, within a sentence or an article.

For a pair (a, b) over N windows: count = windows naming both; PMI = log2(count * N /
(n_a * n_b)), how much more often they meet than chance; Jaccard = count / (n_a + n_b - count),
the share of the windows naming either that name both.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.tables import run_starts, sorted_unique
from analysis.views.numbered import sentence_numbers

Window = Literal["sentence", "article"]
MEASURES = ("count", "pmi", "jaccard")

PAIR_COLUMNS = ["entity_a", "entity_b", "count", "n_a", "n_b", "pmi", "jaccard"]


def window_keys(window: Window) -> list[str]:
    if window == "sentence":
        return ["article_id", "sentence_id"]
    if window == "article":
        return ["article_id"]
    raise ValueError(f"window must be 'sentence' or 'article', not {window!r}")


def window_codes(mentions: pd.DataFrame, window: Window) -> np.ndarray:
    """A number for each row's window (its article, or its article's sentence): the same
    number for rows of the same window."""
    if window_keys(window) == ["article_id"]:
        return pd.factorize(mentions["article_id"])[0].astype(np.int64)
    return sentence_numbers(mentions)


def n_windows(mentions: pd.DataFrame, window: Window) -> int:
    """How many windows `mentions` name an entity in."""
    return len(pd.unique(window_codes(mentions, window)))


def cooccurrence(
    mentions: pd.DataFrame,
    *,
    window: Window = "sentence",
    min_count: int = 1,
) -> pd.DataFrame:
    """Entity pairs (entity_a < entity_b) with count, n_a, n_b, PMI and Jaccard.

    Filter `mentions` first (by outlet, label, date) to get the figures for that slice.
    Counted on numbers (windows, entities in id order): a self-join of the rows' ids took
    most of the co-occurrence page.
    """
    windows = window_codes(mentions, window)
    entity, ids = pd.factorize(mentions["entity_id"], sort=True)
    named = entity >= 0
    width = max(len(ids), 1)
    # each (window, entity) once, sorted by window then entity
    present = sorted_unique(windows[named] * width + entity[named])
    if len(present) == 0:
        return pd.DataFrame(columns=PAIR_COLUMNS).astype(
            {"count": "int64", "n_a": "int64", "n_b": "int64", "pmi": "float64",
             "jaccard": "float64"}
        )
    in_window, of_entity = np.divmod(present, width)
    per_entity = np.bincount(of_entity, minlength=width)
    first, second = _pairs_within(in_window)
    pair, count = np.unique(of_entity[first] * width + of_entity[second], return_counts=True)
    a, b = np.divmod(pair[count >= min_count], width)
    count = count[count >= min_count]
    counts = pd.DataFrame({
        "entity_a": pd.Series(ids.take(a), dtype=mentions["entity_id"].dtype),
        "entity_b": pd.Series(ids.take(b), dtype=mentions["entity_id"].dtype),
        "count": count.astype("int64"), "n_a": per_entity[a].astype("int64"),
        "n_b": per_entity[b].astype("int64")})
    total = len(pd.unique(windows))
    counts["pmi"] = np.log2(counts["count"] * total / (counts["n_a"] * counts["n_b"]))
    counts["jaccard"] = counts["count"] / (counts["n_a"] + counts["n_b"] - counts["count"])
    return counts.sort_values(["count", "pmi"], ascending=False, ignore_index=True)[PAIR_COLUMNS]


def _pairs_within(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions (i < j) that hold the same value of `groups` (sorted)."""
    starts = run_starts(groups)
    sizes = np.diff(np.r_[starts, len(groups)])
    after = np.repeat(starts + sizes, sizes) - np.arange(len(groups)) - 1  # later in its group
    first = np.repeat(np.arange(len(groups)), after)
    ends = np.cumsum(after)
    second = first + 1 + np.arange(len(first)) - np.repeat(ends - after, after)
    return first, second


def pair_windows(
    mentions: pd.DataFrame, entity_a: str, entity_b: str, *, window: Window = "sentence"
) -> pd.DataFrame:
    """The windows (article_id[, sentence_id]) where both entities are named: the evidence."""
    keys = window_keys(window)
    with_a = mentions.loc[mentions["entity_id"] == entity_a, keys].drop_duplicates()
    with_b = mentions.loc[mentions["entity_id"] == entity_b, keys].drop_duplicates()
    return with_a.merge(with_b, on=keys)
