"""Entity co-occurrence: which entities are named together, within a sentence or an article.

For a pair (a, b) over N windows: count = windows naming both; PMI = log2(count * N /
(n_a * n_b)), how much more often they meet than chance; Jaccard = count / (n_a + n_b - count),
the share of the windows naming either that name both.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

Window = Literal["sentence", "article"]
MEASURES = ("count", "pmi", "jaccard")

PAIR_COLUMNS = ["entity_a", "entity_b", "count", "n_a", "n_b", "pmi", "jaccard"]


def window_keys(window: Window) -> list[str]:
    if window == "sentence":
        return ["article_id", "sentence_id"]
    if window == "article":
        return ["article_id"]
    raise ValueError(f"window must be 'sentence' or 'article', not {window!r}")


def cooccurrence(
    mentions: pd.DataFrame,
    *,
    window: Window = "sentence",
    min_count: int = 1,
) -> pd.DataFrame:
    """Entity pairs (entity_a < entity_b) with count, n_a, n_b, PMI and Jaccard.

    Filter `mentions` first (by outlet, label, date) to get the figures for that slice.
    """
    keys = window_keys(window)
    present = mentions[[*keys, "entity_id"]].drop_duplicates()
    if present.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS).astype(
            {"count": "int64", "n_a": "int64", "n_b": "int64", "pmi": "float64",
             "jaccard": "float64"}
        )
    n_windows = len(present[keys].drop_duplicates())
    per_entity = present.groupby("entity_id").size()

    pairs = present.merge(present, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_id_a"] < pairs["entity_id_b"]]
    counts = (
        pairs.groupby(["entity_id_a", "entity_id_b"]).size().rename("count").reset_index()
        .rename(columns={"entity_id_a": "entity_a", "entity_id_b": "entity_b"})
    )
    counts = counts[counts["count"] >= min_count].copy()
    counts["n_a"] = counts["entity_a"].map(per_entity).astype("int64")
    counts["n_b"] = counts["entity_b"].map(per_entity).astype("int64")
    counts["pmi"] = np.log2(counts["count"] * n_windows / (counts["n_a"] * counts["n_b"]))
    counts["jaccard"] = counts["count"] / (counts["n_a"] + counts["n_b"] - counts["count"])
    return counts.sort_values(["count", "pmi"], ascending=False, ignore_index=True)[PAIR_COLUMNS]


def pair_windows(
    mentions: pd.DataFrame, entity_a: str, entity_b: str, *, window: Window = "sentence"
) -> pd.DataFrame:
    """The windows (article_id[, sentence_id]) where both entities are named: the evidence."""
    keys = window_keys(window)
    with_a = mentions.loc[mentions["entity_id"] == entity_a, keys].drop_duplicates()
    with_b = mentions.loc[mentions["entity_id"] == entity_b, keys].drop_duplicates()
    return with_a.merge(with_b, on=keys)
