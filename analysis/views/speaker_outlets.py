"""Quotes per source (`by_source`) by speaker and by kind, and the source views that add up from
them: who speaks in each outlet's coverage and how each outlet quotes. On 37,554 articles a
change of outlets then adds up rows instead of finding 473,288 quotes and their speakers again.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.tables import Tables
from analysis.views.by_source import chosen, source_columns, sum_by_category, with_source
from analysis.views.numbered import among_top, distinct_per, numbered_pairs
from analysis.views.outlets import pooled_outlets
from analysis.views.quoted import scoped_quotes
from analysis.views.scope import NO_FILTERS, Filters, as_compared, in_set


class SpeakerCounts(NamedTuple):
    """`speakers`: outlet, unknown, speaker_key (missing for quotes without a speaker),
    n_quotes, n_articles; `names`: outlet, unknown, speaker_key, speaker_name and how many of
    the speaker's quotes give that name (n)."""

    speakers: pd.DataFrame
    names: pd.DataFrame


def speaker_outlet_counts(tables: Tables, filters: Filters = NO_FILTERS, *,
                          kinds: tuple[str, ...] = ()) -> SpeakerCounts:
    """Quotes (of `kinds` when given) within the filters per source and speaker."""
    quotes, outlets = with_source(tables, scoped_quotes(tables, filters, kinds=kinds))
    speaker, keys = pd.factorize(quotes["speaker_key"])
    # quotes without a speaker are counted too, as speaker 0 (the outlet's quotes in all)
    codes, pair_source, pair_speaker = numbered_pairs(quotes["source"].to_numpy(), speaker + 1,
                                                      len(keys) + 1)
    speakers = pd.DataFrame(source_columns(pair_source, outlets) | {
        "speaker_key": pd.Categorical.from_codes(pair_speaker - 1, categories=keys),
        "n_quotes": np.bincount(codes, minlength=len(pair_source)).astype(np.int64),
        "n_articles": distinct_per(codes, quotes["article_id"], len(pair_source)),
    })
    name, names = pd.factorize(quotes["speaker_name"])
    named = (speaker >= 0) & (name >= 0)
    # each speaker's names per source: its (source, speaker) pair's number, then the name
    name_codes, pair, name_of = numbered_pairs(codes[named], name[named], len(names))
    return SpeakerCounts(speakers, pd.DataFrame(source_columns(pair_source[pair], outlets) | {
        "speaker_key": pd.Categorical.from_codes(pair_speaker[pair] - 1, categories=keys),
        "speaker_name": pd.Categorical.from_codes(name_of, categories=names),
        "n": np.bincount(name_codes, minlength=len(pair)).astype(np.int64),
    }))


def speakers_of(tables: Tables, counts: SpeakerCounts, filters: Filters, *, top: int = 15,
                shown: int | None = None) -> pd.DataFrame:
    """`sources.speakers_by_outlet` of the filters' outlets, from their
    `speaker_outlet_counts`."""
    rows = _compared(tables, filters, counts.speakers, shown=shown)
    per_outlet = rows.groupby("outlet")["n_quotes"].sum().rename("outlet_quotes")
    spoken = rows[rows["speaker_key"].notna()]
    # in key order, as a groupby by key gives them: ties in quotes and name stay in it
    totals = sum_by_category(spoken["speaker_key"], spoken["n_quotes"], "string").sort_index()
    totals = totals.rename_axis("speaker_key").rename("total_quotes")
    # the top and every one tied with the last: named, then cut
    totals = totals[among_top(totals.to_numpy(), top)]
    names = _most_frequent(chosen(counts.names, filters, comparing=True), totals.index)
    totals = totals.reset_index()
    totals["speaker"] = totals["speaker_key"].map(names).astype("string")
    leaders = totals.sort_values(["total_quotes", "speaker"], ascending=[False, True]).head(top)
    led = spoken[in_set(spoken["speaker_key"], leaders["speaker_key"])]
    per_pair = (led.astype({"speaker_key": "string"})
                .groupby(["speaker_key", "outlet"])[["n_quotes", "n_articles"]].sum()
                .reset_index())
    out = per_pair.merge(leaders, on="speaker_key").merge(per_outlet.reset_index(), on="outlet")
    out["share"] = out["n_quotes"] / out["outlet_quotes"]
    columns = ["speaker", "outlet", "n_quotes", "share", "outlet_quotes", "n_articles",
               "total_quotes", "speaker_key"]
    return out[columns].sort_values(["total_quotes", "speaker", "n_quotes", "outlet"],
                                    ascending=[False, True, False, True], ignore_index=True)


def _compared(tables: Tables, filters: Filters, counts: pd.DataFrame, *,
              shown: int | None) -> pd.DataFrame:
    """The rows of the outlets compared (`chosen`), each under the name it is compared under
    (its group), those beyond the leading `shown` pooled."""
    rows = chosen(counts, filters, comparing=True)
    rows = as_compared(tables, filters, rows.astype({"outlet": "string"}))
    return pooled_outlets(tables, filters, rows, shown=shown)


def _most_frequent(names: pd.DataFrame, keys: pd.Index) -> pd.Series:
    """Each of `keys`' most frequent speaker_name over the `names` rows, the first in sorting
    order on a tie (as Series.mode)."""
    names = names[in_set(names["speaker_key"], keys)]
    names = names.astype({"speaker_key": "string", "speaker_name": "string"})
    counts = names.groupby(["speaker_key", "speaker_name"])["n"].sum().reset_index()
    counts = counts.sort_values(["speaker_key", "n", "speaker_name"],
                                ascending=[True, False, True])
    return counts.drop_duplicates("speaker_key").set_index("speaker_key")["speaker_name"]


def kind_outlet_counts(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Quotes within the filters per source and kind: outlet, unknown, kind, n_quotes."""
    quotes, outlets = with_source(tables, scoped_quotes(tables, filters))
    kind, kinds = pd.factorize(quotes["kind"])
    known = kind >= 0
    codes, pair_source, pair_kind = numbered_pairs(quotes["source"].to_numpy()[known],
                                                   kind[known], len(kinds))
    return pd.DataFrame(source_columns(pair_source, outlets) | {
        "kind": pd.array(np.asarray(kinds)[pair_kind], dtype=quotes["kind"].dtype),
        "n_quotes": np.bincount(codes, minlength=len(pair_source)).astype(np.int64),
    })


def quotes_by_kind_of(tables: Tables, counts: pd.DataFrame, filters: Filters, *,
                      shown: int | None = None) -> pd.DataFrame:
    """`sources.quotes_by_kind` of the filters' outlets, from their `kind_outlet_counts`."""
    rows = _compared(tables, filters, counts, shown=shown)
    out = rows.groupby(["outlet", "kind"])["n_quotes"].sum().reset_index()
    out["share"] = out["n_quotes"] / out.groupby("outlet")["n_quotes"].transform("sum")
    return out.sort_values(["outlet", "kind"], ignore_index=True)
