"""Articles: one article at a time, entities marked, sentence tone visible."""

import pandas as pd
import streamlit as st

from analysis import evidence, views
from dashboard import markup, state, widgets

filters = widgets.page_header(
    "Articles",
    "One article at a time: entities marked by type, each sentence underlined in its tone "
    "(green positive, red negative, grey neutral) with its VADER compound.",
)

articles = state.view(views.articles_view, filters)
if articles.empty:
    st.info("No articles match the filters.")
    st.stop()

left, right = st.columns([1, 2])
outlets = sorted(articles["outlet"].unique())
# an outlet or article the filters no longer show falls back to the first one
if st.session_state.get(widgets.ARTICLE_OUTLET_KEY) not in outlets:
    st.session_state[widgets.ARTICLE_OUTLET_KEY] = outlets[0]
outlet = left.selectbox("Outlet", outlets, key=widgets.ARTICLE_OUTLET_KEY)
of_outlet = articles[articles["outlet"] == outlet]
titles = dict(zip(of_outlet["article_id"], of_outlet["title"], strict=True))
if st.session_state.get(widgets.ARTICLE_KEY) not in titles:
    st.session_state[widgets.ARTICLE_KEY] = next(iter(titles))
article_id = right.selectbox("Title", list(titles), key=widgets.ARTICLE_KEY,
                             format_func=titles.get)

article = state.current_tables().articles.set_index("article_id").loc[article_id]
published = "no date" if pd.isna(article["published"]) else f"{article['published']:%Y-%m-%d}"
st.subheader(str(article["title"]))
st.caption(f"{article['outlet']} · {published} · {article['n_words']:,} words · "
           f"tone {article['tone']:+.3f}")
if isinstance(article["url"], str) and article["url"]:
    st.markdown(f"[{article['url']}]({article['url']})")

sentences = state.view(evidence.article_sentences, filters, article_id=article_id)
mentions = state.view(evidence.article_mentions, filters, article_id=article_id)
st.html(markup.legend_html(sorted(mentions["label"].dropna().unique())))
st.html(markup.article_html(state.article_text(state.current_store(), article_id),
                            sentences, mentions))

places = mentions.dropna(subset=["place_id"]).drop_duplicates("place_id")
if len(places):
    st.markdown("**Places in this article**: open one on the map with its sentences.")
    columns = st.columns(min(len(places), 6))
    for i, place in enumerate(places.itertuples(index=False)):
        if columns[i % len(columns)].button(str(place.place), key=f"to_map_{place.place_id}",
                                            icon=":material/location_on:"):
            widgets.open_place(place.place_id)

st.subheader("Sentences")
widgets.show_table(sentences, file_name=f"sentences_{article_id}.csv", key="article_sentences")
st.subheader("Entities and places named")
widgets.show_table(mentions, file_name=f"mentions_{article_id}.csv", key="article_mentions")
