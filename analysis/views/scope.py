"""The researcher's filters, and the rows of each table they keep: what every view starts from.

Two rules hold for every view unless it asks otherwise: an article whose outlet is unknown is
left out of the views that compare outlets (they ask with `comparing=True`;
`Filters.unknown_outlets` brings such articles in, each its own source, never pooled), and only
the mentions an article names count, not the credits in its dateline, byline or sign-off
(analysis.entities.roles).

`Filters.compare_by` "group" makes the views that compare outlets compare groups of them
(the groups table): in their rows, `outlet` then holds the group, and an outlet without a group
stands alone under its own name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.tables import Tables
from analysis.tone import TONE_KINDS
from analysis.views.sentence_lookup import sentence_rows

SENTENCE_KEYS = ["article_id", "sentence_id"]


@dataclass(frozen=True)
class Filters:
    """What the researcher narrowed the corpus to; empty means everything.

    `start` and `end` are inclusive publication days; once either is set, articles without a
    date drop out. `labels` narrows entity views to entities of those spaCy labels.
    `unknown_outlets` keeps the articles whose outlet is unknown in the comparisons between
    outlets too (each its own source). `compare_by`: "outlet" or "group" (COMPARE_BY).
    """

    outlets: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    labels: tuple[str, ...] = ()
    unknown_outlets: bool = False
    compare_by: str = "outlet"


COMPARE_BY = ("outlet", "group")
NO_FILTERS = Filters()


ARTICLE_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "n_sentences",
                   "tone"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "tone"]  # texts: tables.texts
# the mentions that count: an article naming an entity, not its own dateline or a photo credit
# (analysis.entities.roles, not imported: the app's first page would load the build's modules)
COUNTED_ROLES = ("named",)
MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "label", "entity_id",
                   "place_id", "place_rule"]


def unknown_articles(articles: pd.DataFrame) -> pd.Series:
    """True for the articles whose outlet is unknown."""
    return articles["outlet_from"] == "unknown"


def unknown_left_out(tables: Tables, filters: Filters) -> int:
    """How many articles of unknown outlet the comparisons between outlets leave out for that
    reason alone (the pages say so, next to the switch that brings them in)."""
    if filters.unknown_outlets:
        return 0
    articles = tables.articles
    unknown = unknown_articles(articles)
    if not unknown.any():
        return 0
    return int((unknown & article_mask(articles, filters)).sum())


def _drops_unknown(tables: Tables, filters: Filters, comparing: bool) -> bool:
    return comparing and not filters.unknown_outlets \
        and bool(unknown_articles(tables.articles).any())


def narrows_articles(tables: Tables, filters: Filters, *, comparing: bool = False) -> bool:
    return (bool(filters.outlets) or filters.start is not None or filters.end is not None
            or _drops_unknown(tables, filters, comparing))


def article_mask(articles: pd.DataFrame, filters: Filters, *,
                 comparing: bool = False) -> pd.Series:
    """True for the articles the filters keep (`comparing`: for a comparison of outlets)."""
    keep = pd.Series(True, index=articles.index)
    if comparing and not filters.unknown_outlets:
        keep &= ~unknown_articles(articles)
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
                    columns: list[str] = ARTICLE_COLUMNS, comparing: bool = False
                    ) -> pd.DataFrame:
    """The kept articles; `comparing` (a view that compares outlets) also leaves out those of
    unknown outlet unless the filters bring them in."""
    if not narrows_articles(tables, filters, comparing=comparing):
        articles = tables.articles[columns]
    else:
        articles = tables.articles.loc[article_mask(tables.articles, filters,
                                                    comparing=comparing), columns]
    if comparing and "outlet" in columns:
        return as_compared(tables, filters, articles)
    return articles


def compared_names(tables: Tables, filters: Filters) -> pd.Series | None:
    """outlet -> the name it is compared under (its group), or None when outlets are compared
    as themselves."""
    if filters.compare_by != "group":
        return None
    groups = tables.groups
    named = groups[groups["group"].fillna("") != ""]
    return named.set_index("outlet")["group"]


def as_compared(tables: Tables, filters: Filters, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (with an outlet column) with each outlet replaced by the name it is compared
    under: its group when comparing groups (an outlet without one keeps its own name)."""
    names = compared_names(tables, filters)
    if names is None or frame.empty:
        return frame
    codes, outlets = pd.factorize(frame["outlet"])  # each distinct outlet looked up once
    lookup = names.to_dict()
    compared = pd.array([lookup.get(outlet, outlet) for outlet in outlets], dtype="string")
    return frame.assign(outlet=compared.take(codes, allow_fill=True))


def in_kept_articles(tables: Tables, filters: Filters, frame: pd.DataFrame, *,
                     comparing: bool = False) -> pd.DataFrame:
    """The rows of `frame` (any table with article_id) behind the kept articles."""
    keep = _kept_rows(tables, filters, frame, comparing=comparing)
    return frame if keep is None else frame[keep]


def _kept_rows(tables: Tables, filters: Filters, frame: pd.DataFrame, *,
               comparing: bool) -> pd.Series | None:
    """True for the rows of `frame` behind the kept articles; None when all are kept."""
    if not narrows_articles(tables, filters, comparing=comparing):
        return None
    ids = scoped_articles(tables, filters, columns=["article_id"],
                          comparing=comparing)["article_id"]
    return in_set(frame["article_id"], ids)


def _rows(frame: pd.DataFrame, keep: pd.Series | None, columns: list[str]) -> pd.DataFrame:
    # one copy of only the columns asked for: on 37,554 articles a copy of every mention
    # column first would hold hundreds of MB more for the length of each view
    return frame[columns] if keep is None else frame.loc[keep, columns]


def in_set(column: pd.Series, values: object) -> pd.Series:
    """`column.isin(values)`, in Arrow for Arrow-backed strings: pandas boxes the values one by
    one, so a set of ids costs seconds (a label filter's 76,091 entity ids over 2.7 million
    mentions: 1.6 s, in Arrow 0.06 s). A categorical (the app's long tables) looks its
    categories up once, then reads each row's by its code: 2.7 million mentions in half the
    time pandas takes."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = pd.Index(values).unique()
        if values.hasnans:  # isin's own rule for missing values
            return column.isin(values)
        categories = column.cat.categories
        found = categories.get_indexer(values)
        wanted = np.zeros(len(categories) + 1, dtype=bool)  # the last: a missing row's code -1
        wanted[found[found >= 0]] = True
        return pd.Series(wanted[column.array.codes], index=column.index)
    if getattr(column.dtype, "storage", None) != "pyarrow":
        return column.isin(values)
    wanted = pa.array(pd.array(values, dtype=column.dtype))
    found = pc.is_in(pa.array(column.array), value_set=wanted, skip_nulls=False)
    return pd.Series(np.asarray(found, dtype=bool), index=column.index)


def _both(a: pd.Series | None, b: pd.Series) -> pd.Series:
    return b if a is None else a & b


def scoped_sentences(tables: Tables, filters: Filters, *,
                     columns: list[str] = SENTENCE_COLUMNS,
                     kinds: tuple[str, ...] | None = None,
                     comparing: bool = False) -> pd.DataFrame:
    """Sentences of the kept articles; with `kinds`, only sentences of those kinds."""
    sentences = tables.sentences
    keep = _kept_rows(tables, filters, sentences, comparing=comparing)
    if kinds is not None:
        keep = _both(keep, in_set(sentences["kind"], list(kinds)))
    return _rows(sentences, keep, columns)


def scoped_mentions(tables: Tables, filters: Filters, *, use_labels: bool = True,
                    columns: list[str] = MENTION_COLUMNS,
                    roles: tuple[str, ...] = COUNTED_ROLES,
                    comparing: bool = False) -> pd.DataFrame:
    """Mentions in the kept articles, of `roles` (default: the ones the article names); with
    `use_labels`, only of entities with those labels."""
    keep = _mention_rows(tables, filters, use_labels=use_labels, roles=roles,
                         comparing=comparing)
    return _rows(tables.mentions, keep, columns)


def _mention_rows(tables: Tables, filters: Filters, *, use_labels: bool,
                  roles: tuple[str, ...], comparing: bool) -> pd.Series | None:
    mentions = tables.mentions
    keep = _kept_rows(tables, filters, mentions, comparing=comparing)
    if roles:
        keep = _both(keep, in_set(mentions["role"], list(roles)))
    if use_labels and filters.labels:
        entity_ids = tables.entities.loc[
            tables.entities["label"].isin(list(filters.labels)), "entity_id"
        ]
        keep = _both(keep, in_set(mentions["entity_id"], entity_ids))
    return keep


def in_body(tables: Tables, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` (article_id, sentence_id, ...) that lie in body sentences: what counts
    for tone (a headline or a caption is not the article's voice)."""
    sentences = tables.sentences
    rows = sentence_rows(sentences, frame)
    if rows is None:
        body = sentences.loc[in_set(sentences["article_id"], frame["article_id"].unique())
                             & sentences["kind"].isin(list(TONE_KINDS)), SENTENCE_KEYS]
        return frame.merge(body, on=SENTENCE_KEYS)
    keep = rows >= 0
    keep[keep] = in_set(sentences["kind"], list(TONE_KINDS)).to_numpy()[rows[keep]]
    return frame[keep].reset_index(drop=True)


def placed_mentions(tables: Tables, filters: Filters, *, embedded: bool,
                    columns: list[str] = MENTION_COLUMNS) -> pd.DataFrame:
    """The mentions within the filters that name a place; those inside an organisation's or
    facility's name ("Kentucky" in "Kentucky State Police") only with `embedded`, so that the
    map of where a story happens stays clean."""
    mentions = tables.mentions
    keep = _both(_mention_rows(tables, filters, use_labels=False, roles=COUNTED_ROLES,
                               comparing=False), mentions["place_id"].notna())
    if not embedded:
        keep &= (mentions["place_rule"] != "embedded").fillna(True)
    return _rows(mentions, keep, columns)


def with_outlet(tables: Tables, frame: pd.DataFrame,
                filters: Filters | None = None) -> pd.DataFrame:
    """`frame` with the outlet of each row's article; given `filters`, the name it is compared
    under (`as_compared`)."""
    outlets = tables.articles.set_index("article_id")["outlet"]
    # cast: mapping a categorical of article ids (the app's compact tables) one-to-one would
    # give a categorical of outlets, which counts and shares cannot be divided by
    out = frame.assign(outlet=frame["article_id"].map(outlets).astype(outlets.dtype))
    return out if filters is None else as_compared(tables, filters, out)
