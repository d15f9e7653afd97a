"""Views: the tables the dashboard shows, as pure functions of (Tables, Filters).

Every function takes the build's tables and the researcher's filters and returns a tidy
DataFrame; pages draw it and offer it as CSV. Nothing here caches or reads the store, so the
same call gives the same rows in a test, a notebook or the app. The sentence evidence behind
these aggregates lives in `analysis.evidence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis.cooccurrence import MEASURES, Window, cooccurrence, window_keys
from analysis.schemas import Tables

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


# -- scoping: the rows of each table that the filters keep ---------------------------------


ARTICLE_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "n_sentences",
                   "tone"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "tone"]  # texts: analysis.texts
MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "label", "entity_id",
                   "place_id"]


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


def with_outlet(tables: Tables, frame: pd.DataFrame) -> pd.DataFrame:
    outlets = tables.articles.set_index("article_id")["outlet"]
    return frame.assign(outlet=frame["article_id"].map(outlets))


# -- corpus ------------------------------------------------------------------------------------


def corpus_counts(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """measure, value: articles, outlets, words, sentences, entities, places, rejects."""
    articles = scoped_articles(tables, filters)
    mentions = scoped_mentions(tables, filters, use_labels=False)
    values = {
        "articles": len(articles),
        "outlets": articles["outlet"].nunique(),
        "words": int(articles["n_words"].sum()),
        "sentences": len(scoped_sentences(tables, filters)),
        "entities": mentions["entity_id"].nunique(),
        "places": mentions["place_id"].dropna().nunique(),
        "rejects": len(tables.rejects),
    }
    return pd.DataFrame({"measure": list(values), "value": list(values.values())}).astype(
        {"measure": "string", "value": "int64"}
    )


def articles_view(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row per kept article: outlet, title, published, n_words, n_sentences, tone, id."""
    columns = ["outlet", "title", "published", "n_words", "n_sentences", "tone", "article_id"]
    articles = scoped_articles(tables, filters)[columns]
    return articles.sort_values(["outlet", "published", "title"], ignore_index=True)


def outlet_counts(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """outlet, n_articles, n_words; most articles first."""
    articles = scoped_articles(tables, filters)
    out = articles.groupby("outlet", as_index=False).agg(
        n_articles=("article_id", "count"), n_words=("n_words", "sum")
    )
    return out.sort_values(["n_articles", "outlet"], ascending=[False, True], ignore_index=True)


def filtered_table(tables: Tables, filters: Filters, *, name: str) -> pd.DataFrame:
    """A store table cut down to the rows behind the kept articles (counts stay corpus-wide)."""
    if name == "rejects":
        return tables.rejects
    if name in ("articles", "sentences", "mentions"):
        ids = scoped_articles(tables, filters)["article_id"]
        table = getattr(tables, name)
        return table[table["article_id"].isin(ids)].reset_index(drop=True)
    mentions = scoped_mentions(tables, filters)
    if name == "entities":
        return tables.entities[tables.entities["entity_id"].isin(mentions["entity_id"])]
    if name == "places":
        return tables.places[tables.places["place_id"].isin(mentions["place_id"].dropna())]
    raise ValueError(f"no table named {name!r}")


# -- places ------------------------------------------------------------------------------------


def _place_mentions_with_tone(tables: Tables, filters: Filters) -> pd.DataFrame:
    mentions = scoped_mentions(tables, filters, use_labels=False)
    mentions = with_outlet(tables, mentions[mentions["place_id"].notna()])
    return mentions.merge(tables.sentences[[*SENTENCE_KEYS, "tone"]], on=SENTENCE_KEYS)


def _sentence_mean_tone(mentions: pd.DataFrame, *, by: str) -> pd.Series:
    # a sentence naming Moscow twice says one thing about Moscow: count it once
    once = mentions.drop_duplicates([by, *SENTENCE_KEYS])
    return once.groupby(by)["tone"].mean()


def place_mentions(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Resolved places with n_mentions, n_articles, n_outlets, outlets and mean sentence tone."""
    mentions = _place_mentions_with_tone(tables, filters)
    grouped = mentions.groupby("place_id")
    stats = grouped.agg(
        n_mentions=("article_id", "size"),
        n_articles=("article_id", "nunique"),
        n_outlets=("outlet", "nunique"),
    )
    stats["outlets"] = grouped["outlet"].agg(lambda s: " | ".join(sorted(set(s)))).astype("string")
    stats["tone"] = _sentence_mean_tone(mentions, by="place_id")
    places = tables.places.merge(stats.reset_index(), on="place_id", how="inner")
    columns = ["place_id", "name", "kind", "country_code", "lat", "lon", "n_mentions",
               "n_articles", "n_outlets", "outlets", "tone"]
    return places[columns].sort_values(["n_mentions", "name"], ascending=[False, True],
                                       ignore_index=True)


def country_mentions(
    tables: Tables, filters: Filters = NO_FILTERS, *, countries: pd.DataFrame
) -> pd.DataFrame:
    """Mentions per country, its own name and its places together, for a choropleth.

    `countries` maps country_code to iso3 and country (see `analysis.geo.country_codes`).
    Columns: country_code, iso3, country, n_mentions, n_places, tone.
    """
    mentions = _place_mentions_with_tone(tables, filters)
    mentions = mentions.merge(tables.places[["place_id", "country_code"]], on="place_id")
    mentions = mentions[mentions["country_code"].notna()]
    grouped = mentions.groupby("country_code")
    stats = grouped.agg(n_mentions=("place_id", "size"), n_places=("place_id", "nunique"))
    stats["tone"] = _sentence_mean_tone(mentions, by="country_code")
    out = countries.merge(stats.reset_index(), on="country_code", how="inner")
    columns = ["country_code", "iso3", "country", "n_mentions", "n_places", "tone"]
    return out[columns].sort_values(["n_mentions", "country"], ascending=[False, True],
                                    ignore_index=True)


# -- entities ----------------------------------------------------------------------------------


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


def top_entities_by_outlet(
    tables: Tables, filters: Filters = NO_FILTERS, *, top: int = 15
) -> pd.DataFrame:
    """The `top` entities by mentions, one row per (entity, outlet) with its n_mentions."""
    mentions = with_outlet(tables, scoped_mentions(tables, filters,
                                                   columns=["article_id", "entity_id"]))
    leaders = leading_entities(tables, mentions, top=top)
    mentions = mentions[mentions["entity_id"].isin(leaders["entity_id"])]
    per_outlet = mentions.groupby(["entity_id", "outlet"]).size().rename("n_mentions")
    out = leaders[["entity_id", "name", "label", "n_mentions"]].rename(
        columns={"n_mentions": "total_mentions"}
    ).merge(per_outlet.reset_index(), on="entity_id")
    columns = ["name", "label", "outlet", "n_mentions", "total_mentions", "entity_id"]
    return out[columns].sort_values(
        ["total_mentions", "name", "outlet"], ascending=[False, True, True], ignore_index=True
    )


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
