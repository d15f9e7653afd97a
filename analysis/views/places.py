"""Place views: each resolved place and each country with its mentions and tone, for the map."""

from __future__ import annotations

import pandas as pd

from analysis.tables import Tables
from analysis.views.joined import join_runs
from analysis.views.scope import (
    NO_FILTERS,
    SENTENCE_KEYS,
    Filters,
    placed_mentions,
    with_outlet,
)
from analysis.views.sentence_lookup import with_sentence_columns


def _place_mentions_with_tone(tables: Tables, filters: Filters, embedded: bool) -> pd.DataFrame:
    mentions = with_outlet(tables, placed_mentions(tables, filters, embedded=embedded,
                                                   columns=[*SENTENCE_KEYS, "place_id"]))
    return with_sentence_columns(tables, mentions, ["tone"])


def _sentence_mean_tone(mentions: pd.DataFrame, *, by: str) -> pd.Series:
    # a sentence naming Moscow twice says one thing about Moscow: count it once
    once = mentions.drop_duplicates([by, *SENTENCE_KEYS])
    return once.groupby(by)["tone"].mean()


def _joined(keys: pd.Series, values: pd.Series) -> pd.Series:
    """The distinct `values` of each key, sorted and joined by " | ", indexed by key."""
    pairs = pd.DataFrame({"key": keys.to_numpy(), "value": values.astype(str).to_numpy()})
    pairs = pairs.drop_duplicates().sort_values(["key", "value"])
    key, joined = join_runs(pairs["key"].to_numpy(), pairs["value"].to_numpy(), " | ")
    return pd.Series(joined, index=pd.Index(key, name=keys.name), dtype="string")


def place_mentions(tables: Tables, filters: Filters = NO_FILTERS, *,
                   embedded: bool = False) -> pd.DataFrame:
    """Resolved places: name, kind, n_mentions, mean sentence tone, then n_articles, n_outlets,
    outlets, where (country_code, lat, lon) and place_id; most mentioned first (places inside
    organisation names only with `embedded`)."""
    return _place_rows(tables, _place_mentions_with_tone(tables, filters, embedded))


def _place_rows(tables: Tables, mentions: pd.DataFrame) -> pd.DataFrame:
    grouped = mentions.groupby("place_id")
    stats = grouped.agg(
        n_mentions=("article_id", "size"),
        n_articles=("article_id", "nunique"),
        n_outlets=("outlet", "nunique"),
    )
    stats["outlets"] = _joined(mentions["place_id"], mentions["outlet"])
    stats["tone"] = _sentence_mean_tone(mentions, by="place_id")
    places = tables.places.merge(stats.reset_index(), on="place_id", how="inner")
    columns = ["name", "kind", "n_mentions", "tone", "n_articles", "n_outlets", "outlets",
               "country_code", "lat", "lon", "place_id"]
    return places[columns].sort_values(["n_mentions", "name"], ascending=[False, True],
                                       ignore_index=True)


def country_mentions(
    tables: Tables, filters: Filters = NO_FILTERS, *, countries: pd.DataFrame,
    embedded: bool = False,
) -> pd.DataFrame:
    """Mentions per country, its own name and its places together, for a choropleth.

    `countries` maps country_code to iso3 and country (see `analysis.geo.country_codes`).
    Columns: country_code, iso3, country, n_mentions, n_places, tone.
    """
    return _country_rows(tables, _place_mentions_with_tone(tables, filters, embedded),
                         countries)


def places_and_countries(
    tables: Tables, filters: Filters = NO_FILTERS, *, countries: pd.DataFrame,
    embedded: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`place_mentions`, `country_mentions`) from one pass over the placed mentions: the map
    shows both, and finding them is most of each view's time."""
    mentions = _place_mentions_with_tone(tables, filters, embedded)
    return _place_rows(tables, mentions), _country_rows(tables, mentions, countries)


def _country_rows(tables: Tables, mentions: pd.DataFrame,
                  countries: pd.DataFrame) -> pd.DataFrame:
    mentions = mentions.merge(tables.places[["place_id", "country_code"]], on="place_id")
    mentions = mentions[mentions["country_code"].notna()]
    grouped = mentions.groupby("country_code")
    stats = grouped.agg(n_mentions=("place_id", "size"), n_places=("place_id", "nunique"))
    stats["tone"] = _sentence_mean_tone(mentions, by="country_code")
    out = countries.merge(stats.reset_index(), on="country_code", how="inner")
    columns = ["country_code", "iso3", "country", "n_mentions", "n_places", "tone"]
    return out[columns].sort_values(["n_mentions", "country"], ascending=[False, True],
                                    ignore_index=True)


def place_labels(tables: Tables, filters: Filters = NO_FILTERS, *,
                 embedded: bool = False) -> pd.DataFrame:
    """place_id, name and "name (country) · N mentions" of every place within the filters."""
    return labelled(place_mentions(tables, filters, embedded=embedded))


def labelled(found: pd.DataFrame) -> pd.DataFrame:
    """`place_labels` of the rows of `place_mentions`."""
    where = found["country_code"].fillna("").where(found["country_code"].fillna("") != "",
                                                   found["kind"])
    label = (found["name"].astype(str) + " (" + where.astype(str) + ") · "
             + found["n_mentions"].astype(str) + " mentions")
    return pd.DataFrame({"place_id": found["place_id"].astype("int64"), "name": found["name"],
                         "label": label.astype("string")})
