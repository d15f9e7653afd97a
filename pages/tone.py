"""Tone: how positive or negative each outlet's sentences are, overall and about each entity."""

import streamlit as st

from analysis import tone
from analysis.views import Filters
from analysis.views import outlets as outlet_views
from analysis.views import tone as tone_views
from dashboard import cache, session, tone_figures, widgets

TABS = ["Sentence tone per outlet", "Tone about each entity", "Most positive and negative"]


def outlet_tone_tab(filters: Filters, shown: int) -> None:
    kind = st.radio("Show the distribution as", ["box", "violin", "strip"], horizontal=True,
                    key=session.TONE_KIND)
    outlet_tone = cache.view(tone_views.outlet_tone_view, filters, shown=shown)
    tones = cache.view(tone_views.sentence_tones, filters, shown=shown)
    st.plotly_chart(cache.figure(tone_figures.tone_distribution, tones, outlet_tone, kind=kind),
                    key=session.TONE_CHART)
    sampled = (f" Above {tone_figures.MAX_POINTS:,} sentences, violins and strips draw a fixed "
               "sample of them; boxes and means use all."
               if len(tones) > tone_figures.MAX_POINTS else "")
    st.caption(
        "Body sentences only (headlines, captions, datelines and sign-offs are not the article's "
        "voice). Diamonds: the mean sentence tone with its 95% interval from a bootstrap over the "
        "outlet's articles (an article's sentences are not independent), so it never leaves "
        f"−1 .. +1; hollow grey diamonds: fewer than {tone.MIN_ARTICLES} articles, too few to "
        f"compare (one article: no interval). Outlets with the most articles first; past the "
        "sidebar's outlets per chart, the rest pooled as "
        f"\"{outlet_views.OTHER_OUTLETS}\".{sampled}")
    widgets.show_table(outlet_tone, file_name="outlet_tone.csv", key=session.TONE_OUTLETS)
    # a toggle, not an expander: an expander would send every sentence on every rerun
    if st.toggle(f"Show the {len(tones):,} sentences behind the distribution",
                 key=session.TONE_SHOW_SENTENCES):
        widgets.show_table(cache.view(tone_views.sentence_tone_view, filters,
                                      texts=session.current_texts()),
                           file_name="sentence_tone.csv", key=session.TONE_SENTENCES, height=320)


def entity_tone_tab(filters: Filters, shown: int, order: list[str]) -> None:
    st.markdown("Entity-targeted tone: how the sentences that name the entity portray *it*, "
                "scored per mention by a trained model. Each cell: the mean, with *sentences · "
                f"articles* written in it; cells with fewer than {tone.MIN_ARTICLES} articles are "
                "grey, too few to compare.")
    top = st.number_input("Top entities", min_value=5, max_value=60, value=15, step=5,
                          key=session.TONE_TOP)
    matrix = cache.view(tone_views.entity_tone_matrix, filters, top=int(top), shown=shown)
    st.plotly_chart(cache.figure(tone_figures.entity_tone_heatmap, matrix, outlets=order),
                    key=session.TONE_ENTITY_CHART)
    st.caption(
        f"Scored by **{tone.ENTITY_SCORER}**, trained on NewsMTSC (macro-F1 "
        f"{tone.ENTITY_SCORER_MACRO_F1:.2f} on its devtest set, against "
        f"{tone.SENTENCE_SCORER_MACRO_F1:.2f} for sentence-level VADER): P(positive) − "
        "P(negative) for each mention, averaged per sentence, then per outlet. **Calibration**: "
        "over NewsMTSC's neutral targets its mean is "
        f"{tone.ENTITY_SCORER_NEUTRAL_MEAN:+.2f} (0 would be exact), so a cell of plain reporting "
        "leans slightly negative; and it can read a neutral news sentence as negative where VADER "
        "reads it as neutral. Read the shares and the cell's sentences, below, before quoting a "
        "mean.")
    widgets.show_table(matrix, file_name="entity_tone.csv", key=session.TONE_ENTITY_MATRIX)

    names = dict(zip(matrix["entity_id"].tolist(), matrix["name"].tolist(), strict=False))
    entity_id = widgets.choose("Entity", names, key=session.TONE_ENTITY,
                               placeholder="Choose an entity…")
    if entity_id is not None:
        st.plotly_chart(cache.figure(tone_figures.entity_tone_shares, matrix, entity_id=entity_id,
                                     outlets=order),
                        key=session.TONE_ENTITY_SHARES)
        st.caption("How the scorer reads each mention (its most probable label), as shares of "
                   "the outlet's mentions of the entity, with the mean score beside.")
        # a pooled cell has no one outlet to read sentences in
        cells = matrix[(matrix["entity_id"] == entity_id)
                       & (matrix["outlet"] != outlet_views.OTHER_OUTLETS)]
        outlet = widgets.choose("Sentences of the cell, in", dict(zip(cells["outlet"],
                                                                        cells["outlet"],
                                                                        strict=True)),
                                key=session.TONE_CELL_OUTLET, placeholder="Choose an outlet…")
        if outlet is not None:
            widgets.show_evidence(
                cache.view(tone_views.entity_tone_evidence, filters, entity_id=entity_id,
                           outlet=outlet, texts=session.current_texts(),
                           read=widgets.EVIDENCE_LISTED),
                what=f"{names[entity_id]} in {outlet}",
                file_name=f"tone_sentences_{entity_id}.csv", key=session.TONE_ENTITY_SENTENCES,
            )
            st.caption("entity_tone: the targeted score of the entity in the sentence, the figure "
                       "the cell averages; entity_label: how the scorer reads it; tone: the "
                       "sentence's VADER score, for comparison.")


def extremes_tab(filters: Filters) -> None:
    n = st.number_input("Per outlet and direction", min_value=1, max_value=20, value=3,
                        key=session.TONE_EXTREMES_N)
    extremes = cache.view(tone_views.extreme_sentences, filters, n=int(n),
                          texts=session.current_texts())
    widgets.show_table(extremes, file_name="extreme_sentences.csv", key=session.TONE_EXTREMES)


filters = widgets.page_header(
    "Tone",
    "How each outlet writes: the tone of every sentence (VADER compound, −1 most negative to "
    "+1 most positive) per outlet, and the tone about each entity (a trained entity-targeted "
    "scorer).",
    compares_outlets=True,
)

shown = widgets.outlets_shown()
per_outlet, per_entity, most = widgets.lazy_tabs(TABS, key=session.TONE_TAB)
if per_outlet.open:
    with per_outlet:
        outlet_tone_tab(filters, shown)
if per_entity.open:
    with per_entity:
        order = cache.view(outlet_views.outlet_order, filters, shown=shown)["outlet"].tolist()
        entity_tone_tab(filters, shown, order)
if most.open:
    with most:
        extremes_tab(filters)

st.subheader("Method")
st.markdown(
    f"""
Two scorers make these figures.

**Sentence and outlet tone** (the distribution, the outlet table, the most positive and
negative sentences) come from **{tone.SCORER}**: each sentence gets VADER's compound score,
from −1 (most negative) to +1 (most positive). Following VADER's authors, a sentence counts as
*positive* at ≥ {tone.POSITIVE_AT:+.2f}, *negative* at ≤ {tone.NEGATIVE_AT:+.2f}, and
*neutral* in between; only sentences past these thresholds are listed as most positive or
most negative. Only body sentences count: a headline, photo caption, dateline or sign-off is
its own segment and is left out. An article's tone is the mean of its sentences; an outlet's
is the mean of its sentences, with a 95% interval from a bootstrap over its articles (resampled
whole, {tone.BOOTSTRAP} times), which stays inside −1 .. +1 and is as wide as an outlet of a
few long articles deserves; below {tone.MIN_ARTICLES} articles an outlet is marked *too few*.
VADER is a lexicon built for social media: it reads
words such as "attack" or "support" at face value and misses irony and quotation, and it
gives every name in a sentence the same tone.

**Entity-targeted tone** (the entity heatmap and its table) comes from **{tone.ENTITY_SCORER}**,
trained on the NewsMTSC news sentences (`analysis/tone/targeted.py`): it reads the words
around each mention, so "police praised the nurse who caught the attacker" is positive about
the nurse and negative about the attacker. On NewsMTSC's devtest set its macro-F1 over
negative / neutral / positive is {tone.ENTITY_SCORER_MACRO_F1:.2f}, against
{tone.SENTENCE_SCORER_MACRO_F1:.2f} for VADER's sentence tone. Each mention's tone is
P(positive) − P(negative) (−1 .. +1); a sentence naming an entity twice counts once (its
mentions averaged), and the interval is over articles as above. The model was trained on
sentences chosen for holding opinion; its class weights are shifted
(`tools/train_tone.py --calibrate`) so that neutral targets score near 0, and on NewsMTSC's
neutral devtest targets the mean is {tone.ENTITY_SCORER_NEUTRAL_MEAN:+.3f}. Mentions in a
dateline, byline or sign-off (an outlet crediting itself or an agency) do not count. It is
still a model: read the evidence sentences before quoting a cell.
"""
)
