"""This visitor's session: every session-state key of the app, and the current store and filters.

Every key is here, prefixed by the page or feature that owns it, so no two features can share
one and none clears another's. Widgets that take a `key` take one of these.
"""

from __future__ import annotations

import streamlit as st

from analysis.tables import StoreTexts
from analysis.views import Filters
from dashboard.builds import StoreRef, open_store

# -- the session as a whole: its store and its filters ------------------------------------------
ACTIVE_STORE = "session_store"  # StoreRef: the default store or this session's upload
FILTERS = "session_filters"  # Filters the sidebar set this run
REBUILD = "session_rebuild"  # True once "Rebuild the store" was pressed

# -- sidebar ----------------------------------------------------------------------------------
SIDEBAR_OUTLETS = "sidebar_outlets"
SIDEBAR_DATES = "sidebar_dates"
SIDEBAR_UNKNOWN = "sidebar_unknown"  # include articles whose outlet is unknown
SIDEBAR_REBUILD = "sidebar_rebuild"
SIDEBAR_COMPARE_BY = "sidebar_compare_by"  # "outlet" or "group" (Filters.compare_by)
SIDEBAR_OUTLETS_SHOWN = "sidebar_outlets_shown"  # outlets a chart draws, the rest pooled

# -- bring your own corpus (dashboard.uploads) ----------------------------------------------------
UPLOAD_WIDGET = "upload_widget"  # the file uploader
UPLOAD_FILES = "upload_files"  # list[Upload]: what the uploader holds, as bytes
UPLOAD_CHOICE = "upload_choice"  # "Default corpus" or "My upload"
UPLOAD_STORE = "upload_store"  # StoreRef of this session's uploaded corpus
UPLOAD_REPORT = "upload_report"  # DataFrame: one line per input
UPLOAD_REPORT_CSV = "upload_report_csv"
UPLOAD_JOB = "upload_job"  # (BuildJob, store key) under way
UPLOAD_DIR = "upload_dir"  # TemporaryDirectory of this session
UPLOAD_DROP_NEAR = "upload_drop_near"
UPLOAD_BUILD = "upload_build"
UPLOAD_CANCEL = "upload_cancel"


def upload_column(file_id: str, field: str) -> str:
    """The column chosen for `field` of one uploaded file (keyed by the file, not its name)."""
    return f"upload_columns_{file_id}_{field}"


# -- pages ------------------------------------------------------------------------------------
# A table key K (widgets.show_table) also makes "K_table" and "K_csv".
CORPUS_COUNTS_CSV = "corpus_counts_csv"
CORPUS_OUTLET_CHART = "corpus_outlet_chart"
CORPUS_OUTLETS = "corpus_outlets"
CORPUS_ARTICLES = "corpus_articles"
CORPUS_ARTICLE = "corpus_article"
CORPUS_OPEN_ARTICLE = "corpus_open_article"
CORPUS_REJECTS = "corpus_rejects"
CORPUS_IMPORT_REPORT = "corpus_import_report"

MAP_CHART = "map_chart"
MAP_PLACES = "map_places"
MAP_COUNTRIES = "map_countries"
MAP_PLACE = "map_place"  # the place the Map page lists sentences for (also set by Articles)
MAP_PLACE_SENTENCES = "map_place_sentences"
MAP_EMBEDDED = "map_embedded"  # also show places named inside organisation names

ENTITIES_TAB = "entities_tab"  # the open tab; also the page address's query parameter
ENTITIES_LABELS = "entities_labels"
ENTITIES_TOP = "entities_top"
ENTITIES_CHART = "entities_chart"
ENTITIES_BAR_MEASURE = "entities_bar_measure"  # mentions or share of the outlet's mentions
ENTITIES_BAR_LAYOUT = "entities_bar_layout"  # one stacked chart, or a panel per outlet
ENTITIES_BY_OUTLET = "entities_by_outlet"
ENTITIES_CHOICE = "entities_choice"
ENTITIES_SENTENCES = "entities_sentences"
ENTITIES_WINDOW = "entities_window"
ENTITIES_MEASURE = "entities_measure"
ENTITIES_COOC_TOP = "entities_cooc_top"
ENTITIES_LAYOUT = "entities_layout"
ENTITIES_MIN_COUNT = "entities_min_count"  # pairs seen together fewer times: left out
ENTITIES_GRAPH_VIEW = "entities_graph_view"
ENTITIES_GRAPH = "entities_graph"
ENTITIES_PAIRS = "entities_pairs"
ENTITIES_PAIR = "entities_pair"
ENTITIES_PAIR_SENTENCES = "entities_pair_sentences"
ENTITIES_SAID = "entities_said"  # what the chosen entity said (its quotes)
ENTITIES_OPEN_SOURCES = "entities_open_sources"


def entities_min_weight(measure: str) -> str:
    return f"entities_min_weight_{measure}"


TONE_TAB = "tone_tab"  # the open tab; also the page address's query parameter
TONE_KIND = "tone_kind"
TONE_CHART = "tone_chart"
TONE_OUTLETS = "tone_outlets"
TONE_SHOW_SENTENCES = "tone_show_sentences"
TONE_SENTENCES = "tone_sentences"
TONE_TOP = "tone_top"
TONE_ENTITY_CHART = "tone_entity_chart"
TONE_ENTITY_MATRIX = "tone_entity_matrix"
TONE_ENTITY = "tone_entity"
TONE_CELL_OUTLET = "tone_cell_outlet"
TONE_ENTITY_SHARES = "tone_entity_shares"
TONE_ENTITY_SENTENCES = "tone_entity_sentences"
TONE_EXTREMES_N = "tone_extremes_n"
TONE_EXTREMES = "tone_extremes"

REUSE_KINDS = "reuse_kinds"
REUSE_MIN_CHARS = "reuse_min_chars"
REUSE_SHARE_CHART = "reuse_share_chart"
REUSE_SHARES = "reuse_shares"
REUSE_OUTLET = "reuse_outlet"  # the outlet whose taken passages are listed
REUSE_OUTLET_PASSAGES = "reuse_outlet_passages"
REUSE_LAYOUT = "reuse_layout"
REUSE_GRAPH = "reuse_graph"
REUSE_EDGES = "reuse_edges"
REUSE_EDGE = "reuse_edge"  # (source outlet, target outlet) whose passages are listed
REUSE_EDGE_PASSAGES = "reuse_edge_passages"
REUSE_PAIRS = "reuse_pairs"
REUSE_PAIR = "reuse_pair"  # (source article, target article) shown side by side
REUSE_PAIR_PASSAGES = "reuse_pair_passages"
REUSE_DUPLICATES = "reuse_duplicates"

ARTICLES_OUTLET = "articles_outlet"  # also set by other pages' "open in Articles"
ARTICLES_CHOICE = "articles_choice"
ARTICLES_SENTENCES = "articles_sentences"
ARTICLES_MENTIONS = "articles_mentions"
ARTICLES_QUOTES = "articles_quotes"


def articles_to_map(place_id: int) -> str:
    return f"articles_to_map_{place_id}"


SOURCES_TAB = "sources_tab"  # the open tab; also the page address's query parameter
SOURCES_KINDS = "sources_kinds"
SOURCES_TOP = "sources_top"
SOURCES_CHART = "sources_chart"
SOURCES_SPEAKERS = "sources_speakers"
SOURCES_SPEAKER = "sources_speaker"  # the speaker whose quotes are listed (also set by Entities)
SOURCES_QUOTES = "sources_quotes"
SOURCES_KIND_TABLE = "sources_kind_table"
SOURCES_CITED_TOP = "sources_cited_top"
SOURCES_NETWORK = "sources_network"
SOURCES_CITED = "sources_cited"
SOURCES_CITATION = "sources_citation"
SOURCES_CITATION_QUOTES = "sources_citation_quotes"

DATA_TABLE = "data_table"
DATA_COLUMNS = "data_columns"
DATA_WHOLE_CSV = "data_whole_csv"
DATA_FILTERED_CSV = "data_filtered_csv"
DATA_ROWS = "data_rows"
DATA_MANIFEST = "data_manifest"

COMPARE_TAB = "compare_tab"  # the open tab; also the page address's query parameter
COMPARE_SHOWN = "compare_shown"  # the outlets or groups whose distinctive terms are drawn
COMPARE_TOP = "compare_top"
COMPARE_BARS = "compare_bars"
COMPARE_TERMS = "compare_terms"
COMPARE_TERM = "compare_term"  # the term whose sentences are listed
COMPARE_TERM_SENTENCES = "compare_term_sentences"
COMPARE_FIRST = "compare_first"  # the two sides of the scatter
COMPARE_SECOND = "compare_second"
COMPARE_SCATTER = "compare_scatter"
COMPARE_PAIRS = "compare_pairs"
COMPARE_BUCKET = "compare_bucket"  # day, week, month or chosen from the span
COMPARE_ENTITY = "compare_entity"  # the entity whose mentions are drawn over time
COMPARE_ARTICLES_CHART = "compare_articles_chart"
COMPARE_ARTICLES = "compare_articles"
COMPARE_MENTIONS_CHART = "compare_mentions_chart"
COMPARE_MENTIONS = "compare_mentions"
COMPARE_TONE_CHART = "compare_tone_chart"
COMPARE_TONE = "compare_tone"
COMPARE_UNDATED = "compare_undated"
COMPARE_NAMING_ENTITY = "compare_naming_entity"  # the entity whose surrounding words are compared
COMPARE_NAMING_BARS = "compare_naming_bars"
COMPARE_NAMING = "compare_naming"
COMPARE_NAMING_TERM = "compare_naming_term"
COMPARE_NAMING_SENTENCES = "compare_naming_sentences"


# -- the session's store and filters --------------------------------------------------------------

def current_store() -> StoreRef:
    # the session's choice (set by app.py each run); else the default store, process-wide,
    # so a rebuild of the default corpus in one session is seen by every other
    ref = st.session_state.get(ACTIVE_STORE)
    return ref if ref is not None else open_store()


def current_texts() -> StoreTexts:
    """Where the views read the texts of the rows they show: the current store."""
    return StoreTexts(current_store().path)


def current_filters() -> Filters:
    return st.session_state.get(FILTERS, Filters())
