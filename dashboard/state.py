"""The app's data: the store's tables, the views over them, the filters in force.

The store is opened (built on the first start) by dashboard.builds. Its tables are loaded once
per store version and shared; the views computed from them and CSV bytes are `st.cache_data`,
so a rerun never repeats NLP work and a filter change recomputes only the views it touches.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import store, texts
from analysis.geo import country_codes
from analysis.safety import csv_bytes
from analysis.schemas import Tables
from analysis.views import Filters, filtered_table
from dashboard.builds import StoreRef, open_store

# -- cached data -------------------------------------------------------------------------------


# A resource, not cache_data: cache_data would unpickle every table (125 MB for a 5,000-article
# store, 0.2 s) on each view it computes, per session. The tables are read-only by contract:
# views are pure functions that never modify their inputs, and pages only read them.
@st.cache_resource(show_spinner=False, max_entries=2)
def load_tables(ref: StoreRef) -> Tables:
    return store.load(Path(ref.path), texts=False)  # texts are read per view: analysis.texts


@st.cache_data(show_spinner=False, max_entries=4)
def load_manifest(ref: StoreRef) -> dict:
    return store.read_manifest(Path(ref.path))


@st.cache_data(show_spinner=False)
def countries() -> pd.DataFrame:
    return country_codes()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_view(module: str, name: str, ref: StoreRef, filters: Filters,
                 options: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    function = getattr(importlib.import_module(module), name)
    return function(load_tables(ref), filters, **dict(options))


def view(function: Callable[..., pd.DataFrame], filters: Filters | None = None,
         **options: object) -> pd.DataFrame:
    """`function(tables, filters, **options)` on the current store, cached per arguments."""
    options_key = tuple(sorted(options.items()))
    return _cached_view(function.__module__, function.__name__, current_store(),
                        filters if filters is not None else current_filters(), options_key)


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
def article_text(ref: StoreRef, article_id: str) -> str:
    """One article's text, read from the store once (analysis.texts)."""
    return texts.article_text(load_tables(ref), article_id)


@st.cache_data(show_spinner=False, max_entries=16)
def table_preview(ref: StoreRef, name: str, filters: Filters, rows: int) -> pd.DataFrame:
    """The first `rows` rows of a store table cut to the filters, texts included."""
    tables = load_tables(ref)
    return texts.whole_rows(tables, name, filtered_table(tables, filters, name=name).head(rows))


@st.cache_data(show_spinner=False, max_entries=16)
def table_csv(ref: StoreRef, name: str, filters: Filters) -> bytes:
    """CSV of one store table, whole (Filters()) or cut to the filters."""
    tables = load_tables(ref)
    return csv_bytes(texts.whole_rows(tables, name, filtered_table(tables, filters, name=name)))


def ensure_entrypoint() -> None:
    """Make sure a page runs inside app.py (sidebar, filters), never on its own.

    Streamlit treats an app beside a `pages/` folder as a legacy multipage app until some
    run calls st.navigation. So on a cold server a deep link (/map) or an AppTest rerun can
    execute the page script alone. Switching the process to st.navigation and rerunning goes
    through app.py and lands on the same page (its hash comes from the same url path).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


# -- session -----------------------------------------------------------------------------------

FILTERS_KEY = "filters"
MAP_PLACE_KEY = "map_place"  # the place the Map page lists sentences for


ACTIVE_STORE_KEY = "active_store"  # this session's store: the default one or its own upload


def current_store() -> StoreRef:
    # the session's choice (set by app.py each run); else the default store, process-wide,
    # so a rebuild of the default corpus in one session is seen by every other
    ref = st.session_state.get(ACTIVE_STORE_KEY)
    return ref if ref is not None else open_store()


def current_tables() -> Tables:
    return load_tables(current_store())


def current_filters() -> Filters:
    return st.session_state.get(FILTERS_KEY, Filters())
