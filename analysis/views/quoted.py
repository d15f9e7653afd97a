"""The quotes within the filters, each with its outlet and its speaker's key: what every source
view counts or lists (`sources`, `speaker_outlets`)."""

from __future__ import annotations

import pandas as pd

from analysis.sources import PRONOUNS
from analysis.tables import Tables
from analysis.views.scope import NO_FILTERS, Filters, in_kept_articles, with_outlet


def speaker_keys(quotes: pd.DataFrame) -> pd.Series:
    """Each quote's speaker key: its entity id, else "name:" and its name in lower case ("the
    critics" and "The critics" are one); NA for no speaker, or a pronoun no rule resolved."""
    names = quotes["speaker_name"].astype("string").str.lower()
    by_name = ("name:" + names).where(~names.isin(list(PRONOUNS)))
    return quotes["speaker_entity_id"].astype("string").fillna(by_name.astype("string"))


def scoped_quotes(tables: Tables, filters: Filters = NO_FILTERS, *,
                  kinds: tuple[str, ...] = (), comparing: bool = False,
                  rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes of the kept articles (of `kinds` when given), with outlet and speaker_key;
    `comparing`: for a comparison of outlets (articles of unknown outlet left out unless the
    filters bring them in); `rows`: only these rows of the quotes table."""
    quotes = tables.quotes if rows is None else rows
    quotes = in_kept_articles(tables, filters, quotes.drop(columns=["text"], errors="ignore"),
                              comparing=comparing)
    if kinds:
        quotes = quotes[quotes["kind"].isin(list(kinds))]
    quotes = with_outlet(tables, quotes, filters if comparing else None)
    return quotes.assign(outlet=quotes["outlet"].astype("string"),
                         speaker_key=speaker_keys(quotes))
