"""Plotly figures of the Reuse page: plain functions of the reuse views (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import empty_figure, marker_sizes
from dashboard.network import circular_layout, communities, community_layout
from dashboard.network_figures import outward_positions

# one colour per part of reused text, the same in the bars, the graph and the highlights
PART_COLOURS = {"credited": "#1a7f37", "uncredited": "#c62828", "rewritten": "#e69500",
                "order unknown": "#8a8f98"}
PART_HIGHLIGHTS = {"credited": "#c6efc0", "uncredited": "#ffc9c9", "rewritten": "#ffe3a3",
                   "order unknown": "#e4e6ea"}


def share_bars(shares: pd.DataFrame) -> go.Figure:
    """Per outlet, the share of its text found earlier in another outlet, stacked by part
    (views.reuse.outlet_shares)."""
    if shares.empty or not (shares[[f"{p.replace(' ', '_')}_share" for p in PART_COLOURS]]
                            .fillna(0).to_numpy().sum()):
        return empty_figure("No reused text between the outlets within the filters")
    fig = go.Figure()
    for part, colour in PART_COLOURS.items():
        column = part.replace(" ", "_")
        fig.add_trace(go.Bar(
            y=shares["outlet"], x=shares[f"{column}_share"].fillna(0), name=part,
            orientation="h", marker_color=colour,
            customdata=np.column_stack([shares[column], shares["chars"]]),
            hovertemplate=f"%{{y}}: %{{x:.1%}} {part} (%{{customdata[0]:,}} of "
                          "%{customdata[1]:,} characters)<extra></extra>"))
    fig.update_layout(barmode="stack", height=140 + 26 * len(shares),
                      xaxis={"title": "share of the outlet's text", "tickformat": ".0%"},
                      yaxis={"autorange": "reversed", "title": None},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def outlet_network(edges: pd.DataFrame, *, layout: str = "circular") -> go.Figure:
    """Outlets as nodes, an arrow from source to target outlet as wide as the characters
    taken (views.reuse.outlet_graph); the colour says the credited share."""
    if edges.empty:
        return empty_figure("No reuse with a known direction within the filters")
    outlets = list(dict.fromkeys([*edges["source_outlet"], *edges["target_outlet"]]))
    index = {o: k for k, o in enumerate(outlets)}
    pairs = np.array([[index[s], index[t]] for s, t in zip(edges["source_outlet"],
                                                           edges["target_outlet"], strict=True)])
    weights = edges["chars"].to_numpy(dtype=float)
    n = len(outlets)
    positions = (community_layout(n, pairs, weights, communities(n, pairs, weights))
                 if layout == "communities" else circular_layout(n))
    fig = go.Figure()
    top = weights.max() or 1.0
    # one layout update, not an add_annotation per arrow (each validates the whole layout)
    fig.update_layout(annotations=[
        {"x": positions[t][0], "y": positions[t][1], "ax": positions[s][0],
         "ay": positions[s][1], "xref": "x", "yref": "y", "axref": "x", "ayref": "y",
         "showarrow": True, "arrowhead": 2, "arrowsize": 1, "standoff": 12,
         "startstandoff": 12, "arrowwidth": 1 + 6 * chars / top, "opacity": 0.8,
         "arrowcolor": PART_COLOURS["credited" if share >= 0.5 else "uncredited"]}
        for (s, t), chars, share in zip(pairs, weights, edges["credited_share"].fillna(0),
                                        strict=True)])
    mid = (positions[pairs[:, 0]] + positions[pairs[:, 1]]) / 2
    fig.add_trace(go.Scatter(
        x=mid[:, 0], y=mid[:, 1], mode="markers", marker={"size": 10, "opacity": 0},
        customdata=np.column_stack([edges["source_outlet"], edges["target_outlet"],
                                    edges["chars"], (edges["credited_share"].fillna(0) * 100)
                                    .round(), edges["article_pairs"]]),
        hovertemplate="%{customdata[0]} → %{customdata[1]}<br>%{customdata[2]:,} characters, "
                      "%{customdata[3]}% credited, %{customdata[4]} article pairs"
                      "<extra></extra>", showlegend=False))
    taken = edges.groupby("target_outlet")["chars"].sum().reindex(outlets).fillna(0)
    given = edges.groupby("source_outlet")["chars"].sum().reindex(outlets).fillna(0)
    fig.add_trace(go.Scatter(
        x=positions[:, 0], y=positions[:, 1], mode="markers+text", text=outlets,
        textposition=outward_positions(positions), showlegend=False,
        marker={"size": marker_sizes(taken + given, smallest=12, largest=40),
                "color": "#1f4e79", "line": {"width": 1, "color": "white"}},
        customdata=np.column_stack([outlets, given.to_numpy(), taken.to_numpy()]),
        hovertemplate="<b>%{customdata[0]}</b><br>taken from it: %{customdata[1]:,} "
                      "characters<br>it took: %{customdata[2]:,}<extra></extra>"))
    fig.update_layout(height=520, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"visible": False, "range": [-1.9, 1.9]},
                      yaxis={"visible": False, "range": [-1.25, 1.3], "scaleanchor": "x"})
    return fig


def pair_labels(pairs: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(source_id, target_id) -> "source outlet → target outlet · target title (N characters)"
    for choosing a pair of views.reuse.reuse_pairs."""
    return {(s, t): f"{so} → {to}{f' · {title}' if title else ''} ({chars:,} characters)"
            for s, t, so, to, title, chars in zip(
                pairs["source_id"], pairs["target_id"], pairs["source_outlet"],
                pairs["target_outlet"], pairs["target_title"].fillna(""), pairs["chars"],
                strict=True)}
