"""Entity views: who is named, by which outlets, and which names appear together."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables
from analysis.views.cooccurrence import MEASURES, Window, cooccurrence, window_keys
from analysis.views.scope import (
    NO_FILTERS,
    Filters,
    scoped_mentions,
    with_outlet,
)


def _entity_stats(tables: Tables, mentions: pd.DataFrame) -> pd.DataFrame:
    """entity_id, name, label, n_mentions, n_articles, n_outlets of `mentions` (with outlet)."""
    stats = mentions.groupby("entity_id").agg(
        n_mentions=("article_id", "size"),
        n_articles=("article_id", "nunique"),
        n_outlets=("outlet", "nunique"),
    )
    out = tables.entities[["entity_id", "name", "label"]].merge(
        stats.reset_index(), on="entity_id", how="inner"
    )
    return out.sort_values(["n_mentions", "name"], ascending=[False, True], ignore_index=True)


def leading_entities(tables: Tables, mentions: pd.DataFrame, *, top: int) -> pd.DataFrame:
    """The `top` entities of `mentions` by mentions (ties by name): id, name, label, count.

    The same order as entity_mentions, without its per-article and per-outlet counts.
    """
    counts = mentions["entity_id"].value_counts().rename("n_mentions").reset_index()
    out = tables.entities[["entity_id", "name", "label"]].merge(counts, on="entity_id")
    out = out.sort_values(["n_mentions", "name"], ascending=[False, True], ignore_index=True)
    return out.head(top)


def entity_mentions(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Entities within the filters: entity_id, name, label, n_mentions, n_articles, n_outlets."""
    return _entity_stats(tables, with_outlet(tables, scoped_mentions(tables, filters)))


RANKINGS = ("mentions", "share")


def top_entities_by_outlet(
    tables: Tables, filters: Filters = NO_FILTERS, *, top: int = 15,
    rank_by: str = "mentions",
) -> pd.DataFrame:
    """The `top` entities, one row per (entity, outlet) with its n_mentions and `share`: the
    share of the outlet's mentions (of every entity within the filters) that name it, so
    outlets of very different sizes compare.

    `rank_by` "mentions" ranks entities by their mentions in all outlets together (the largest
    outlet weighs most); "share" by `mean_share`, the mean of their share over every outlet in
    scope (0 where an outlet never names them), each outlet weighing the same.
    """
    if rank_by not in RANKINGS:
        raise ValueError(f"rank_by must be one of {RANKINGS}, not {rank_by!r}")
    mentions = with_outlet(tables, scoped_mentions(tables, filters, comparing=True,
                                                   columns=["article_id", "entity_id"]),
                           filters)
    outlet_totals = mentions.groupby("outlet").size()
    per_outlet = mentions.groupby(["entity_id", "outlet"]).size().rename("n_mentions")
    shares = per_outlet / per_outlet.index.get_level_values("outlet").map(outlet_totals)
    mean_share = (shares.groupby("entity_id").sum() / max(len(outlet_totals), 1)).rename(
        "mean_share")
    totals = per_outlet.groupby("entity_id").sum().rename("total_mentions")
    ranked = tables.entities[["entity_id", "name", "label"]].merge(
        pd.concat([totals, mean_share], axis=1).reset_index(), on="entity_id")
    order = ["total_mentions", "mean_share"] if rank_by == "mentions" \
        else ["mean_share", "total_mentions"]
    leaders = ranked.sort_values([*order, "name"], ascending=[False, False, True]).head(top)
    leaders = leaders.assign(rank=np.arange(len(leaders)))
    out = leaders.merge(per_outlet.reset_index(), on="entity_id")
    out["share"] = out["n_mentions"] / out["outlet"].map(outlet_totals)
    columns = ["name", "label", "outlet", "n_mentions", "share", "total_mentions", "mean_share",
               "entity_id"]
    return out.sort_values(["rank", "outlet"], ignore_index=True)[columns]


def cooccurrence_view(
    tables: Tables,
    filters: Filters = NO_FILTERS,
    *,
    window: Window = "sentence",
    measure: str = "count",
    min_weight: float = 1.0,
    top: int = 30,
) -> pd.DataFrame:
    """Pairs among the `top` entities, named, with `weight` = the chosen measure >= min_weight."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    mentions = scoped_mentions(tables, filters)
    leaders = leading_entities(tables, mentions, top=top)
    # pairing only the leaders keeps the self-join small on a big corpus; counts and Jaccard
    # are unchanged by that, and PMI only needs the number of windows of the whole slice
    among = mentions[mentions["entity_id"].isin(leaders["entity_id"])]
    pairs = cooccurrence(among, window=window).copy()
    keys = window_keys(window)
    all_windows = len(mentions[keys].drop_duplicates())
    leader_windows = len(among[keys].drop_duplicates())
    if leader_windows:
        pairs["pmi"] += np.log2(all_windows / leader_windows)
    names = leaders.set_index("entity_id")["name"]
    pairs.insert(0, "name_a", pairs["entity_a"].map(names).astype("string"))
    pairs.insert(1, "name_b", pairs["entity_b"].map(names).astype("string"))
    pairs["weight"] = pairs[measure].astype("float64")
    pairs = pairs[pairs["weight"] >= min_weight]
    return pairs.sort_values(["weight", "count", "name_a", "name_b"],
                             ascending=[False, False, True, True], ignore_index=True)


def label_options(tables: Tables) -> list[str]:
    """Entity labels present, most common first."""
    return list(tables.entities["label"].value_counts().index.astype(str))


def cooccurrence_nodes(tables: Tables, filters: Filters = NO_FILTERS, **options) -> pd.DataFrame:
    """The entities that take part in cooccurrence_view(tables, filters, **options), with their
    mentions, most mentioned first: the nodes of its network."""
    pairs = cooccurrence_view(tables, filters, **options)
    ids = pd.unique(pd.concat([pairs["entity_a"], pairs["entity_b"]]))
    mentions = scoped_mentions(tables, filters)
    return _entity_stats(tables, with_outlet(tables, mentions[mentions["entity_id"].isin(ids)]))
