"""Entities: who and what each outlet names, and which names appear together."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.views import Filters, entities, evidence, outlets, sources
from analysis.views.cooccurrence import MEASURES
from dashboard import cache, figures, network_figures, session, widgets

TABS = ["Top entities by outlet", "Co-occurrence"]


def top_entities_tab(filters: Filters, top: int) -> None:
    measure = st.segmented_control(
        "Compare outlets by", list(entities.RANKINGS), default="mentions",
        format_func={"mentions": "mentions", "share": "share of each outlet's mentions"}.get,
        key=session.ENTITIES_BAR_MEASURE,
        help="Mentions favour the outlets that publish most; a share puts every outlet on the "
             "same footing, and ranks the entities by their mean share over the outlets.",
    ) or "mentions"
    shown = widgets.outlets_shown()
    order = cache.view(outlets.outlet_order, filters, shown=shown)["outlet"].tolist()
    by_outlet = cache.outlet_view(entities.entity_outlet_counts, entities.top_entities_of,
                                  filters, top=top, rank_by=measure, shown=shown)
    layout = st.segmented_control(
        "Draw", ["one chart", "a panel per outlet"], default="one chart",
        key=session.ENTITIES_BAR_LAYOUT,
        help="Panels put the outlets side by side on the same axis (small multiples) instead of "
             "telling them apart by colour.") or "one chart"
    drawing = figures.entity_panels if layout == "a panel per outlet" else figures.entity_bars
    st.plotly_chart(cache.figure(drawing, by_outlet, measure=measure, outlets=order),
                    key=session.ENTITIES_CHART)
    widgets.show_table(by_outlet, file_name="top_entities_by_outlet.csv",
                       key=session.ENTITIES_BY_OUTLET)

    # the most mentioned first; a long tail of one-off names would only slow the list down
    choices, more = widgets.entity_choices(filters)
    cut = (f"; the first {widgets.CHOICES:,}, the Data page's entities table holds every one"
           if more else "")
    entity_id = widgets.choose(f"Sentences naming (most mentioned first{cut})", choices,
                               key=session.ENTITIES_CHOICE, placeholder="Choose an entity…")
    if entity_id is not None:
        widgets.show_evidence(cache.view(evidence.entity_sentences, filters, entity_id=entity_id,
                                         texts=session.current_texts(),
                                         read=widgets.EVIDENCE_LISTED),
                              what=choices[entity_id], file_name=f"sentences_{entity_id}.csv",
                              key=session.ENTITIES_SENTENCES)
        st.markdown(f"**What {choices[entity_id]} said**: the quotes whose speaker is this entity "
                    "(named, or a pronoun or description resolved to it).")
        widgets.show_quotes(cache.view(sources.entity_quotes, filters, entity_id=entity_id,
                                       texts=session.current_texts()),
                            what=choices[entity_id], file_name=f"quotes_{entity_id}.csv",
                            key=session.ENTITIES_SAID)


def cooccurrence_tab(filters: Filters) -> None:
    st.markdown(
        "**count**: windows naming both · **PMI**: log2 of how much more often they meet than "
        "chance · **Jaccard**: share of the windows naming either that name both. Only pairs seen "
        "together at least the minimum count are scored (a pair met once has a high PMI by chance)."
    )
    c1, c2, c3, c4, c5, c6 = st.columns([1.2, 1.4, 0.9, 0.9, 1, 1.5])
    window = c1.radio("Window", ["sentence", "article"], key=session.ENTITIES_WINDOW,
                      horizontal=True)
    measure = c2.radio("Measure", list(MEASURES), key=session.ENTITIES_MEASURE, horizontal=True,
                       format_func={"count": "count", "pmi": "PMI", "jaccard": "Jaccard"}.get)
    # defaults from the corpus's size: legible at 5 articles and at 5,000
    sized = cache.view(entities.cooccurrence_size, filters).iloc[0]
    cooc_top = c3.number_input("Entities", min_value=5, max_value=100, value=int(sized["top"]),
                               step=5, key=session.ENTITIES_COOC_TOP)
    min_count = c4.number_input("Minimum count", min_value=1, value=int(sized["min_count"]),
                                key=session.ENTITIES_MIN_COUNT,
                                help="Pairs seen together fewer times are left out of every "
                                     "measure.")
    every = cache.view(entities.cooccurrence_pairs, filters, window=window, top=int(cooc_top),
                       min_count=int(min_count))
    defaults = entities.weight_defaults(every, top=int(cooc_top),
                                        min_count=int(min_count)).set_index("measure")
    min_weight = c5.number_input("Minimum weight", value=float(defaults.loc[measure, "min_weight"]),
                                 step=1.0 if measure == "count" else 0.1,
                                 key=session.entities_min_weight(measure),
                                 help="Opens at the weight that keeps about "
                                      f"{entities.EDGES_PER_NODE} pairs per entity.")
    layout = c6.radio("Layout", network_figures.LAYOUTS, key=session.ENTITIES_LAYOUT,
                      horizontal=True,
                      help="communities: entities named together form groups (Louvain, "
                           "networkx), each laid out apart; circle: one ring, groups adjacent.")

    pairs = entities.weighted_pairs(every, measure=measure, min_weight=float(min_weight))
    shown_as = st.segmented_control("Show as", ["Network", "Matrix"], default="Network",
                                    key=session.ENTITIES_GRAPH_VIEW)
    if shown_as == "Matrix":
        graph = cache.figure(network_figures.cooccurrence_heatmap, pairs, measure=measure)
    else:
        nodes = cache.view(entities.pair_nodes, filters, entity_ids=tuple(pd.unique(
            pd.concat([pairs["entity_a"], pairs["entity_b"]]))))
        graph = cache.figure(network_figures.cooccurrence_network, pairs, nodes, layout=layout)
    st.plotly_chart(graph, key=session.ENTITIES_GRAPH)
    widgets.show_table(pairs, file_name=f"cooccurrence_{window}_{measure}.csv",
                       key=session.ENTITIES_PAIRS)

    pair_names = {(row.entity_a, row.entity_b): (row.name_a, row.name_b, row.weight)
                  for row in pairs.itertuples(index=False)}
    pair_labels = {pair: f"{a} + {b} ({weight:.3g})" for pair, (a, b, weight) in pair_names.items()}
    pair = widgets.choose("Sentences naming the pair", pair_labels, key=session.ENTITIES_PAIR,
                          placeholder="Choose a pair…")
    if pair is not None:
        widgets.show_evidence(
            cache.view(evidence.pair_sentences, filters, entity_a=pair[0], entity_b=pair[1],
                       window=window, texts=session.current_texts(),
                       read=widgets.EVIDENCE_LISTED),
            what="{} and {}".format(*pair_names[pair][:2]),
            file_name="pair_sentences.csv", key=session.ENTITIES_PAIR_SENTENCES,
        )


filters = widgets.page_header(
    "Entities",
    "Who and what the outlets name: mentions of each canonical entity (spellings merged), "
    "split by outlet, and how often two entities are named in the same sentence or article.",
    compares_outlets=True,
)

left, right = st.columns([3, 1])
labels = left.multiselect("Entity types", entities.label_options(cache.current_tables()),
                          key=session.ENTITIES_LABELS,
                          placeholder="All types (PERSON, ORG, GPE, NORP, ...)")
top = right.number_input("Top entities", min_value=5, max_value=100, value=15, step=5,
                         key=session.ENTITIES_TOP)
filters = replace(filters, labels=tuple(labels))

top_open, cooccurrence_open = widgets.lazy_tabs(TABS, key=session.ENTITIES_TAB)
if top_open.open:
    with top_open:
        top_entities_tab(filters, int(top))
if cooccurrence_open.open:
    with cooccurrence_open:
        cooccurrence_tab(filters)
