"""Corpus: what was imported, per outlet, and what was rejected."""

import streamlit as st

from analysis.views import corpus
from dashboard import cache, figures, session, uploads, widgets

filters = widgets.page_header(
    "Corpus",
    "What the corpus holds: every imported article with its outlet, date, length and tone "
    "(the mean VADER compound of its body sentences, −1 negative to +1 positive).",
    compares_outlets=True,
)

counts = cache.view(corpus.corpus_counts, filters)
values = dict(zip(counts["measure"], counts["value"], strict=True))
for column, measure in zip(st.columns(5), ["articles", "outlets", "words", "entities", "places"],
                           strict=True):
    column.metric(measure, f"{values[measure]:,}")
widgets.download_csv(counts, file_name="corpus_counts.csv", key=session.CORPUS_COUNTS_CSV,
                     label="Download counts CSV")

st.subheader("Articles per outlet")
outlets = cache.view(corpus.outlet_counts, filters)
chart = cache.view(corpus.outlet_counts, filters, shown=widgets.outlets_shown())
st.plotly_chart(cache.figure(figures.outlet_bar, chart), key=session.CORPUS_OUTLET_CHART)
if len(chart) < len(outlets):
    st.caption(f"The {len(chart) - 1} outlets with most articles, the rest pooled (the "
               "sidebar sets how many); the table lists every outlet.")
widgets.show_table(outlets, file_name="articles_per_outlet.csv", key=session.CORPUS_OUTLETS)

st.subheader("Articles")
articles = cache.view(corpus.articles_view, filters)
widgets.show_table(articles, file_name="articles.csv", key=session.CORPUS_ARTICLES)
titles = cache.view(corpus.article_titles, filters)
# the first in the table's order, and the one chosen before
offered = titles[(titles.index < widgets.CHOICES)
                 | (titles["article_id"] == st.session_state.get(session.CORPUS_ARTICLE))]
more = f" (the first {widgets.CHOICES:,} of {len(titles):,}; the Articles page lists every " \
    "one)" if len(titles) > widgets.CHOICES else ""
left, right = st.columns([4, 1], vertical_alignment="bottom")
with left:
    chosen = widgets.choose(f"Read an article, entities and sentence tone marked{more}",
                            dict(zip(offered["article_id"].tolist(), offered["label"].tolist(),
                                     strict=True)),
                            key=session.CORPUS_ARTICLE, placeholder="Choose an article…")
if right.button("Open in Articles", disabled=chosen is None, icon=":material/article:",
                key=session.CORPUS_OPEN_ARTICLE):
    widgets.open_article(chosen, titles.set_index("article_id").loc[chosen, "outlet"])

rejects = cache.current_tables().rejects
if len(rejects):
    st.subheader("Rejected inputs")
    st.markdown("Inputs that did not become articles, each with the reason.")
    widgets.show_table(rejects, file_name="rejects.csv", key=session.CORPUS_REJECTS)

report = uploads.report()
if report is not None:
    st.subheader("Import report")
    st.markdown("One line per uploaded file or row: accepted, or rejected with the reason.")
    widgets.show_table(report, file_name="import_report.csv", key=session.CORPUS_IMPORT_REPORT)
