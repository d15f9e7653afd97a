"""Coverage over time: articles, mentions of an entity and mean tone per outlet (or group) per
day, week or month, with empty periods kept as gaps and undated articles counted apart (they
have no place on a time axis)."""

from __future__ import annotations

import pandas as pd

from analysis.tables import Tables, with_article_columns
from analysis.tone import TONE_KINDS, article_clustered_mean
from analysis.views.outlets import pooled_outlets
from analysis.views.scope import Filters, scoped_articles, scoped_mentions, scoped_sentences

# pandas period codes; weeks run Monday to Sunday, whatever year they straddle
BUCKETS = {"day": "D", "week": "W-SUN", "month": "M"}
TIMELINE_COLUMNS = ["outlet", "period", "articles"]
MENTION_COLUMNS = ["outlet", "period", "mentions", "articles"]
TONE_COLUMNS = ["outlet", "period", "n_articles", "n_sentences", "mean", "ci_low", "ci_high",
                "too_few"]


def bucket_for(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """The bucket that gives a readable number of points for a span: days up to two months,
    weeks up to two years, months beyond."""
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 730 else "month"


def _dated(tables: Tables, filters: Filters, bucket: str | None,
           shown: int | None) -> tuple[pd.DataFrame, pd.PeriodIndex]:
    """The kept dated articles (article_id, outlet, period) and every period from the first to
    the last; `bucket` None: chosen from the span (`bucket_for`); outlets beyond the leading
    `shown` pooled into "other outlets"."""
    articles = pooled_outlets(tables, filters, scoped_articles(
        tables, filters, columns=["article_id", "outlet", "published"], comparing=True),
        shown=shown).dropna(subset=["published"])
    if articles.empty:
        return articles.assign(period=pd.Series(dtype="period[D]")), pd.PeriodIndex([], freq="D")
    bucket = bucket or bucket_for(articles["published"].min(), articles["published"].max())
    periods = articles["published"].dt.to_period(BUCKETS[bucket])
    every = pd.period_range(periods.min(), periods.max(), freq=BUCKETS[bucket])
    return articles.assign(period=periods)[["article_id", "outlet", "period"]], every


def _every_period(counts: pd.DataFrame, outlets: pd.Series, every: pd.PeriodIndex,
                  fill: object) -> pd.DataFrame:
    """`counts` (indexed by outlet and period) with a row for every outlet and period,
    `fill` where it has none; periods as their first day."""
    full = pd.MultiIndex.from_product([sorted(outlets.unique()), every],
                                      names=["outlet", "period"])
    out = counts.reindex(full, fill_value=fill).reset_index()
    out["period"] = out["period"].dt.start_time
    return out


def articles_over_time(tables: Tables, filters: Filters, *,
                       bucket: str | None = None, shown: int | None = None) -> pd.DataFrame:
    """Dated articles per outlet and period (the period's first day); every period between
    the first and the last is a row, 0 where an outlet published nothing (a gap, not a
    missing point). `bucket` None: chosen from the span (`bucket_for`)."""
    articles, every = _dated(tables, filters, bucket, shown)
    if articles.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    counts = articles.groupby(["outlet", "period"]).size().rename("articles")
    return _every_period(counts.to_frame(), articles["outlet"], every, 0)[TIMELINE_COLUMNS]


def mentions_over_time(tables: Tables, filters: Filters, *, entity_id: str,
                       bucket: str | None = None, shown: int | None = None) -> pd.DataFrame:
    """Mentions of one entity per outlet and period, and the articles naming it (0 where an
    outlet's articles that period do not name it)."""
    articles, every = _dated(tables, filters, bucket, shown)
    if articles.empty:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    mentions = scoped_mentions(tables, filters, use_labels=False, comparing=True,
                               columns=["article_id", "entity_id"])
    named = with_article_columns(mentions[mentions["entity_id"] == entity_id], articles)
    counts = named.groupby(["outlet", "period"]).agg(mentions=("article_id", "size"),
                                                     articles=("article_id", "nunique"))
    return _every_period(counts, articles["outlet"], every, 0)[MENTION_COLUMNS]


def tone_over_time(tables: Tables, filters: Filters, *,
                   bucket: str | None = None, shown: int | None = None) -> pd.DataFrame:
    """Mean body-sentence tone per outlet and period with its 95% interval from a bootstrap
    over the period's articles (analysis.tone.article_clustered_mean; `too_few` below MIN_ARTICLES);
    a period without articles is a row with no mean (a gap in the line)."""
    articles, every = _dated(tables, filters, bucket, shown)
    if articles.empty:
        return pd.DataFrame(columns=TONE_COLUMNS)
    sentences = scoped_sentences(tables, filters, columns=["article_id", "tone"],
                                 kinds=TONE_KINDS, comparing=True)
    means = article_clustered_mean(sentences, articles, by=["outlet", "period"])
    out = _every_period(means.set_index(["outlet", "period"]), articles["outlet"], every,
                        None)
    return out.astype({"n_articles": "Int64", "n_sentences": "Int64", "too_few": "boolean"}
                      )[TONE_COLUMNS]


def undated_articles(tables: Tables, filters: Filters, *,
                     shown: int | None = None) -> pd.DataFrame:
    """Articles without a publication day, per outlet: shown beside the timeline."""
    articles = pooled_outlets(tables, filters, scoped_articles(
        tables, filters, columns=["article_id", "outlet", "published"], comparing=True),
        shown=shown)
    undated = articles[articles["published"].isna()]
    return undated.groupby("outlet").size().rename("undated").reset_index()
