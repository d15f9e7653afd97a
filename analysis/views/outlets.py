"""Outlets at scale: one order of the outlets that every chart of a page shares (most articles
first), and the pooling of all but the leading few into one "other outlets" bucket, so a chart
of 138 outlets stays as readable as one of five."""

from __future__ import annotations

import pandas as pd

from analysis.tables import Tables
from analysis.views.scope import NO_FILTERS, Filters, scoped_articles

OTHER_OUTLETS = "other outlets"
SHOWN_OUTLETS = 12  # outlets a chart draws by default, the rest pooled


def outlet_order(tables: Tables, filters: Filters = NO_FILTERS, *,
                 shown: int | None = SHOWN_OUTLETS) -> pd.DataFrame:
    """outlet, n_articles, n_outlets: the `shown` outlets with most articles (ties by name),
    then OTHER_OUTLETS pooling the rest (`n_outlets`: how many outlets a row holds). Only
    when more than `shown` outlets are in scope; `shown` None keeps every outlet."""
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet"],
                               comparing=True)
    counts = (articles.groupby("outlet").size().rename("n_articles").reset_index()
              .sort_values(["n_articles", "outlet"], ascending=[False, True],
                           ignore_index=True))
    counts["n_outlets"] = 1
    if shown is not None and len(counts) > shown:
        rest = counts.iloc[shown:]
        other = pd.DataFrame({"outlet": [OTHER_OUTLETS], "n_articles": [rest["n_articles"].sum()],
                              "n_outlets": [len(rest)]})
        counts = pd.concat([counts.iloc[:shown], other], ignore_index=True)
    return counts.astype({"outlet": "string", "n_articles": "int64", "n_outlets": "int64"})


def pooled(frame: pd.DataFrame, order: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every outlet outside `order` (outlet_order) renamed OTHER_OUTLETS."""
    if OTHER_OUTLETS not in set(order["outlet"]):
        return frame
    outlet = frame["outlet"].where(frame["outlet"].isin(order["outlet"]), OTHER_OUTLETS)
    return frame.assign(outlet=outlet.astype("string"))


def in_order(frame: pd.DataFrame, order: pd.DataFrame, *then: str) -> pd.DataFrame:
    """`frame` sorted by the place of its outlet in `order`, then by the `then` columns."""
    rank = {outlet: i for i, outlet in enumerate(order["outlet"])}
    position = frame["outlet"].map(rank).fillna(len(rank)).rename("_position")
    return (frame.assign(_position=position)
            .sort_values(["_position", *then], kind="stable", ignore_index=True)
            .drop(columns="_position"))


def pooled_outlets(tables: Tables, filters: Filters, frame: pd.DataFrame, *,
                   shown: int | None) -> pd.DataFrame:
    """`frame` (with outlet) pooled beyond the `shown` leading outlets; as is for None."""
    if shown is None:
        return frame
    return pooled(frame, outlet_order(tables, filters, shown=shown))
