"""Each entity's mentions per source (`by_source`), and the entity views that add up from
them: the entities named most (every page's list of entities) and the top entities per outlet.
On 37,554 articles a change of outlets then adds up at most 409,567 rows instead of finding
2.7 million mentions again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables, run_starts, sorted_unique
from analysis.views.by_source import chosen, source_columns, sum_by_category, with_source
from analysis.views.numbered import among_top, numbered_pairs
from analysis.views.outlets import in_order, outlet_order, pooled
from analysis.views.scope import NO_FILTERS, Filters, as_compared, in_set, scoped_mentions

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
    """Each entity's mentions per source (`by_source`) within the filters, their labels
    included, in COUNT_COLUMNS; categorical outlets and entity ids (the app keeps this table
    for every filter but the outlets)."""
    mentions, outlets = with_source(tables, scoped_mentions(
        tables, filters, columns=["article_id", "entity_id"]))
    entity, ids = pd.factorize(mentions["entity_id"])
    named = entity >= 0
    codes, pair_source, pair_entity = numbered_pairs(
        mentions["source"].to_numpy()[named], entity[named], len(ids))
    return pd.DataFrame(source_columns(pair_source, outlets) | {
        "entity_id": pd.Categorical.from_codes(pair_entity, categories=ids),
        "n_mentions": np.bincount(codes, minlength=len(pair_source)).astype(np.int64),
    }, columns=COUNT_COLUMNS)


def most_named_of(tables: Tables, counts: pd.DataFrame, filters: Filters, *,
                  top: int) -> pd.DataFrame:
    """`entities.most_named` of the filters' outlets, from their `entity_outlet_counts`."""
    rows = chosen(counts, filters, comparing=False)
    per_entity = sum_by_category(rows["entity_id"], rows["n_mentions"],
                                 tables.entities["entity_id"].dtype)
    return named_most(tables, per_entity.sort_values(ascending=False, kind="stable"), top=top)


def top_entities_of(tables: Tables, counts: pd.DataFrame, filters: Filters, *, top: int = 15,
                    rank_by: str = "mentions", shown: int | None = None) -> pd.DataFrame:
    """`entities.top_entities_by_outlet` of the filters' outlets, from their
    `entity_outlet_counts`."""
    if rank_by not in RANKINGS:
        raise ValueError(f"rank_by must be one of {RANKINGS}, not {rank_by!r}")
    rows = as_compared(tables, filters, chosen(counts, filters, comparing=True))
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
    """(entity_id, total_mentions, mean_share of every entity `rows` (outlet, entity_id as
    `entity_outlet_counts` holds it, n_mentions) name; each outlet's mentions), counted on
    codes: grouping millions of (entity id, outlet) strings took most of the view."""
    entity, ids = rows["entity_id"].array.codes, rows["entity_id"].cat.categories
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
        "entity_id": pd.Series(ids.take(named)),
        "total_mentions": np.bincount(pair_entity, weights=per_pair,
                                      minlength=len(ids))[named].astype(np.int64),
        "mean_share": np.bincount(pair_entity, weights=shares,
                                  minlength=len(ids))[named] / width,
    }), pd.Series(outlet_totals, index=pd.Index(np.asarray(outlets, dtype=object),
                                                 dtype="string", name="outlet"))
