"""Coverage over time: articles per outlet per day, week or month, with empty periods kept as
gaps and undated articles counted apart (they have no place on a time axis)."""

from __future__ import annotations

import pandas as pd

from analysis.tables import Tables
from analysis.views.scope import Filters, scoped_articles

# pandas period codes; weeks run Monday to Sunday, whatever year they straddle
BUCKETS = {"day": "D", "week": "W-SUN", "month": "M"}
TIMELINE_COLUMNS = ["outlet", "period", "articles"]


def bucket_for(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """The bucket that gives a readable number of points for a span: days up to two months,
    weeks up to two years, months beyond."""
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 730 else "month"


def articles_over_time(tables: Tables, filters: Filters, *,
                       bucket: str | None = None) -> pd.DataFrame:
    """Dated articles per outlet and period (the period's first day); every period between
    the first and the last is a row, 0 where an outlet published nothing (a gap, not a
    missing point). `bucket` None: chosen from the span (`bucket_for`)."""
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet", "published"],
                               comparing=True).dropna(subset=["published"])
    if articles.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    bucket = bucket or bucket_for(articles["published"].min(), articles["published"].max())
    periods = articles["published"].dt.to_period(BUCKETS[bucket])
    counts = articles.groupby(["outlet", periods]).size()
    every = pd.period_range(periods.min(), periods.max(), freq=BUCKETS[bucket])
    full = pd.MultiIndex.from_product([counts.index.levels[0], every],
                                      names=["outlet", "period"])
    out = counts.reindex(full, fill_value=0).rename("articles").reset_index()
    out["period"] = out["period"].dt.start_time
    return out[TIMELINE_COLUMNS]


def undated_articles(tables: Tables, filters: Filters) -> pd.DataFrame:
    """Articles without a publication day, per outlet: shown beside the timeline."""
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet", "published"],
                               comparing=True)
    undated = articles[articles["published"].isna()]
    return undated.groupby("outlet").size().rename("undated").reset_index()
