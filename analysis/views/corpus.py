"""Corpus views: counts, the articles, articles per outlet, and the store tables cut to the
filters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables
from analysis.views.outlets import OTHER_OUTLETS, pooled_outlets
from analysis.views.scope import (
    ARTICLE_COLUMNS,
    COUNTED_ROLES,
    NO_FILTERS,
    Filters,
    in_set,
    narrows_articles,
    scoped_articles,
    scoped_mentions,
)


def corpus_counts(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """measure, value: articles, outlets, unknown outlets (articles whose outlet is unknown,
    each its own source), words, sentences (body), entities, places, rejects."""
    articles = scoped_articles(tables, filters, columns=[*ARTICLE_COLUMNS, "outlet_from"])
    if narrows_articles(tables, filters):
        mentions = scoped_mentions(tables, filters, use_labels=False,
                                   columns=["entity_id", "place_id"])
        counted = np.ones(len(mentions), bool)
        entities = _distinct(mentions["entity_id"], counted)
    else:  # every mention that counts, from two columns: a store need not read them all
        mentions = tables.columns_of("mentions", ["role", "place_id"])
        counted = mentions["role"].isin(COUNTED_ROLES).to_numpy()
        # the build counts each entity's counted mentions (entities.n_mentions): the entities
        # named at all, without factorizing 2.7 million entity ids at 37,554 articles
        entities = int((tables.entities["n_mentions"] > 0).sum())
    unknown = articles["outlet_from"] == "unknown"
    values = {
        "articles": len(articles),
        "outlets": articles.loc[~unknown, "outlet"].nunique(),
        "unknown outlets": int(unknown.sum()),
        "words": int(articles["n_words"].sum()),
        "sentences": int(articles["n_sentences"].sum()),
        "entities": entities,
        "places": _distinct(mentions["place_id"], counted),
        "rejects": len(tables.rejects),
    }
    return pd.DataFrame({"measure": list(values), "value": list(values.values())}).astype(
        {"measure": "string", "value": "int64"}
    )


def _distinct(values: pd.Series, rows: np.ndarray) -> int:
    """Distinct values (missing ones left out) on the marked rows, counted on codes: selecting
    the rows of 2.7 million Arrow strings first costs more than counting them."""
    codes = pd.factorize(values)[0][rows]
    codes = codes[codes >= 0]
    return int(np.count_nonzero(np.bincount(codes))) if len(codes) else 0


def articles_view(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row per kept article: outlet, title, published, n_words, n_sentences, tone, id."""
    columns = ["outlet", "title", "published", "n_words", "n_sentences", "tone", "article_id"]
    articles = scoped_articles(tables, filters)[columns]
    return articles.sort_values(["outlet", "published", "title"], ignore_index=True)


def outlet_counts(tables: Tables, filters: Filters = NO_FILTERS, *,
                  shown: int | None = None) -> pd.DataFrame:
    """outlet, n_articles, n_words; most articles first (a comparison of outlets: articles of
    unknown outlet only when the filters bring them in). `shown`: the outlets beyond the
    leading `shown` pooled into one last row, "other outlets"."""
    articles = pooled_outlets(tables, filters, scoped_articles(tables, filters, comparing=True),
                              shown=shown)
    out = articles.groupby("outlet", as_index=False).agg(
        n_articles=("article_id", "count"), n_words=("n_words", "sum")
    )
    out["other"] = out["outlet"] == OTHER_OUTLETS
    return out.sort_values(["other", "n_articles", "outlet"], ascending=[True, False, True],
                           ignore_index=True).drop(columns="other")


UNFILTERED_TABLES = ("rejects", "notes", "merges")  # about the corpus as a whole


def filtered_table(tables: Tables, filters: Filters, *, name: str) -> pd.DataFrame:
    """A store table cut down to the rows behind the kept articles (counts stay corpus-wide),
    each row keeping its index, its row in the store (`analysis.tables.whole_rows` reads by
    it)."""
    if name in UNFILTERED_TABLES:
        return getattr(tables, name)
    if name in ("articles", "sentences", "mentions", "quotes", "citations", "article_terms",
                "reuse", "duplicates"):
        ids = scoped_articles(tables, filters)["article_id"]
        table = getattr(tables, name)
        # reuse and duplicate rows count when both of their articles are kept
        pairs = {"reuse": ("source_id", "target_id"), "duplicates": ("article_id",
                                                                     "duplicate_of")}
        keep = pd.Series(True, index=table.index)
        for column in pairs.get(name, ("article_id",)):
            keep &= in_set(table[column], ids)
        return table[keep]
    if name == "terms":  # the terms the kept articles use
        used = filtered_table(tables, filters, name="article_terms")["term_id"]
        return tables.terms[tables.terms["term_id"].isin(used)]
    if name == "groups":  # the groups of the kept outlets
        outlets = scoped_articles(tables, filters, columns=["outlet"])["outlet"]
        return tables.groups[tables.groups["outlet"].isin(outlets)]
    mentions = scoped_mentions(tables, filters, columns=["entity_id", "place_id"])
    if name == "entities":
        # unique first: 2.6 million named ids at 37,554 articles
        named = mentions["entity_id"].unique()
        return tables.entities[in_set(tables.entities["entity_id"], named)]
    if name == "places":
        return tables.places[tables.places["place_id"].isin(mentions["place_id"].dropna())]
    raise ValueError(f"no table named {name!r}")


def article_titles(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """article_id, outlet and "outlet · title" of every kept article, for choosing one."""
    articles = articles_view(tables, filters)[["article_id", "outlet", "title"]]
    label = articles["outlet"].astype(str) + " · " + articles["title"].astype(str)
    return articles.assign(label=label.astype("string")).reset_index(drop=True)


def article_record(tables: Tables, filters: Filters = NO_FILTERS, *,
                   article_id: str) -> pd.DataFrame:
    """One kept article's row: outlet, title, published, url, n_words, n_sentences, tone."""
    columns = ["article_id", "outlet", "title", "published", "url", "n_words", "n_sentences",
               "tone"]
    articles = scoped_articles(tables, filters, columns=columns)
    return articles[articles["article_id"] == article_id].reset_index(drop=True)
