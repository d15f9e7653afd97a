"""Streamlit pieces every page uses: the sidebar filters, page header, tables with downloads,
and the sentence-evidence list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from analysis.tables import Tables, TextSource, csv_bytes
from analysis.views import Filters, entities
from analysis.views.evidence import with_sentences
from analysis.views.outlets import OTHER_OUTLETS, SHOWN_OUTLETS
from analysis.views.scope import COMPARE_BY, unknown_articles, unknown_left_out
from dashboard import builds, cache, session
from dashboard.markup import evidence_html, quote_legend_html, quotes_html
from dashboard.safe_text import for_markdown

EVIDENCE_SHOWN = 50
# sentences an evidence table lists with their texts (`read=` of the evidence views): the texts
# come from the store, and with all 143,866 sentences naming the most named entity of 37,554
# articles the view took 2.85 s, 1.76 s with 1,000; the CSV reads the rest when downloaded
EVIDENCE_LISTED = 1_000
# rows a table sends to the browser: every quote of 37,554 articles took seconds to serialise
# on every rerun; past this the table shows the first rows and its CSV holds them all
TABLE_ROWS = 5_000
# quotes a list shows to read, with their contexts: their texts come from the store, and on a
# big corpus 5,000 touched most of its row groups (a filter change of the Quotes tab at 37,554
# articles: 0.8 s reading, 0.4 s for 1,000); the Data page's quotes table holds every one
QUOTES_LISTED = 1_000
# options a list to choose from offers (articles, entities, places): every title of 37,554
# articles was 3 MB sent on every run, a list no one scrolls (typing filters it); each page
# says where the rest are
CHOICES = 1_000

COLUMN_CONFIG = {
    "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
    "tone": st.column_config.NumberColumn("tone", format="%+.3f"),
    "mean": st.column_config.NumberColumn("mean", format="%+.3f"),
    "ci_low": st.column_config.NumberColumn("ci_low", format="%+.3f"),
    "ci_high": st.column_config.NumberColumn("ci_high", format="%+.3f"),
    "pmi": st.column_config.NumberColumn("pmi", format="%.3f"),
    "jaccard": st.column_config.NumberColumn("jaccard", format="%.3f"),
    "weight": st.column_config.NumberColumn("weight", format="%.3f"),
    "share": st.column_config.NumberColumn("share", format="percent"),
    "mean_share": st.column_config.NumberColumn("mean_share", format="percent"),
    "negative": st.column_config.NumberColumn("negative", format="percent"),
    "neutral": st.column_config.NumberColumn("neutral", format="percent"),
    "positive": st.column_config.NumberColumn("positive", format="percent"),
    "entity_tone": st.column_config.NumberColumn("entity_tone", format="%+.3f"),
    "text": st.column_config.TextColumn("text", width="large"),
    "sentence": st.column_config.TextColumn("sentence", width="large"),
    "quote": st.column_config.TextColumn("quote", width="large"),
}


def _date_bounds(articles: pd.DataFrame) -> tuple[date, date] | None:
    published = articles["published"].dropna()
    if published.empty:
        return None
    return published.min().date(), published.max().date()


def sidebar_counts(articles: int, outlets: int, words: int, rejected: int) -> str:
    """The corpus's counts as two lines of Markdown, every figure whole."""
    return (f"**{articles:,}** articles · **{outlets:,}** outlets  \n"
            f"**{words:,}** words · **{rejected:,}** rejected")


def request_rebuild() -> None:
    st.session_state[session.REBUILD] = True


def sidebar(ref: builds.StoreRef) -> Filters:
    """The corpus in use with its counts, the shared filters, the rebuild action."""
    tables = cache.load_tables(ref)
    articles = tables.articles
    unknown = unknown_articles(articles)
    known_outlets = sorted(articles.loc[~unknown, "outlet"].dropna().unique())
    with st.sidebar:
        st.subheader("Corpus")
        st.caption(for_markdown(builds.display_source(ref.source)))
        # a line of text wraps where a metric in a narrow column would cut "4,871,203" short
        st.markdown(sidebar_counts(len(articles), len(known_outlets),
                                   int(articles["n_words"].sum()), len(tables.rejects)))

        st.subheader("Filters")
        include_unknown = False
        if unknown.any():
            include_unknown = st.toggle(
                f"Compare the {int(unknown.sum()):,} articles of unknown outlet too",
                key=session.SIDEBAR_UNKNOWN,
                help="Their outlet is in no metadata, dateline or sign-off. Each stays its own "
                     "source (\"unknown: file name\"), never pooled into one outlet. They are "
                     "always in the article lists, entities and the map; switched off, they are "
                     "left out of the charts that compare outlets.")
        outlets = sorted(articles["outlet"].dropna().unique()) if include_unknown \
            else known_outlets
        # a selection of outlets a rebuild removed would make the widget raise
        kept = [o for o in st.session_state.get(session.SIDEBAR_OUTLETS, []) if o in outlets]
        st.session_state[session.SIDEBAR_OUTLETS] = kept
        chosen = st.multiselect("Outlets", outlets, key=session.SIDEBAR_OUTLETS,
                                placeholder="All outlets",
                                help="Every page shows only these outlets; empty means all.")
        st.number_input(
            "Outlets per chart", min_value=1, max_value=60, value=SHOWN_OUTLETS, step=1,
            key=session.SIDEBAR_OUTLETS_SHOWN,
            help="Charts that compare outlets draw this many, those with most articles, and "
                 f"pool the rest as \"{OTHER_OUTLETS}\", in the tables under them too.")
        start = end = None
        bounds = _date_bounds(articles)
        if bounds is not None and bounds[0] < bounds[1]:
            earlier = st.session_state.get(session.SIDEBAR_DATES) or ()
            if any(not bounds[0] <= day <= bounds[1] for day in earlier):
                del st.session_state[session.SIDEBAR_DATES]  # the corpus changed under it
            picked = st.date_input("Published between", value=bounds, min_value=bounds[0],
                                   max_value=bounds[1], key=session.SIDEBAR_DATES,
                                   help="Articles without a date drop out once you narrow this.")
            picked = tuple(picked) if isinstance(picked, list | tuple) else (picked,)
            if picked and tuple(picked) != bounds:
                start = picked[0]
                end = picked[1] if len(picked) > 1 else None
        compare_by = st.radio(
            "Compare by", list(COMPARE_BY), horizontal=True, key=session.SIDEBAR_COMPARE_BY,
            help="Group: the charts that compare outlets compare their groups (the groups "
                 "table on the Data page: the import's group column, such as AllSides' "
                 "left / center / right, or data/outlets.csv); an outlet without a group "
                 "stands alone.")
        st.button("Rebuild the store", on_click=request_rebuild, icon=":material/refresh:",
                  key=session.SIDEBAR_REBUILD,
                  help="Re-read the corpus folder and run the NLP again.")
    filters = Filters(outlets=tuple(chosen), start=start, end=end,
                      unknown_outlets=include_unknown, compare_by=compare_by)
    st.session_state[session.FILTERS] = filters
    return filters


def outlets_shown() -> int:
    """How many outlets a chart draws before pooling the rest (the sidebar's choice)."""
    return int(st.session_state.get(session.SIDEBAR_OUTLETS_SHOWN) or SHOWN_OUTLETS)


def describe_filters(filters: Filters) -> str:
    """The filters in words, as Markdown-safe text (outlet names are the corpus's)."""
    outlets = ", ".join(map(for_markdown, filters.outlets)) if filters.outlets else "all outlets"
    if filters.start is None and filters.end is None:
        dates = "all dates"
    else:
        dates = f"{filters.start or '…'} to {filters.end or '…'}"
    labels = f" · labels: {', '.join(filters.labels)}" if filters.labels else ""
    unknown = " · with articles of unknown outlet" if filters.unknown_outlets else ""
    grouped = " · outlets compared by group" if filters.compare_by == "group" else ""
    return f"{outlets} · {dates}{labels}{unknown}{grouped}"


def page_header(title: str, meaning: str, *, compares_outlets: bool = False) -> Filters:
    """Title, the one line saying what the page measures, and the filters in force; on a page
    that compares outlets, how many articles of unknown outlet it leaves out."""
    ensure_entrypoint()
    filters = session.current_filters()
    st.title(title)
    st.markdown(meaning)
    st.caption(f":material/filter_alt: Showing {describe_filters(filters)} "
               "(change in the sidebar)")
    left_out = unknown_left_out(cache.current_tables(), filters) if compares_outlets else 0
    if left_out:
        st.caption(f":material/help: {left_out:,} article{'s' if left_out != 1 else ''} of "
                   "unknown outlet left out of the comparisons between outlets (each would be "
                   "an outlet of one article); the sidebar switch brings them in.")
    return filters


def lazy_tabs(labels: list[str], *, key: str) -> list:
    """Tabs whose content the page computes only when open (`tab.open`): a filter change costs
    the open tab's views, not every tab's. The open tab is in the page's address
    (`?key=label`), so a shared link opens it."""
    return list(st.tabs(labels, key=key, on_change="rerun", bind="query-params"))


def download_csv(df: pd.DataFrame, *, file_name: str, key: str,
                 label: str = "Download CSV",
                 data: Callable[[], bytes] | None = None) -> None:
    """Formula-safe CSV of exactly `df` (or what `data` returns), made on the click (not on
    every run); downloading does not rerun the page."""
    st.download_button(label, data=data or partial(csv_bytes, df), file_name=file_name,
                       mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def show_table(df: pd.DataFrame, *, file_name: str, key: str, height: int | str = "auto",
               caption: str | None = None, shown: int = TABLE_ROWS,
               data: Callable[[], bytes] | None = None) -> None:
    """A table and the CSV download of exactly its rows and columns (a table of more than
    `shown` rows shows the first `shown` and says so; its CSV holds them all). `data`: the
    CSV's bytes, when they are more than `df` holds (texts read on the click)."""
    config = {col: cfg for col, cfg in COLUMN_CONFIG.items() if col in df.columns}
    st.dataframe(df.head(shown), hide_index=True, column_config=config,
                 key=f"{key}_table", height=height)
    if len(df) > shown:
        st.caption(f"The first {shown:,} of {len(df):,} rows are shown; the CSV holds "
                   "them all.")
    if caption:
        st.caption(caption)
    download_csv(df, file_name=file_name, key=f"{key}_csv", data=data)


def _first_shown(n: int, *, listed: int = TABLE_ROWS) -> str:
    held = "the table holds" if n <= listed else "the table's CSV holds"
    return f"The first {EVIDENCE_SHOWN} are shown above; {held} all {n:,}."


def show_evidence(evidence: pd.DataFrame, *, what: str, file_name: str, key: str) -> None:
    """The sentences behind a figure: highlighted, then as a table with its CSV. The table
    lists the first EVIDENCE_LISTED (the views read only their texts: `read=`); the CSV holds
    every sentence, the others' texts read when it is downloaded."""
    if evidence.empty:
        st.info(f"No sentences mention {for_markdown(what)} within the filters.")
        return
    n = len(evidence)
    st.markdown(f"**{n:,} sentence{'s' if n != 1 else ''} mention {for_markdown(what)}**")
    st.html(evidence_html(evidence.head(EVIDENCE_SHOWN)))
    if n > EVIDENCE_SHOWN:
        st.caption(_first_shown(n, listed=EVIDENCE_LISTED))
    whole = partial(_evidence_csv, evidence, cache.current_tables(), session.current_texts())
    show_table(evidence, file_name=file_name, key=key, height=240, shown=EVIDENCE_LISTED,
               data=whole)


def _evidence_csv(evidence: pd.DataFrame, tables: Tables, texts: TextSource) -> bytes:
    return csv_bytes(with_sentences(tables, evidence, texts=texts))


def show_quotes(quotes: pd.DataFrame, *, what: str, file_name: str, key: str) -> None:
    """Quotes with their context: content, speaker and cue marked, then as a table with its
    CSV (views.sources.quote_list)."""
    if quotes.empty:
        st.info(f"No quotes of {what} within the filters.")
        return
    n = len(quotes)
    st.markdown(f"**{n:,} quote{'s' if n != 1 else ''} of {what}**")
    st.html(quote_legend_html())
    st.html(quotes_html(quotes.head(EVIDENCE_SHOWN)))
    if n > EVIDENCE_SHOWN:
        st.caption(_first_shown(n))
    show_table(quotes, file_name=file_name, key=key, height=240)


def choose(label: str, options: dict, *, key: str, placeholder: str):
    """A selectbox over `options` (value -> text) with a "nothing chosen" first entry.

    A choice the current filters no longer offer falls back to nothing chosen.
    """
    values = [None, *options]
    if st.session_state.get(key) not in values:
        st.session_state[key] = None
    return st.selectbox(label, values, key=key,
                        format_func=lambda v: placeholder if v is None else options[v])


def entity_choices(filters: Filters) -> tuple[dict, bool]:
    """The CHOICES entities named most within the filters (id -> name), most first, and
    whether more are named: one view shared by every page's list."""
    named = cache.outlet_view(entities.entity_outlet_counts, entities.most_named_of, filters,
                              top=CHOICES + 1)
    listed = named.head(CHOICES)
    return (dict(zip(listed["entity_id"].tolist(), listed["name"].tolist(), strict=True)),
            len(named) > CHOICES)


# -- links between pages: set what the other page shows, then go there --------------------

def open_article(article_id: str, outlet: str) -> None:
    st.session_state[session.ARTICLES_OUTLET] = outlet
    st.session_state[session.ARTICLES_CHOICE] = article_id
    st.switch_page("pages/articles.py")


def open_place(place_id: int) -> None:
    st.session_state[session.MAP_PLACE] = int(place_id)
    st.switch_page("pages/map.py")


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
