"""What the app keeps between reruns: a store's tables, the views over them, figures, CSV bytes.

The tables are loaded once per store version and shared by every session; views (in a cache
bounded by size: dashboard.view_cache), figures and CSV bytes are cached per argument, so a
rerun never repeats work and a filter change recomputes only the views it touches.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import os
from collections.abc import Callable, Hashable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.places import country_codes
from analysis.tables import (
    StoreTexts,
    Tables,
    article_text,
    csv_bytes,
    read_manifest,
    whole_rows,
)
from analysis.tables.compact import TERM_TABLES, load_compact, load_compact_terms
from analysis.tables.term_index import TermIndex, load_term_index
from analysis.views import Filters
from analysis.views.corpus import filtered_table
from analysis.views.distinctive import MIN_ARTICLES
from dashboard import allocator, session
from dashboard.builds import StoreRef
from dashboard.view_cache import Result, SizedCache

allocator.return_freed_memory()


# A resource, not cache_data: cache_data would unpickle every table (125 MB for a 5,000-article
# store, 0.2 s) on each view it computes, per session. The tables are read-only by contract:
# views are pure functions that never modify their inputs, and pages only read them.
@st.cache_resource(show_spinner=False, max_entries=2)
def load_tables(ref: StoreRef) -> Tables:
    """The store's tables in narrow dtypes, without texts (views read theirs: StoreTexts) and
    without the per-article terms, which only the Compare page needs (`term_index_of`)."""
    return load_compact(Path(ref.path), terms=False, on_demand=True)


@st.cache_resource(show_spinner=False, max_entries=1)
def term_index_of(ref: StoreRef) -> TermIndex:
    """The per-article terms that enough articles use to be compared, indexed by term: on
    37,554 articles 100 MB of the 630 MB stored (270 MB as compact frames), read in about 4 s
    when a page first compares words, not at start."""
    return load_term_index(Path(ref.path), min_articles=MIN_ARTICLES)


def current_tables() -> Tables:
    return load_tables(session.current_store())


@st.cache_data(show_spinner=False, max_entries=4)
def load_manifest(ref: StoreRef) -> dict:
    return read_manifest(Path(ref.path))


@st.cache_data(show_spinner=False)
def countries() -> pd.DataFrame:
    return country_codes()


# MB of view results the server keeps for every session (COVERAGE_LENS_VIEW_CACHE_MB): a
# session that visits every page of a 37,554-article store and changes its filters keeps about
# 100 MB of them; past 128 MB a server of that store would leave the 1 GB a shared link gets
VIEW_CACHE_MB = float(os.environ.get("COVERAGE_LENS_VIEW_CACHE_MB", "128"))


@st.cache_resource(show_spinner=False)
def _views() -> SizedCache:
    return SizedCache(int(VIEW_CACHE_MB * 2**20))


def _cached_view(function: Callable[..., Result], filters: Filters | None,
                 options: dict[str, object], *, terms: bool) -> Result:
    ref = session.current_store()
    filters = filters if filters is not None else session.current_filters()

    def compute() -> Result:
        if terms:
            return function(load_tables(ref), filters, terms=term_index_of(ref), **options)
        return function(load_tables(ref), filters, **options)

    key = (function.__module__, function.__qualname__, ref, filters, _options_key(options), terms)
    return _views().get(key, compute)


def _options_key(options: dict[str, object]) -> Hashable:
    return tuple(sorted((name, _hashable(value)) for name, value in options.items()))


def _hashable(option: object) -> Hashable:
    """An option as part of a cache key: a frame (the countries table) by its content."""
    if isinstance(option, pd.DataFrame):
        rows = pd.util.hash_pandas_object(option, index=True).to_numpy().tobytes()
        return ("frame", tuple(option.columns), hashlib.sha256(rows).hexdigest())
    return option


def view(function: Callable[..., Result], filters: Filters | None = None,
         **options: object) -> Result:
    """`function(tables, filters, **options)` on the current store, cached per arguments (a
    frame, or the frames a view finds together).

    Views that show texts take `texts=StoreTexts(ref.path)` among the options.
    """
    return _cached_view(function, filters, options, terms=False)


def outlet_view(count: Callable[..., Result], combine: Callable[..., Result],
                filters: Filters | None = None, *, count_options: dict[str, object] | None = None,
                **options: object) -> Result:
    """A view whose figures add up outlet by outlet (`places.places_and_countries_of`,
    `entity_outlets.top_entities_of`, ...): `count(tables, filters, **count_options)` is found
    once over every outlet the other filters keep, then each choice of outlets only adds up its
    rows, `combine(tables, counts, filters, **options)`. Both are kept like `view`'s."""
    filters = filters if filters is not None else session.current_filters()
    count_options = count_options or {}
    counts = view(count, dataclasses.replace(filters, outlets=()), **count_options)
    ref = session.current_store()
    key = (combine.__module__, combine.__qualname__, ref, filters, _options_key(count_options),
           _options_key(options))
    return _views().get(key, lambda: combine(load_tables(ref), counts, filters, **options))


def term_view(function: Callable[..., pd.DataFrame], filters: Filters | None = None,
              **options: object) -> pd.DataFrame:
    """`view` of a function that counts the stored per-article terms (distinctive words): it
    takes them as `terms` (`term_index_of`)."""
    return _cached_view(function, filters, options, terms=True)


# A resource: the page only hands the figure to st.plotly_chart, which copies it. Building
# one is slow on large views (plotly validates every value), so a rerun reuses it.
@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_figure(module: str, name: str, frames: tuple[pd.DataFrame, ...],
                   options: tuple[tuple[str, object], ...]) -> go.Figure:
    function = getattr(importlib.import_module(module), name)
    return function(*frames, **dict(options))


def figure(function: Callable[..., go.Figure], *frames: pd.DataFrame,
           **options: object) -> go.Figure:
    """`function(*frames, **options)`, built once per distinct input."""
    return _cached_figure(function.__module__, function.__name__, frames,
                          tuple(sorted(options.items())))


@st.cache_data(show_spinner=False, max_entries=256)
def csv_for(df: pd.DataFrame) -> bytes:
    """Formula-safe CSV bytes of exactly `df`."""
    return csv_bytes(df)


@st.cache_data(show_spinner=False, max_entries=64)
def article_text_of(ref: StoreRef, article_id: str) -> str:
    """One article's text, read from the store once."""
    return article_text(load_tables(ref), article_id, texts=StoreTexts(ref.path))


def _whole_tables(ref: StoreRef, name: str) -> Tables:
    """The tables to read store table `name` from whole: with every term (not only those the
    Compare page loads) when it is a term table."""
    return _with_every_term(ref) if name in TERM_TABLES else load_tables(ref)


# read once for the Data page's counts, preview and CSV, and let go a few minutes after: on
# 37,554 articles every term is 630 MB
@st.cache_resource(show_spinner=False, max_entries=1, ttl=300)
def _with_every_term(ref: StoreRef) -> Tables:
    return _with_terms(load_tables(ref), load_compact_terms(Path(ref.path)))


def _with_terms(tables: Tables, terms: dict[str, pd.DataFrame]) -> Tables:
    return Tables(**(dict(tables.items()) | terms))


@st.cache_data(show_spinner=False, max_entries=16)
def table_rows(ref: StoreRef, name: str, filters: Filters) -> int:
    """How many rows of a store table the filters keep."""
    return len(filtered_table(_whole_tables(ref, name), filters, name=name))


# a preview's texts are cut to this many characters: 1,000 whole articles were 6 MB to send
# on every filter change; the downloads hold them whole
PREVIEW_CHARS = 300


@st.cache_data(show_spinner=False, max_entries=16)
def table_preview(ref: StoreRef, name: str, filters: Filters, rows: int) -> pd.DataFrame:
    """The first `rows` rows of a store table cut to the filters, texts included, each cut to
    PREVIEW_CHARS characters (an ellipsis marks a cut)."""
    tables = _whole_tables(ref, name)
    shown = whole_rows(tables, name, filtered_table(tables, filters, name=name).head(rows),
                       texts=StoreTexts(ref.path))
    if "text" in shown.columns:
        long = shown["text"].str.len() > PREVIEW_CHARS
        shown["text"] = shown["text"].where(~long, shown["text"].str.slice(0, PREVIEW_CHARS)
                                            + "…")
    return shown


@st.cache_data(show_spinner=False, max_entries=16)
def table_csv(ref: StoreRef, name: str, filters: Filters) -> bytes:
    """CSV of one store table, whole (Filters()) or cut to the filters."""
    tables = _whole_tables(ref, name)
    return csv_bytes(whole_rows(tables, name, filtered_table(tables, filters, name=name),
                                texts=StoreTexts(ref.path)))
