"""Corpus: what was imported, per outlet, and what was rejected."""

import streamlit as st

from analysis import views
from dashboard import figures, state, uploads, widgets

filters = widgets.page_header(
    "Corpus",
    "What the corpus holds: every imported article with its outlet, date, length and tone "
    "(the mean VADER compound of its sentences, −1 negative to +1 positive).",
)

counts = state.view(views.corpus_counts, filters)
values = dict(zip(counts["measure"], counts["value"], strict=True))
for column, measure in zip(st.columns(5), ["articles", "outlets", "words", "entities", "places"],
                           strict=True):
    column.metric(measure, f"{values[measure]:,}")
widgets.download_csv(counts, file_name="corpus_counts.csv", key="counts_csv",
                     label="Download counts CSV")

st.subheader("Articles per outlet")
outlets = state.view(views.outlet_counts, filters)
st.plotly_chart(state.figure(figures.outlet_bar, outlets), key="outlet_chart")
widgets.show_table(outlets, file_name="articles_per_outlet.csv", key="outlets")

st.subheader("Articles")
articles = state.view(views.articles_view, filters)
widgets.show_table(articles, file_name="articles.csv", key="articles")
titles = {row.article_id: f"{row.outlet} · {row.title}" for row in articles.itertuples()}
left, right = st.columns([4, 1], vertical_alignment="bottom")
with left:
    chosen = widgets.choose("Read an article, entities and sentence tone marked", titles,
                            key="corpus_article", placeholder="Choose an article…")
if right.button("Open in Articles", disabled=chosen is None, icon=":material/article:"):
    widgets.open_article(chosen, articles.set_index("article_id").loc[chosen, "outlet"])

rejects = state.current_tables().rejects
if len(rejects):
    st.subheader("Rejected inputs")
    st.markdown("Inputs that did not become articles, each with the reason.")
    widgets.show_table(rejects, file_name="rejects.csv", key="rejects")

report = uploads.report()
if report is not None:
    st.subheader("Import report")
    st.markdown("One line per uploaded file or row: accepted, or rejected with the reason.")
    widgets.show_table(report, file_name="import_report.csv", key="import_report")
