"""Place views: each resolved place and each country with its mentions and tone, for the map."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.tables import Tables, sorted_unique
from analysis.views.by_source import chosen
from analysis.views.joined import join_runs
from analysis.views.numbered import (
    distinct_per,
    numbered_pairs,
    sentence_numbers,
    sum_per_sentence,
)
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


class PlaceCounts(NamedTuple):
    """The map's counts, outlet by outlet (`outlet` missing for articles without one):
    `places` (outlet, place_id, n_mentions, n_articles, tone_sum, n_toned) and `countries`
    (outlet, country_code, n_mentions, tone_sum, n_toned), each tone summed over the pair's
    distinct sentences. An article, and so each of its sentences, belongs to one outlet: the
    figures of any set of outlets add up from their rows (`places_and_countries_of`)."""

    places: pd.DataFrame
    countries: pd.DataFrame


def place_outlet_counts(tables: Tables, filters: Filters = NO_FILTERS, *,
                        embedded: bool = False) -> PlaceCounts:
    """Each outlet's counts of the places and countries named within the filters (places
    inside organisation names only with `embedded`)."""
    mentions = _place_mentions_with_tone(tables, filters, embedded)
    outlet, outlets = pd.factorize(mentions["outlet"], use_na_sentinel=False)
    sentences = sentence_numbers(mentions)
    tone = mentions["tone"].to_numpy(dtype=float)
    place_country = tables.places.set_index("place_id")["country_code"]
    places = _per_outlet(outlet, outlets, mentions["place_id"], sentences, tone,
                         articles=mentions["article_id"])
    countries = _per_outlet(outlet, outlets, mentions["place_id"].map(place_country),
                            sentences, tone)
    return PlaceCounts(places, countries.rename(columns={"place_id": "country_code"}))


def _per_outlet(outlet: np.ndarray, outlets: pd.Index, values: pd.Series, sentences: np.ndarray,
                tone: np.ndarray, *, articles: pd.Series | None = None) -> pd.DataFrame:
    """outlet, place_id (the value counted), n_mentions, [n_articles,] tone_sum, n_toned per
    outlet and value; rows of a missing value left out."""
    value, uniques = pd.factorize(values)
    named = value >= 0
    cell = np.full(len(value), -1, dtype=np.int64)
    cell[named], pair_outlet, pair_value = numbered_pairs(outlet[named], value[named],
                                                          len(uniques))
    n = len(pair_outlet)
    tone_sum, n_toned = sum_per_sentence(cell, sentences, tone, n)
    counts = {"outlet": outlets.take(pair_outlet), "place_id": uniques.take(pair_value),
              "n_mentions": np.bincount(cell[named], minlength=n)}
    if articles is not None:
        counts["n_articles"] = distinct_per(cell, articles, n)
    return pd.DataFrame(counts | {"tone_sum": tone_sum, "n_toned": n_toned})


def places_and_countries_of(tables: Tables, counts: PlaceCounts, filters: Filters, *,
                            countries: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`place_mentions`, `country_mentions`) of the filters' outlets (every outlet counted
    when none is chosen) from their `place_outlet_counts`: a change of outlets adds up a few
    thousand rows instead of finding the placed mentions again (on 37,554 articles, most of
    the map's time)."""
    found = _place_rows(tables, chosen(counts.places, filters, comparing=False))
    return found, _country_rows(found, chosen(counts.countries, filters, comparing=False),
                                countries)


def place_mentions(tables: Tables, filters: Filters = NO_FILTERS, *,
                   embedded: bool = False) -> pd.DataFrame:
    """Resolved places: name, kind, n_mentions, mean sentence tone, then n_articles, n_outlets,
    outlets, where (country_code, lat, lon) and place_id; most mentioned first (places inside
    organisation names only with `embedded`)."""
    return _place_rows(tables, place_outlet_counts(tables, filters, embedded=embedded).places)


def _place_rows(tables: Tables, rows: pd.DataFrame) -> pd.DataFrame:
    place, place_ids = pd.factorize(rows["place_id"])
    n = len(place_ids)

    def total(column: str) -> np.ndarray:
        return np.bincount(place, weights=rows[column].to_numpy(dtype=float), minlength=n)

    with np.errstate(invalid="ignore", divide="ignore"):
        tone = total("tone_sum") / total("n_toned")
    stats = pd.DataFrame({
        "place_id": np.asarray(place_ids, dtype=np.int64),
        "n_mentions": total("n_mentions").astype(np.int64),
        "n_articles": total("n_articles").astype(np.int64),
        "n_outlets": np.bincount(place[rows["outlet"].notna().to_numpy()], minlength=n),
        "outlets": _outlets_of(place, rows["outlet"], n),
        "tone": tone,
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
    return places_and_countries(tables, filters, countries=countries, embedded=embedded)[1]


def places_and_countries(
    tables: Tables, filters: Filters = NO_FILTERS, *, countries: pd.DataFrame,
    embedded: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`place_mentions`, `country_mentions`) from one pass over the placed mentions: the map
    shows both, and finding them is most of each view's time."""
    counts = place_outlet_counts(tables, filters, embedded=embedded)
    return places_and_countries_of(tables, counts, filters, countries=countries)


def _country_rows(found: pd.DataFrame, rows: pd.DataFrame,
                  countries: pd.DataFrame) -> pd.DataFrame:
    """Per country: its own and its places' mentions (`rows`: the countries of
    `place_outlet_counts`), its places among `found`, and the mean tone of the sentences naming
    it or them."""
    sums = rows.groupby("country_code", sort=False)[["n_mentions", "tone_sum", "n_toned"]].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        tone = sums["tone_sum"].to_numpy(dtype=float) / sums["n_toned"].to_numpy(dtype=float)
    stats = pd.DataFrame({
        "country_code": sums.index.astype(found["country_code"].dtype),
        "n_mentions": sums["n_mentions"].to_numpy(dtype=np.int64),
        "n_places": found.groupby("country_code").size().reindex(sums.index, fill_value=0)
                         .to_numpy(dtype=np.int64),
        "tone": tone,
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
