"""Articles: one article at a time, entities marked, sentence tone visible."""

import pandas as pd
import streamlit as st

from analysis.sources import parse_parts
from analysis.views import corpus, evidence, sources
from dashboard import cache, markup, session, widgets
from dashboard.safe_text import for_markdown, http_link

filters = widgets.page_header(
    "Articles",
    "One article at a time: entities marked by type, what its sources are quoted as saying in "
    "italics on yellow, each sentence underlined in its tone (green positive, red negative, "
    "grey neutral) with its VADER compound.",
)

articles = cache.view(corpus.articles_view, filters)
if articles.empty:
    st.info("No articles match the filters.")
    st.stop()

left, right = st.columns([1, 2])
outlets = sorted(articles["outlet"].unique())
# an outlet or article the filters no longer show falls back to the first one
if st.session_state.get(session.ARTICLES_OUTLET) not in outlets:
    st.session_state[session.ARTICLES_OUTLET] = outlets[0]
outlet = left.selectbox("Outlet", outlets, key=session.ARTICLES_OUTLET)
of_outlet = articles[articles["outlet"] == outlet]
titles = dict(zip(of_outlet["article_id"].tolist(), of_outlet["title"].tolist(), strict=True))
if st.session_state.get(session.ARTICLES_CHOICE) not in titles:
    st.session_state[session.ARTICLES_CHOICE] = next(iter(titles))
article_id = right.selectbox("Title", list(titles), key=session.ARTICLES_CHOICE,
                             format_func=titles.get)

article = cache.view(corpus.article_record, filters, article_id=article_id).iloc[0]
published = "undated" if pd.isna(article["published"]) else f"{article['published']:%Y-%m-%d}"
st.subheader(for_markdown(article["title"]))
st.caption(f"{for_markdown(article['outlet'])} · {published} · {article['n_words']:,} words · "
           f"tone {article['tone']:+.3f}")
link = http_link(article["url"])
if link:
    st.link_button("Open the original", link, icon=":material/open_in_new:")
    st.caption(for_markdown(link))

sentences = cache.view(evidence.article_sentences, filters, article_id=article_id,
                       texts=session.current_texts())
mentions = cache.view(evidence.article_mentions, filters, article_id=article_id,
                      texts=session.current_texts())
quotes = cache.view(sources.article_quotes, filters, article_id=article_id)
quoted = [part for parts in quotes["parts"].tolist() for part in parse_parts(parts)]
st.html(markup.legend_html(sorted(mentions["label"].dropna().unique())))
st.html(markup.article_html(cache.article_text_of(session.current_store(), article_id),
                            sentences, mentions, quoted=quoted))

places = mentions.dropna(subset=["place_id"]).drop_duplicates("place_id")
if len(places):
    st.markdown("**Places in this article**: open one on the map with its sentences.")
    columns = st.columns(min(len(places), 6))
    for i, place in enumerate(places.itertuples(index=False)):
        if columns[i % len(columns)].button(for_markdown(place.place),
                                            key=session.articles_to_map(place.place_id),
                                            icon=":material/location_on:"):
            widgets.open_place(place.place_id)

st.subheader("Sentences")
widgets.show_table(sentences, file_name=f"sentences_{article_id}.csv",
                   key=session.ARTICLES_SENTENCES)
st.subheader("Entities and places named")
widgets.show_table(mentions, file_name=f"mentions_{article_id}.csv",
                   key=session.ARTICLES_MENTIONS)
st.subheader("Quotes")
st.markdown("Who the article quotes or reports, with the cue and how the speaker was found "
            "(see the Sources page).")
widgets.show_table(quotes, file_name=f"quotes_{article_id}.csv", key=session.ARTICLES_QUOTES)
