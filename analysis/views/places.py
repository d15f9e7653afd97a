"""Place views: each resolved place and each country with its mentions and tone, for the map."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables, sorted_unique
from analysis.views.joined import join_runs
from analysis.views.numbered import distinct_per, mean_per_sentence, sentence_numbers
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


def place_mentions(tables: Tables, filters: Filters = NO_FILTERS, *,
                   embedded: bool = False) -> pd.DataFrame:
    """Resolved places: name, kind, n_mentions, mean sentence tone, then n_articles, n_outlets,
    outlets, where (country_code, lat, lon) and place_id; most mentioned first (places inside
    organisation names only with `embedded`)."""
    return _place_rows(tables, _place_mentions_with_tone(tables, filters, embedded))


def _place_rows(tables: Tables, mentions: pd.DataFrame) -> pd.DataFrame:
    place, place_ids = pd.factorize(mentions["place_id"])
    n = len(place_ids)
    stats = pd.DataFrame({
        "place_id": np.asarray(place_ids, dtype=np.int64),
        "n_mentions": np.bincount(place, minlength=n),
        "n_articles": distinct_per(place, mentions["article_id"], n),
        "n_outlets": distinct_per(place, mentions["outlet"], n),
        "outlets": _outlets_of(place, mentions["outlet"], n),
        "tone": mean_per_sentence(place, sentence_numbers(mentions),
                                  mentions["tone"].to_numpy(dtype=float), n),
    })
    places = tables.places.merge(stats, on="place_id", how="inner")
    columns = ["name", "kind", "n_mentions", "tone", "n_articles", "n_outlets", "outlets",
               "country_code", "lat", "lon", "place_id"]
    return places[columns].sort_values(["n_mentions", "name"], ascending=[False, True],
                                       ignore_index=True)


def _outlets_of(place: np.ndarray, outlets: pd.Series, n: int) -> pd.Series:
    """Per place 0 .. n-1, the distinct outlets naming it, sorted and joined by " | "."""
    outlet, names = pd.factorize(outlets, sort=True)
    both = outlet >= 0
    width = max(len(names), 1)
    pairs = sorted_unique(place[both].astype(np.int64) * width + outlet[both])
    key, joined = join_runs(pairs // width, np.asarray(names.astype(str), dtype=object)[
        pairs % width], " | ")
    out = np.full(n, None, dtype=object)
    out[key] = joined
    return pd.Series(out, dtype="string")


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
    place_country = tables.places.set_index("place_id")["country_code"]
    country_of = mentions["place_id"].map(place_country)
    country, codes = pd.factorize(country_of)
    n = len(codes)
    stats = pd.DataFrame({
        "country_code": pd.Series(codes, dtype=place_country.dtype),
        "n_mentions": np.bincount(country[country >= 0], minlength=n),
        "n_places": distinct_per(country, mentions["place_id"], n),
        "tone": mean_per_sentence(country, sentence_numbers(mentions),
                                  mentions["tone"].to_numpy(dtype=float), n),
    })
    out = countries.merge(stats, on="country_code", how="inner")
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
