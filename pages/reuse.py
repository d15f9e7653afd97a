"""Reuse: which passages each outlet took from another, from whom, with or without credit."""

import pandas as pd
import streamlit as st

from analysis.views import outlets, reuse
from dashboard import cache, markup, reuse_figures, session, widgets

GRAPH_EDGES = 80  # arrows drawn: a few thousand hang the browser
PAIRS_LISTED = 500

filters = widgets.page_header(
    "Reuse",
    "Passages one article shares with an earlier article of another outlet: wire copy run "
    "again, quotations, rewrites. Each passage is **credited** when the later article quotes "
    "it or names its source nearby, **uncredited** otherwise; **rewritten** sentences say the "
    "same in other words (same entities, same order); **order unknown** is shared text whose "
    "source neither dates, credits nor containment tell. Only the running text of each "
    "article counts: headlines, bylines, captions and sign-offs are left out.",
    compares_outlets=True,
)

left, right = st.columns([2, 1])
kinds = left.multiselect("Kinds", list(reuse.KINDS), default=list(reuse.DEFAULT_KINDS),
                         key=session.REUSE_KINDS,
                         help="quotation: text inside quotation marks in both articles, a "
                              "speaker both quote rather than one outlet copying the other")
min_chars = right.number_input("Shortest passage (characters)", min_value=0, value=50,
                               step=25, key=session.REUSE_MIN_CHARS)
options = {"kinds": tuple(kinds), "min_chars": int(min_chars)}
texts = session.current_texts()


def show_passages(rows: pd.DataFrame, *, what: str, file_name: str, key: str) -> None:
    if rows.empty:
        st.info(f"No passages {what} within the filters.")
        return
    st.markdown(f"**{len(rows):,} passage{'s' if len(rows) != 1 else ''} {what}**")
    widgets.show_table(rows, file_name=file_name, key=key, height=260)


st.subheader("Share of each outlet's text found earlier in another outlet")
shares = cache.view(reuse.outlet_shares, filters, shown=widgets.outlets_shown(), **options)
st.plotly_chart(cache.figure(reuse_figures.share_bars, shares), key=session.REUSE_SHARE_CHART)
widgets.show_table(shares, file_name="reuse_by_outlet.csv", key=session.REUSE_SHARES)
taking = shares.loc[shares[["credited", "uncredited", "rewritten", "order_unknown"]]
                    .sum(axis=1) > 0, "outlet"].tolist()
taking = [o for o in taking if o != outlets.OTHER_OUTLETS]
outlet = widgets.choose("Passages taken by", {o: o for o in taking}, key=session.REUSE_OUTLET,
                        placeholder="Choose an outlet…")
if outlet is not None:
    show_passages(cache.view(reuse.passages, filters, target_outlet=outlet, texts=texts,
                             **options),
                  what="taken by this outlet", file_name="reuse_passages_by_outlet.csv",
                  key=session.REUSE_OUTLET_PASSAGES)

st.subheader("Who took from whom")
st.caption("An arrow from the outlet a passage was taken from to the outlet that took it, as "
           "wide as the characters taken (each stretch of text from its best source; green "
           "when mostly credited, red when mostly not). Shared text of unknown order is left "
           "out.")
edges = cache.view(reuse.outlet_graph, filters, **options)
layout = st.radio("Layout", ["circular", "communities"], key=session.REUSE_LAYOUT, horizontal=True)
drawn = edges.nlargest(GRAPH_EDGES, "chars", keep="first")
st.plotly_chart(cache.figure(reuse_figures.outlet_network, drawn, layout=layout),
                key=session.REUSE_GRAPH)
if len(drawn) < len(edges):
    st.caption(f"The {len(drawn):,} heaviest of {len(edges):,} arrows are drawn; the table "
               "holds them all.")
widgets.show_table(edges, file_name="reuse_outlet_graph.csv", key=session.REUSE_EDGES)
edge_names = {(s, t): f"{s} → {t}" for s, t in zip(edges["source_outlet"],
                                                    edges["target_outlet"], strict=True)}
edge = widgets.choose("Passages of", edge_names, key=session.REUSE_EDGE,
                      placeholder="Choose a source → target…")
if edge is not None:
    show_passages(cache.view(reuse.passages, filters, source_outlet=edge[0],
                             target_outlet=edge[1], texts=texts, **options),
                  what=f"from {edge[0]} in {edge[1]}", file_name="reuse_passages_by_edge.csv",
                  key=session.REUSE_EDGE_PASSAGES)

st.subheader("Article pairs")
pairs = cache.view(reuse.reuse_pairs, filters, **options)
widgets.show_table(pairs, file_name="reuse_pairs.csv", key=session.REUSE_PAIRS, height=300)
pair_names = reuse_figures.pair_labels(pairs.head(PAIRS_LISTED))
pair = widgets.choose(f"Side by side (the {len(pair_names):,} largest pairs)", pair_names,
                      key=session.REUSE_PAIR, placeholder="Choose a pair of articles…")
if pair is not None:
    rows = cache.view(reuse.passages, filters, source_id=pair[0], target_id=pair[1],
                      texts=texts, **options)
    ref = session.current_store()
    sides = []
    for side, article_id in (("source", pair[0]), ("target", pair[1])):
        spans = [markup.Span(int(s), int(e), str(p), f"{p}: {c}" if c else str(p))
                 for s, e, p, c in zip(rows[f"{side}_start"], rows[f"{side}_end"], rows["part"],
                                       rows["credit"].fillna(""), strict=True)]
        first = rows.iloc[0] if len(rows) else None
        heading = (f"{side}: {first[f'{side}_outlet']} · {first[f'{side}_title']}"
                   if first is not None else side)
        sides.append((heading, cache.article_text_of(ref, article_id), spans))
    st.html(markup.side_by_side_html(*sides, colours=reuse_figures.PART_HIGHLIGHTS))
    show_passages(rows, what="in this pair", file_name="reuse_pair_passages.csv",
                  key=session.REUSE_PAIR_PASSAGES)

st.subheader("Whole articles repeated")
st.caption("Articles whose words are the same as (exact) or nearly the same as (near: 80% of "
           "their word 5-shingles shared) an earlier article's, as the import flags them.")
widgets.show_table(cache.view(reuse.duplicate_pairs, filters),
                   file_name="reuse_duplicates.csv", key=session.REUSE_DUPLICATES)
