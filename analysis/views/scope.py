"""The researcher's filters, and the rows of each table they keep: what every view starts from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.tables import Tables

SENTENCE_KEYS = ["article_id", "sentence_id"]


@dataclass(frozen=True)
class Filters:
    """What the researcher narrowed the corpus to; empty means everything.

    `start` and `end` are inclusive publication days; once either is set, articles without a
    date drop out. `labels` narrows entity views to entities of those spaCy labels.
    """

    outlets: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    labels: tuple[str, ...] = ()


NO_FILTERS = Filters()


ARTICLE_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "n_sentences",
                   "tone"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "tone"]  # texts: tables.texts
MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "label", "entity_id",
                   "place_id", "place_rule"]


def narrows_articles(filters: Filters) -> bool:
    return bool(filters.outlets) or filters.start is not None or filters.end is not None


def article_mask(articles: pd.DataFrame, filters: Filters) -> pd.Series:
    """True for the articles the filters keep."""
    keep = pd.Series(True, index=articles.index)
    if filters.outlets:
        keep &= articles["outlet"].isin(list(filters.outlets))
    if filters.start is not None:
        keep &= articles["published"] >= pd.Timestamp(filters.start)
    if filters.end is not None:
        keep &= articles["published"] < pd.Timestamp(filters.end) + pd.Timedelta(days=1)
    return keep.fillna(False).astype(bool)


# Scoped tables carry only the columns views use: copying article and sentence texts for
# every filter change would cost more than the views themselves on a big corpus.


def scoped_articles(tables: Tables, filters: Filters, *,
                    columns: list[str] = ARTICLE_COLUMNS) -> pd.DataFrame:
    if not narrows_articles(filters):
        return tables.articles[columns]
    return tables.articles.loc[article_mask(tables.articles, filters), columns]


def _in_kept_articles(tables: Tables, filters: Filters, frame: pd.DataFrame) -> pd.DataFrame:
    if not narrows_articles(filters):
        return frame
    ids = scoped_articles(tables, filters, columns=["article_id"])["article_id"]
    return frame[frame["article_id"].isin(ids)]


def scoped_sentences(tables: Tables, filters: Filters, *,
                     columns: list[str] = SENTENCE_COLUMNS) -> pd.DataFrame:
    return _in_kept_articles(tables, filters, tables.sentences[columns])


def scoped_mentions(tables: Tables, filters: Filters, *, use_labels: bool = True,
                    columns: list[str] = MENTION_COLUMNS) -> pd.DataFrame:
    """Mentions in the kept articles; with `use_labels`, only of entities with those labels."""
    mentions = _in_kept_articles(tables, filters, tables.mentions[columns])
    if use_labels and filters.labels:
        entity_ids = tables.entities.loc[
            tables.entities["label"].isin(list(filters.labels)), "entity_id"
        ]
        mentions = mentions[mentions["entity_id"].isin(entity_ids)]
    return mentions


def placed_mentions(tables: Tables, filters: Filters, *, embedded: bool) -> pd.DataFrame:
    """The mentions within the filters that name a place; those inside an organisation's or
    facility's name ("Kentucky" in "Kentucky State Police") only with `embedded`, so that the
    map of where a story happens stays clean."""
    mentions = scoped_mentions(tables, filters, use_labels=False)
    keep = mentions["place_id"].notna()
    if not embedded:
        keep &= (mentions["place_rule"] != "embedded").fillna(True)
    return mentions[keep]


def with_outlet(tables: Tables, frame: pd.DataFrame) -> pd.DataFrame:
    outlets = tables.articles.set_index("article_id")["outlet"]
    return frame.assign(outlet=frame["article_id"].map(outlets))
