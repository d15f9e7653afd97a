"""Compare: the words each outlet or group uses more than the others, two of them side by side,
the words around an entity, and coverage and tone over time; one tab computed at a time."""

import streamlit as st

from analysis.tables import StoreTexts
from analysis.views import Filters, corpus, distinctive, naming, timeline
from dashboard import cache, compare_figures, session, widgets

SHOWN = 4  # panels of terms drawn at first: the largest outlets or groups
TABS = ["Distinctive terms", "Two against each other", "Naming", "Over time"]


def distinctive_tab(filters: Filters, texts: StoreTexts, panels: list[str], top: int) -> None:
    terms = cache.term_view(distinctive.distinctive_terms, filters, top=top, texts=texts)
    drawn = terms[terms["group"].isin(panels)].reset_index(drop=True)
    st.plotly_chart(cache.figure(compare_figures.term_bars, drawn), key=session.COMPARE_BARS)
    widgets.show_table(drawn, file_name="distinctive_terms.csv", key=session.COMPARE_TERMS,
                       caption="z: the log-odds ratio of the term in the outlet or group "
                               "against all the others, over its standard error; articles: how "
                               "many of its articles use the term (once each, however often), "
                               "share: as a share of its articles; _rest: the same for all the "
                               "others.")
    term = widgets.choose("Sentences using", {t: t for t in dict.fromkeys(drawn["term"])},
                          key=session.COMPARE_TERM, placeholder="Choose a term…")
    if term is not None:
        widgets.show_evidence(cache.term_view(distinctive.term_evidence, filters, term=term,
                                              texts=texts, read=widgets.EVIDENCE_LISTED),
                              what=term, file_name="term_sentences.csv",
                              key=session.COMPARE_TERM_SENTENCES)


def two_sides_tab(filters: Filters, texts: StoreTexts, sides: list[str]) -> None:
    if len(sides) < 2:
        st.info("Two outlets or groups are needed: widen the filters.")
        return
    one, other = st.columns(2)
    first = one.selectbox("First", sides, index=0, key=session.COMPARE_FIRST)
    second = other.selectbox("Second", [s for s in sides if s != first], index=0,
                             key=session.COMPARE_SECOND)
    pairs = cache.term_view(distinctive.two_group_terms, filters, first=first, second=second,
                       texts=texts)
    st.plotly_chart(cache.figure(compare_figures.term_scatter, pairs, first=first,
                                 second=second), key=session.COMPARE_SCATTER)
    widgets.show_table(pairs, file_name="two_sides_terms.csv", key=session.COMPARE_PAIRS,
                       caption="z > 0: the first side's word, z < 0: the second's; share: of "
                               "each side's articles using it.")


def naming_tab(filters: Filters, texts: StoreTexts, panels: list[str], top: int) -> None:
    called = widgets.choose("Words around", widgets.entity_choices(filters)[0],
                            key=session.COMPARE_NAMING_ENTITY, placeholder="Choose an entity…")
    if called is None:
        return
    around = cache.view(naming.naming_terms, filters, entity_id=called, top=top, texts=texts)
    around = around[around["group"].isin(panels)].reset_index(drop=True)
    st.plotly_chart(cache.figure(compare_figures.term_bars, around),
                    key=session.COMPARE_NAMING_BARS)
    widgets.show_table(around, file_name="naming_terms.csv", key=session.COMPARE_NAMING,
                       caption="The terms of the body sentences naming the entity, each outlet "
                               "or group against the others (z, articles: as above).")
    word = widgets.choose("Sentences naming it with", {t: t for t in dict.fromkeys(
        around["term"])}, key=session.COMPARE_NAMING_TERM, placeholder="Choose a term…")
    if word is not None:
        widgets.show_evidence(cache.view(naming.naming_evidence, filters, entity_id=called,
                                         term=word, texts=texts,
                                         read=widgets.EVIDENCE_LISTED),
                              what=word, file_name="naming_sentences.csv",
                              key=session.COMPARE_NAMING_SENTENCES)


def over_time_tab(filters: Filters) -> None:
    bucket = st.radio("Per", ["span", "day", "week", "month"], horizontal=True,
                      key=session.COMPARE_BUCKET,
                      format_func=lambda b: "chosen from the span" if b == "span" else b)
    per = None if bucket == "span" else bucket
    outlets_shown = widgets.outlets_shown()
    articles = cache.view(timeline.articles_over_time, filters, bucket=per, shown=outlets_shown)
    st.plotly_chart(cache.figure(compare_figures.counts_over_time, articles, value="articles",
                                 title="articles"), key=session.COMPARE_ARTICLES_CHART)
    widgets.show_table(articles, file_name="articles_over_time.csv",
                       key=session.COMPARE_ARTICLES)
    undated = cache.view(timeline.undated_articles, filters, shown=outlets_shown)
    if not undated.empty:
        st.caption(f"{int(undated['undated'].sum()):,} articles have no date and are not on "
                   "the time axis; per outlet:")
        widgets.show_table(undated, file_name="undated_articles.csv",
                           key=session.COMPARE_UNDATED)

    entity_id = widgets.choose("Mentions over time of", widgets.entity_choices(filters)[0],
                               key=session.COMPARE_ENTITY, placeholder="Choose an entity…")
    if entity_id is not None:
        mentions = cache.view(timeline.mentions_over_time, filters, entity_id=entity_id,
                              bucket=per, shown=outlets_shown)
        st.plotly_chart(cache.figure(compare_figures.counts_over_time, mentions,
                                     value="mentions", title="mentions"),
                        key=session.COMPARE_MENTIONS_CHART)
        widgets.show_table(mentions, file_name="mentions_over_time.csv",
                           key=session.COMPARE_MENTIONS)

    toned = cache.view(timeline.tone_over_time, filters, bucket=per, shown=outlets_shown)
    st.plotly_chart(cache.figure(compare_figures.tone_over_time, toned),
                    key=session.COMPARE_TONE_CHART)
    widgets.show_table(toned, file_name="tone_over_time.csv", key=session.COMPARE_TONE,
                       caption="mean: VADER compound of the body sentences of the period's "
                               "articles; ci_low .. ci_high: its 95% interval from a bootstrap "
                               "over articles; too_few: fewer articles than the tone page "
                               "compares.")


filters = widgets.page_header(
    "Compare",
    "The words each outlet (or group: \"Compare by\" in the sidebar) chooses more than the "
    "others, every one open to its sentences; two of them against each other; the words "
    "around an entity; and when each covered the story, how often it named an entity and in "
    "what tone.",
    compares_outlets=True,
)
texts = session.current_texts()
sides = cache.view(corpus.outlet_counts, filters)["outlet"].astype(str).tolist()
left, right = st.columns([3, 1])
earlier = [side for side in st.session_state.get(session.COMPARE_SHOWN, []) if side in sides]
st.session_state[session.COMPARE_SHOWN] = earlier or sides[:SHOWN]
panels = left.multiselect("Terms of", sides, key=session.COMPARE_SHOWN,
                          help="The largest first; the tables and their CSVs hold the ones "
                               "drawn.")
top = int(right.number_input("Terms each", min_value=5, max_value=50, value=15, step=5,
                             key=session.COMPARE_TOP))

distinctive_open, two_sides_open, naming_open, over_time_open = widgets.lazy_tabs(
    TABS, key=session.COMPARE_TAB)
if distinctive_open.open:
    with distinctive_open:
        distinctive_tab(filters, texts, panels, top)
if two_sides_open.open:
    with two_sides_open:
        two_sides_tab(filters, texts, sides)
if naming_open.open:
    with naming_open:
        naming_tab(filters, texts, panels, top)
if over_time_open.open:
    with over_time_open:
        over_time_tab(filters)

st.subheader("Method")
st.markdown(
    """
Distinctive terms: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
and Quinn 2008), the prior from the counts of the whole filtered corpus, so a rare word cannot
top a list by chance. A term counts once per article, so one long article that repeats a word
cannot make it its outlet's. Terms: lower-cased content words of body sentences (no stop
words), adjacent pairs of them, and the names of the entities an article names. A term used
in fewer than two articles is left out. The build stores every article's terms, so a filter
change re-counts them instead of reading the texts again.
"""
)
