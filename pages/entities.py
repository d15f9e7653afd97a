"""Entities: who and what each outlet names, and which names appear together."""

from dataclasses import replace

import streamlit as st

from analysis import evidence, views
from analysis.cooccurrence import MEASURES
from dashboard import figures, state, widgets

CHOICES = 1_000

filters = widgets.page_header(
    "Entities",
    "Who and what the outlets name: mentions of each canonical entity (spellings merged), "
    "split by outlet, and how often two entities are named in the same sentence or article.",
)

tables = state.current_tables()
left, right = st.columns([3, 1])
labels = left.multiselect("Entity types", views.label_options(tables), key="entity_labels",
                          placeholder="All types (PERSON, ORG, GPE, NORP, ...)")
top = right.number_input("Top entities", min_value=5, max_value=100, value=15, step=5,
                         key="entity_top")
filters = replace(filters, labels=tuple(labels))

st.subheader("Top entities by outlet")
by_outlet = state.view(views.top_entities_by_outlet, filters, top=int(top))
st.plotly_chart(state.figure(figures.entity_bars, by_outlet), key="entity_chart")
widgets.show_table(by_outlet, file_name="top_entities_by_outlet.csv", key="top_entities")

entities = state.view(views.entity_mentions, filters)
# the most mentioned first; a long tail of one-off names would only slow the list down
top_entities = entities.head(CHOICES)
choices = dict(zip(top_entities["entity_id"].tolist(), top_entities["name"].tolist(),
                   strict=True))
entity_id = widgets.choose(
    f"Sentences naming (the {len(choices):,} most mentioned of {len(entities):,} entities)",
    choices, key="entity_choice", placeholder="Choose an entity…")
if entity_id is not None:
    widgets.show_evidence(state.view(evidence.entity_sentences, filters, entity_id=entity_id),
                          what=choices[entity_id], file_name=f"sentences_{entity_id}.csv",
                          key="entity_sentences")

st.subheader("Co-occurrence")
st.markdown(
    "**count**: windows naming both · **PMI**: log2 of how much more often they meet than "
    "chance · **Jaccard**: share of the windows naming either that name both."
)
c1, c2, c3, c4, c5 = st.columns(5)
window = c1.radio("Window", ["sentence", "article"], key="cooc_window", horizontal=True)
measure = c2.radio("Measure", list(MEASURES), key="cooc_measure", horizontal=True,
                   format_func={"count": "count", "pmi": "PMI", "jaccard": "Jaccard"}.get)
# count 1 links every pair ever named together: a hairball on any real corpus
default_weight = {"count": 2.0, "pmi": 0.0, "jaccard": 0.1}[measure]
min_weight = c3.number_input("Minimum weight", value=default_weight,
                             step=1.0 if measure == "count" else 0.1,
                             key=f"cooc_min_{measure}")
cooc_top = c4.number_input("Entities", min_value=5, max_value=100, value=25, step=5,
                           key="cooc_top")
layout = c5.radio("Layout", ["circular", "spring"], key="cooc_layout", horizontal=True)

pairs = state.view(views.cooccurrence_view, filters, window=window, measure=measure,
                   min_weight=float(min_weight), top=int(cooc_top))
network_tab, matrix_tab = st.tabs(["Network", "Matrix"])
with network_tab:
    nodes = figures.network_nodes(pairs, entities)
    st.plotly_chart(state.figure(figures.cooccurrence_network, pairs, nodes, layout=layout),
                    key="cooc_network")
with matrix_tab:
    st.plotly_chart(state.figure(figures.cooccurrence_heatmap, pairs, measure=measure),
                    key="cooc_matrix")
widgets.show_table(pairs, file_name=f"cooccurrence_{window}_{measure}.csv", key="pairs")

pair_names = {(row.entity_a, row.entity_b): (row.name_a, row.name_b, row.weight)
              for row in pairs.itertuples(index=False)}
pair_labels = {pair: f"{a} + {b} ({weight:.3g})" for pair, (a, b, weight) in pair_names.items()}
pair = widgets.choose("Sentences naming the pair", pair_labels, key="pair_choice",
                      placeholder="Choose a pair…")
if pair is not None:
    widgets.show_evidence(
        state.view(evidence.pair_sentences, filters, entity_a=pair[0], entity_b=pair[1],
                   window=window),
        what="{} and {}".format(*pair_names[pair][:2]),
        file_name="pair_sentences.csv", key="pair_sentences",
    )
