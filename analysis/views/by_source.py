"""Counts kept per source of articles, which any choice of outlets adds up.

A source is an outlet (or none, for articles without one) together with whether its articles'
outlet is unknown. An article belongs to one source, so the counts of any choice of outlets are
sums of the rows of the counts of every source: the app keeps those once for every filter but
the outlets (dashboard.cache.outlet_view), and a change of outlets adds up rows instead of
finding millions of mentions or quotes again (`entity_outlets`, `speaker_outlets`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables, with_article_columns
from analysis.views.scope import Filters, in_set, unknown_articles


def with_source(tables: Tables, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Index]:
    """(`frame`'s rows with a `source` number, the outlets those numbers name): `frame` has
    article_id; a row of an article not in the articles table is left out."""
    articles = tables.articles
    outlet, outlets = pd.factorize(articles["outlet"], sort=True)
    source = (outlet.astype(np.int64) + 1) * 2 + unknown_articles(articles).to_numpy(dtype=bool)
    return with_article_columns(frame, articles[["article_id"]].assign(source=source)), outlets


def source_columns(sources: np.ndarray, outlets: pd.Index) -> dict[str, object]:
    """The outlet (categorical; missing for none) and unknown columns of `sources` numbers."""
    return {"outlet": pd.Categorical.from_codes(sources // 2 - 1, categories=outlets),
            "unknown": (sources % 2).astype(bool)}


def chosen(counts: pd.DataFrame, filters: Filters, *, comparing: bool) -> pd.DataFrame:
    """The rows of the filters' outlets (all when none are chosen); `comparing` leaves out
    the unknown ones unless the filters bring them in (scope's rule)."""
    keep = np.ones(len(counts), dtype=bool)
    if filters.outlets:
        keep &= in_set(counts["outlet"], list(filters.outlets)).to_numpy()
    if comparing and not filters.unknown_outlets:
        keep &= ~counts["unknown"].to_numpy(dtype=bool)
    return counts[keep]


def sum_by_category(column: pd.Series, weights: pd.Series, dtype: object) -> pd.Series:
    """`weights` summed per value of the categorical `column` (as `dtype`), values that no row
    holds left out, in the categories' order; on the codes: a groupby recodes every one of a big
    store's categories first."""
    values = column.array
    has = values.codes >= 0
    sums = np.bincount(values.codes[has], weights=weights.to_numpy(dtype=float)[has],
                       minlength=len(values.categories)).astype(np.int64)
    held = np.flatnonzero(sums)
    return pd.Series(sums[held], index=values.categories[held].astype(dtype))
