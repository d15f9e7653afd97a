"""Sources: who speaks in each outlet's coverage, and whom each outlet cites."""

import streamlit as st

from analysis.sources import QUALITY
from analysis.views import outlets, sources
from dashboard import cache, session, source_figures, widgets

filters = widgets.page_header(
    "Sources",
    "Who gets to speak, and on whose word each outlet relies: every attribution found in the "
    "articles (quoted, reported, or both), its speaker resolved to a named person or "
    "organisation where the rules can tell, and the agencies, officials and documents cited.",
    compares_outlets=True,
)
texts = session.current_texts()
TABS = ["Who speaks, per outlet", "Quotes", "Whom each outlet cites"]

left, right = st.columns([3, 1])
kinds = tuple(left.multiselect("Kinds of quote", list(sources.KINDS), key=session.SOURCES_KINDS,
                               placeholder="All kinds: direct, indirect, mixed"))
top = int(right.number_input("Top speakers", min_value=5, max_value=60, value=15, step=5,
                             key=session.SOURCES_TOP))

shown = widgets.outlets_shown()
speakers = cache.outlet_view(sources.speaker_outlet_counts, sources.speakers_of,
                             filters, count_options={"kinds": kinds}, top=top, shown=shown)
who, said, cites = widgets.lazy_tabs(TABS, key=session.SOURCES_TAB)
if who.open:
    with who:
        order = cache.view(outlets.outlet_order, filters, shown=shown)["outlet"].tolist()
        st.plotly_chart(cache.figure(source_figures.speaker_bars, speakers, outlets=order),
                        key=session.SOURCES_CHART)
        widgets.show_table(speakers, file_name="speakers_by_outlet.csv",
                           key=session.SOURCES_SPEAKERS,
                           caption="share: the speaker's quotes over all quotes of that outlet "
                                   "(within the filters and kinds).")
        st.markdown("**Direct, indirect and mixed quotes per outlet**")
        widgets.show_table(cache.outlet_view(sources.kind_outlet_counts,
                                             sources.quotes_by_kind_of, filters,
                                             shown=shown),
                           file_name="quotes_by_kind.csv", key=session.SOURCES_KIND_TABLE)

if said.open:
    with said:
        names = dict(zip(speakers["speaker_key"].tolist(), speakers["speaker"].tolist(),
                         strict=True))
        speaker = widgets.choose("Quotes of", names, key=session.SOURCES_SPEAKER,
                                 placeholder="Every speaker")
        quotes = cache.view(sources.quote_list, filters, kinds=kinds, speaker=speaker,
                            limit=widgets.QUOTES_LISTED, texts=texts)
        # counted only when the list is cut: a shorter list is every quote
        total = len(quotes) if len(quotes) < widgets.QUOTES_LISTED else int(cache.view(
            sources.quote_count, filters, kinds=kinds, speaker=speaker).iloc[0, 0])
        if total > len(quotes):
            st.caption(f"The first {len(quotes):,} of {total:,} quotes by outlet and date: "
                       "choose a speaker or narrow the filters for the rest (the Data page's "
                       "quotes table holds every one).")
        widgets.show_quotes(quotes, what=names[speaker] if speaker else "every speaker",
                            file_name="quotes.csv", key=session.SOURCES_QUOTES)

if cites.open:
    with cites:
        st.markdown("Every speaker is a cited source, and so is an agency or outlet the words "
                    "came through (*according to Reuters*, *TASS said, quoting ...*). A red "
                    "edge: the citing article takes issue with the words (*groundless*, "
                    "*so-called*, *hype*, *it should be clarified*).")
        cited_top = int(st.number_input("Sources", min_value=5, max_value=100, value=25,
                                        step=5, key=session.SOURCES_CITED_TOP))
        cited = cache.view(sources.cited_sources, filters, top=cited_top)
        st.plotly_chart(cache.figure(source_figures.citation_network, cited),
                        key=session.SOURCES_NETWORK)
        widgets.show_table(cited, file_name="cited_sources.csv", key=session.SOURCES_CITED)
        edges = {(row.outlet, row.source): f"{row.outlet} → {row.source} ({row.n_citations})"
                 for row in cited.itertuples(index=False)}
        edge = widgets.choose("Quotes behind", edges, key=session.SOURCES_CITATION,
                              placeholder="Choose an outlet and a source…")
        if edge is not None:
            widgets.show_quotes(
                cache.view(sources.citation_quotes, filters, outlet=edge[0], source=edge[1],
                           texts=texts),
                what=f"{edge[1]} in {edge[0]}", file_name="citation_quotes.csv",
                key=session.SOURCES_CITATION_QUOTES)

st.subheader("Method")
st.markdown(
    f"""
Quotes are found by rules over the text, the sentence boundaries and the named entities of the
build (`analysis/sources`), with no parser. **Direct**: words in quotation marks of any style
with a cue (*said*, *told*, *according to*) or carrying on a speaker's earlier quote, split
quotes and quotes over several paragraphs as one. **Indirect**: *X said (that) ...*, *X told Y
...*, *according to X, ...*, *..., X added*, *citing X*, *X's statement said ...*. **Mixed**:
reported speech holding quoted words. A pronoun (*he said*, *it said*) is the last speaker of
that kind in this or the previous paragraph, else the first person or organisation named in the
sentence or the one before; a description (*the ministry*, *the spokesperson*) is the latest
speaker or name the article described with all of its words. Speakers no rule can resolve stay
as written, and are not counted as speakers when they are a bare pronoun.

On 20 held-out news articles annotated by hand (`bench/quality_quotes.py`), the contents of
direct quotes are found with an F1 of {QUALITY["direct_f1"]:.2f}, those of all attributions
with {QUALITY["all_f1"]:.2f}, and {QUALITY["speaker_accuracy"]:.0%} of the quotes found name
the right speaker. Tone is the VADER compound of the quote's sentences.
"""
)
