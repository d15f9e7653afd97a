"""Entity views: who is named, by which outlets, and which names appear together."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables
from analysis.views.cooccurrence import MEASURES, Window, cooccurrence, n_windows
from analysis.views.entity_outlets import RANKINGS as RANKINGS  # the page's choices
from analysis.views.entity_outlets import (
    entity_outlet_counts,
    entity_rows,
    most_named_of,
    named_most,
    top_entities_of,
)
from analysis.views.numbered import distinct_per
from analysis.views.scope import (
    NO_FILTERS,
    SENTENCE_KEYS,
    Filters,
    in_set,
    scoped_articles,
    scoped_mentions,
    with_outlet,
)


def _entity_stats(tables: Tables, mentions: pd.DataFrame) -> pd.DataFrame:
    """entity_id, name, label, n_mentions, n_articles, n_outlets of `mentions` (with outlet)."""
    entity, ids = pd.factorize(mentions["entity_id"])
    stats = pd.DataFrame({
        "entity_id": ids,
        "n_mentions": np.bincount(entity[entity >= 0], minlength=len(ids)),
        "n_articles": distinct_per(entity, mentions["article_id"], len(ids)),
        "n_outlets": distinct_per(entity, mentions["outlet"], len(ids)),
    })
    out = entity_rows(tables, ids).merge(stats, on="entity_id", how="inner")
    return out.sort_values(["n_mentions", "name"], ascending=[False, True], ignore_index=True)


def leading_entities(tables: Tables, mentions: pd.DataFrame, *, top: int) -> pd.DataFrame:
    """The `top` entities of `mentions` by mentions (ties by name): id, name, label, count.

    The same order as entity_mentions, without its per-article and per-outlet counts.
    """
    return named_most(tables, mentions["entity_id"].value_counts(), top=top)


def entity_mentions(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Entities within the filters: entity_id, name, label, n_mentions, n_articles, n_outlets."""
    return _entity_stats(tables, with_outlet(tables, scoped_mentions(
        tables, filters, columns=["article_id", "entity_id"])))


def most_named(tables: Tables, filters: Filters = NO_FILTERS, *, top: int) -> pd.DataFrame:
    """The `top` entities named most within the filters (entity_id, name, label, n_mentions),
    in entity_mentions' order: a list to choose from, without counting every entity's articles
    and outlets."""
    return most_named_of(tables, entity_outlet_counts(tables, filters), filters, top=top)


def top_entities_by_outlet(
    tables: Tables, filters: Filters = NO_FILTERS, *, top: int = 15,
    rank_by: str = "mentions", shown: int | None = None,
) -> pd.DataFrame:
    """The `top` entities, one row per (entity, outlet) with its n_mentions and `share`: the
    share of the outlet's mentions (of every entity within the filters) that name it, so
    outlets of very different sizes compare. Rows follow the shared outlet order (most
    articles first); `shown`: outlets beyond the leading `shown` pooled into "other outlets"
    (its share: of the pooled outlets' mentions together), after the ranking.

    `rank_by` "mentions" ranks entities by their mentions in all outlets together (the largest
    outlet weighs most); "share" by `mean_share`, the mean of their share over every outlet in
    scope (0 where an outlet never names them), each outlet weighing the same.
    """
    return top_entities_of(tables, entity_outlet_counts(tables, filters), filters, top=top,
                           rank_by=rank_by, shown=shown)


PAIR_VIEW_COLUMNS = ["name_a", "name_b", "weight", "count", "n_a", "n_b", "pmi", "jaccard",
                     "entity_a", "entity_b"]


def distinct_names(leaders: pd.DataFrame) -> pd.Series:
    """entity_id -> name, with the label added where two entities share a name ("Moscow (ORG)"
    beside the city), so every axis and label of a figure names one entity."""
    shared = leaders["name"].duplicated(keep=False)
    names = leaders["name"].where(~shared, leaders["name"] + " (" + leaders["label"] + ")")
    return pd.Series(names.to_numpy(), index=leaders["entity_id"]).astype("string")


def cooccurrence_pairs(tables: Tables, filters: Filters = NO_FILTERS, *,
                       window: Window = "sentence", top: int = 30,
                       min_count: int = 1) -> pd.DataFrame:
    """Pairs among the `top` entities seen together at least `min_count` times, named, with
    every measure: what `cooccurrence_view` and `cooccurrence_defaults` choose from (the page
    computes it once per filter and size, then weighs it without the tables)."""
    mentions = scoped_mentions(tables, filters, columns=[*SENTENCE_KEYS, "entity_id"])
    leaders = leading_entities(tables, mentions, top=top)
    # pairing only the leaders keeps the self-join small on a big corpus; counts and Jaccard
    # are unchanged by that, and PMI only needs the number of windows of the whole slice
    among = mentions[in_set(mentions["entity_id"], leaders["entity_id"])]
    pairs = cooccurrence(among, window=window, min_count=min_count).copy()
    all_windows = n_windows(mentions, window)
    leader_windows = n_windows(among, window)
    if leader_windows:
        pairs["pmi"] += np.log2(all_windows / leader_windows)
    names = distinct_names(leaders)
    pairs["name_a"] = pairs["entity_a"].map(names).astype("string")
    pairs["name_b"] = pairs["entity_b"].map(names).astype("string")
    return pairs


def weighted_pairs(pairs: pd.DataFrame, *, measure: str = "count",
                   min_weight: float = 1.0) -> pd.DataFrame:
    """The rows of `cooccurrence_pairs` whose `measure` (the `weight`) is at least
    `min_weight`, heaviest first; names first, ids last."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    pairs = pairs.assign(weight=pairs[measure].astype("float64"))
    pairs = pairs[pairs["weight"] >= min_weight]
    return pairs.sort_values(["weight", "count", "name_a", "name_b"],
                             ascending=[False, False, True, True],
                             ignore_index=True)[PAIR_VIEW_COLUMNS]


def cooccurrence_view(
    tables: Tables,
    filters: Filters = NO_FILTERS,
    *,
    window: Window = "sentence",
    measure: str = "count",
    min_weight: float = 1.0,
    top: int = 30,
    min_count: int = 1,
) -> pd.DataFrame:
    """Pairs among the `top` entities named together at least `min_count` times, with `weight`
    = the chosen measure >= min_weight, heaviest first; names first, ids last. A pair seen
    once has a high PMI by chance alone: `min_count` keeps PMI and Jaccard to pairs seen
    often enough to mean something."""
    pairs = cooccurrence_pairs(tables, filters, window=window, top=top, min_count=min_count)
    return weighted_pairs(pairs, measure=measure, min_weight=min_weight)


EDGES_PER_NODE = 2  # a legible network: about this many edges per entity on average
# the weight no default goes below: pairs met at least as often as chance, in at least 5% of
# the windows naming either (a count's floor is the minimum count itself)
WEIGHT_FLOORS = {"count": 1.0, "pmi": 0.0, "jaccard": 0.05}


def cooccurrence_sizes(n_articles: int) -> tuple[int, int]:
    """(entities, minimum count) a corpus of `n_articles` opens with: more entities and a
    higher bar for a pair as the corpus grows."""
    if n_articles < 50:
        return 20, 2
    if n_articles < 1_000:
        return 25, 3
    return 30, 5


def cooccurrence_size(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row: the `top` entities and `min_count` the graph opens with (cooccurrence_sizes of
    the kept articles)."""
    top, min_count = cooccurrence_sizes(len(scoped_articles(tables, filters,
                                                            columns=["article_id"])))
    return pd.DataFrame({"top": [top], "min_count": [min_count]}, dtype="int64")


def weight_defaults(pairs: pd.DataFrame, *, top: int, min_count: int) -> pd.DataFrame:
    """One row per measure: the `min_weight` that keeps the EDGES_PER_NODE x `top` heaviest of
    `pairs` (cooccurrence_pairs), never below WEIGHT_FLOORS, with `top` and `min_count`."""
    rows = []
    for measure, floor in (WEIGHT_FLOORS | {"count": float(min_count)}).items():
        wanted = max(int(EDGES_PER_NODE * top), 1)
        heaviest = pairs[measure].nlargest(wanted)
        # rounded down to what the number box shows, so the last kept pair stays in
        kept = (np.floor(float(heaviest.min()) * 100) / 100
                if len(heaviest) == wanted else floor)
        rows.append({"measure": measure, "top": top, "min_count": min_count,
                     "min_weight": max(floor, kept)})
    return pd.DataFrame(rows).astype({"measure": "string", "top": "int64",
                                      "min_count": "int64", "min_weight": "float64"})


def cooccurrence_defaults(tables: Tables, filters: Filters = NO_FILTERS, *,
                          window: Window = "sentence", top: int | None = None,
                          min_count: int | None = None) -> pd.DataFrame:
    """One row per measure: the `top`, `min_count` and `min_weight` the co-occurrence graph
    opens with. `top` and `min_count` come from the number of kept articles unless given;
    `min_weight` keeps the EDGES_PER_NODE x top heaviest pairs (never below WEIGHT_FLOORS),
    so the graph stays legible at 5 articles and at 5,000."""
    sized = cooccurrence_size(tables, filters).iloc[0]
    top = int(sized["top"]) if top is None else top
    min_count = int(sized["min_count"]) if min_count is None else min_count
    pairs = cooccurrence_pairs(tables, filters, window=window, top=top, min_count=min_count)
    return weight_defaults(pairs, top=top, min_count=min_count)


def label_options(tables: Tables) -> list[str]:
    """Entity labels present, most common first."""
    return list(tables.entities["label"].value_counts().index.astype(str))


def cooccurrence_nodes(tables: Tables, filters: Filters = NO_FILTERS, **options) -> pd.DataFrame:
    """The entities that take part in cooccurrence_view(tables, filters, **options), with their
    mentions, most mentioned first: the nodes of its network."""
    pairs = cooccurrence_view(tables, filters, **options)
    return pair_nodes(tables, filters, entity_ids=tuple(pd.unique(pd.concat(
        [pairs["entity_a"], pairs["entity_b"]]))))


def pair_nodes(tables: Tables, filters: Filters = NO_FILTERS, *,
               entity_ids: tuple[str, ...]) -> pd.DataFrame:
    """`entity_ids` (the entities of some pairs) with their mentions within the filters, most
    mentioned first."""
    mentions = scoped_mentions(tables, filters, columns=["article_id", "entity_id"])
    return _entity_stats(tables, with_outlet(tables, mentions[mentions["entity_id"].isin(
        list(entity_ids))]))
