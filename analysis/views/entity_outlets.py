"""Each entity's mentions per outlet, and the entity views that add up from them: the entities
named most (every page's list of entities) and the top entities per outlet.

An article belongs to one outlet, so the counts of any choice of outlets are sums of the rows
of the counts of every outlet. The app keeps those (dashboard.cache.outlet_view): on 37,554
articles a change of outlets adds up a few hundred thousand rows instead of finding 2.7 million
mentions again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables, run_starts, sorted_unique
from analysis.tables.article_columns import with_article_columns
from analysis.views.numbered import among_top
from analysis.views.outlets import in_order, outlet_order, pooled
from analysis.views.scope import (
    NO_FILTERS,
    Filters,
    as_compared,
    in_set,
    scoped_mentions,
    unknown_articles,
)

COUNT_COLUMNS = ["outlet", "unknown", "entity_id", "n_mentions"]
RANKINGS = ("mentions", "share")


def entity_rows(tables: Tables, entity_ids: object, *,
                columns: tuple[str, ...] = ("entity_id", "name", "label")) -> pd.DataFrame:
    """The `columns` of the entities among `entity_ids`, ready to merge with rows about them.
    A few entities are picked first: a merge hashes every one of a big store's entity ids
    (172,634 ids: 40-55 ms, picked in Arrow 5 ms)."""
    named = tables.entities
    if len(entity_ids) * 8 < len(named):
        named = named[in_set(named["entity_id"], entity_ids)]
    return named[list(columns)]


def named_most(tables: Tables, counts: pd.Series, *, top: int) -> pd.DataFrame:
    """The `top` entities of `counts` (mentions by entity_id, most first) with every one tied
    with the last ranked by name, then cut: entity_id, name, label, n_mentions."""
    counts = counts[among_top(counts.to_numpy(), top)]
    counts = counts.rename("n_mentions").rename_axis("entity_id").reset_index()
    out = entity_rows(tables, counts["entity_id"]).merge(counts, on="entity_id")
    out = out.sort_values(["n_mentions", "name"], ascending=[False, True], ignore_index=True)
    return out.head(top)


def entity_outlet_counts(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Each entity's mentions per outlet within the filters (their labels included), in
    COUNT_COLUMNS: `outlet` is missing for articles without one, `unknown` marks articles whose
    outlet is unknown (left out of comparisons unless the filters bring them in). Categorical
    outlets and entity ids: the app keeps this table for every filter but the outlets."""
    articles = tables.articles
    outlet, outlets = pd.factorize(articles["outlet"], sort=True)
    # one number per source of articles: outlet (or none) and whether it is unknown
    source = (outlet.astype(np.int64) + 1) * 2 + unknown_articles(articles).to_numpy(dtype=bool)
    mentions = with_article_columns(
        scoped_mentions(tables, filters, columns=["article_id", "entity_id"]),
        articles[["article_id"]].assign(source=source))
    entity, ids = pd.factorize(mentions["entity_id"])
    named = entity >= 0
    pair = mentions["source"].to_numpy(dtype=np.int64)[named] * max(len(ids), 1) \
        + entity[named]
    codes, pairs = pd.factorize(pair)  # a hash: sorting 2.7 million pairs took longer
    pair_source, pair_entity = np.divmod(np.asarray(pairs), max(len(ids), 1))
    return pd.DataFrame({
        "outlet": pd.Categorical.from_codes(pair_source // 2 - 1, categories=outlets),
        "unknown": (pair_source % 2).astype(bool),
        "entity_id": pd.Categorical.from_codes(pair_entity, categories=ids),
        "n_mentions": np.bincount(codes, minlength=len(pairs)).astype(np.int64),
    }, columns=COUNT_COLUMNS)


def _chosen(counts: pd.DataFrame, filters: Filters, *, comparing: bool) -> pd.DataFrame:
    """The rows of the filters' outlets (all when none are chosen); `comparing` leaves out
    the unknown ones unless the filters bring them in (scope's rule)."""
    keep = np.ones(len(counts), dtype=bool)
    if filters.outlets:
        keep &= in_set(counts["outlet"], list(filters.outlets)).to_numpy()
    if comparing and not filters.unknown_outlets:
        keep &= ~counts["unknown"].to_numpy(dtype=bool)
    return counts[keep]


def _per_entity(rows: pd.DataFrame, dtype: object) -> pd.Series:
    """Mentions by entity id (as `dtype`), most first, as value_counts orders them; summed on
    the categorical's codes (a groupby recodes every one of a big store's entities first)."""
    entity = rows["entity_id"].array
    sums = np.bincount(entity.codes, weights=rows["n_mentions"].to_numpy(dtype=float),
                       minlength=len(entity.categories)).astype(np.int64)
    named = np.flatnonzero(sums)
    return pd.Series(sums[named], index=entity.categories[named].astype(dtype)).sort_values(
        ascending=False, kind="stable")


def most_named_of(tables: Tables, counts: pd.DataFrame, filters: Filters, *,
                  top: int) -> pd.DataFrame:
    """`entities.most_named` of the filters' outlets, from their `entity_outlet_counts`."""
    return named_most(tables, _per_entity(_chosen(counts, filters, comparing=False),
                                          tables.entities["entity_id"].dtype), top=top)


def top_entities_of(tables: Tables, counts: pd.DataFrame, filters: Filters, *, top: int = 15,
                    rank_by: str = "mentions", shown: int | None = None) -> pd.DataFrame:
    """`entities.top_entities_by_outlet` of the filters' outlets, from their
    `entity_outlet_counts`."""
    if rank_by not in RANKINGS:
        raise ValueError(f"rank_by must be one of {RANKINGS}, not {rank_by!r}")
    rows = as_compared(tables, filters, _chosen(counts, filters, comparing=True))
    ranked, outlet_totals = _outlet_ranking(rows)
    order = ["total_mentions", "mean_share"] if rank_by == "mentions" \
        else ["mean_share", "total_mentions"]
    # the top and every one tied with the last: named, then cut
    ranked = ranked[among_top(ranked[order[0]].to_numpy(), top)]
    ranked = entity_rows(tables, ranked["entity_id"]).merge(ranked, on="entity_id")
    leaders = ranked.sort_values([*order, "name"], ascending=[False, False, True]).head(top)
    leaders = leaders.assign(rank=np.arange(len(leaders)))
    order = outlet_order(tables, filters, shown=shown)
    led = rows[in_set(rows["entity_id"], leaders["entity_id"])]
    led = pooled(led.astype({"entity_id": leaders["entity_id"].dtype, "outlet": "string"}), order)
    per_shown = led.groupby(["entity_id", "outlet"])["n_mentions"].sum()
    shown_totals = pooled(outlet_totals.rename("n").reset_index(), order).groupby("outlet")["n"]
    out = leaders.merge(per_shown.reset_index(), on="entity_id")
    # as floats: with nothing left to compare (only sources of unknown outlet chosen) the
    # empty map keeps the outlets' string dtype, which no count divides by
    out["share"] = out["n_mentions"] / out["outlet"].map(shown_totals.sum()).astype(float)
    columns = ["name", "label", "outlet", "n_mentions", "share", "total_mentions", "mean_share",
               "entity_id"]
    out = in_order(out, order)
    return out.sort_values("rank", kind="stable", ignore_index=True)[columns]


def _outlet_ranking(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """(entity_id, total_mentions, mean_share of every entity `rows` (outlet, entity_id,
    n_mentions) name; each outlet's mentions), counted on codes: grouping millions of
    (entity id, outlet) strings took most of the view."""
    entity, ids = pd.factorize(rows["entity_id"])
    outlet, outlets = pd.factorize(rows["outlet"], sort=True)
    n = rows["n_mentions"].to_numpy(dtype=np.int64)
    outlet_totals = np.bincount(outlet[outlet >= 0], weights=n[outlet >= 0],
                                minlength=len(outlets)).astype(np.int64)
    width = max(len(outlets), 1)
    both = (entity >= 0) & (outlet >= 0)
    key = entity[both].astype(np.int64) * width + outlet[both]
    order = np.argsort(key, kind="stable")
    key, weight = key[order], n[both][order]
    starts = run_starts(key)
    per_pair = np.add.reduceat(weight, starts) if len(starts) else weight[:0]
    pair_entity, pair_outlet = np.divmod(key[starts], width)
    shares = per_pair / outlet_totals[pair_outlet]
    named = sorted_unique(pair_entity)
    return pd.DataFrame({
        "entity_id": pd.Series(np.asarray(ids)[named]).astype(_id_dtype(rows)),
        "total_mentions": np.bincount(pair_entity, weights=per_pair,
                                      minlength=len(ids))[named].astype(np.int64),
        "mean_share": np.bincount(pair_entity, weights=shares,
                                  minlength=len(ids))[named] / width,
    }), pd.Series(outlet_totals, index=pd.Index(np.asarray(outlets, dtype=object),
                                                 dtype="string", name="outlet"))


def _id_dtype(rows: pd.DataFrame) -> object:
    dtype = rows["entity_id"].dtype
    return dtype.categories.dtype if isinstance(dtype, pd.CategoricalDtype) else dtype
