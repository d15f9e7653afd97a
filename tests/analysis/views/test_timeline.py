"""Timeline: buckets chosen from the span, weeks across a year end, gaps kept, undated apart."""

import dataclasses

import pandas as pd

from analysis.views import Filters, timeline
from analysis.views.outlets import OTHER_OUTLETS


def _dated(tables, days):
    """The sample build with its articles published on `days` (None: undated), in order."""
    articles = tables.articles.copy()
    articles["published"] = pd.to_datetime(pd.Series(days, index=articles.index))
    return dataclasses.replace(tables, articles=articles)


def test_week_buckets_across_a_year_end(tables):
    # Sunday 31 Dec 2023 closes a week; Monday 1 Jan 2024 opens the next; 15 Jan leaves a gap
    days = ["2023-12-31", "2024-01-01", "2024-01-15", None]
    dated = _dated(tables, days)
    rows = timeline.articles_over_time(dated, Filters(), bucket="week")
    weeks = rows.groupby("period")["articles"].sum()
    assert list(weeks.index) == [pd.Timestamp(day) for day in
                                 ["2023-12-25", "2024-01-01", "2024-01-08", "2024-01-15"]]
    assert list(weeks) == [1, 1, 0, 1]  # the empty week is a row with 0: a gap
    assert rows.groupby("outlet").size().nunique() == 1  # every outlet has every week
    undated = timeline.undated_articles(dated, Filters())
    assert list(undated["undated"]) == [1]


def test_the_bucket_follows_the_span():
    day = pd.Timestamp("2024-01-01")
    assert timeline.bucket_for(day, day + pd.Timedelta(days=30)) == "day"
    assert timeline.bucket_for(day, day + pd.Timedelta(days=200)) == "week"
    assert timeline.bucket_for(day, day + pd.Timedelta(days=1000)) == "month"


def test_mentions_and_tone_per_period_keep_gaps(tables):
    days = ["2023-12-31", "2024-01-01", "2024-01-15", None]
    dated = _dated(tables, days)
    entity = tables.mentions["entity_id"].value_counts().index[0]
    mentions = timeline.mentions_over_time(dated, Filters(), entity_id=entity, bucket="week")
    assert list(mentions.columns) == timeline.MENTION_COLUMNS
    assert (mentions["articles"] <= mentions["mentions"]).all()
    assert pd.Timestamp("2024-01-08") in set(mentions["period"])  # the empty week is a row
    tone = timeline.tone_over_time(dated, Filters(), bucket="week")
    assert list(tone.columns) == timeline.TONE_COLUMNS
    empty_week = tone[tone["period"] == pd.Timestamp("2024-01-08")]
    assert empty_week["mean"].isna().all()  # no articles: no point, a gap in the line
    shown = tone.dropna(subset=["mean"])
    assert not shown.empty and shown["too_few"].all()  # one article a week: drawn muted


def test_outlets_beyond_the_shown_are_one_line(tables):
    dated = _dated(tables, ["2024-01-01", "2024-01-02", "2024-01-02", "2024-01-03"])
    rows = timeline.articles_over_time(dated, Filters(), bucket="day", shown=1)
    assert set(rows["outlet"]) == {"Alpha News", OTHER_OUTLETS}
    assert rows.groupby("outlet")["articles"].sum().to_dict() == {"Alpha News": 2,
                                                                  OTHER_OUTLETS: 2}
