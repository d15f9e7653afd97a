"""Co-occurrence figures: entities as a network (communities apart, coloured) or as a matrix;
every node, edge and axis carries entity names (views.entities.distinct_names), never ids."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import as_text, empty_figure, marker_sizes
from dashboard.network import communities, community_layout, ring_layout

LAYOUTS = ("communities", "circle")
# community colours: neither tone's red nor green, nor the dark blue of a lone entity
COMMUNITY_COLOURS = ("#1f4e79", "#e08a00", "#7b3fa0", "#17a2b8", "#8c564b", "#d45fb0",
                     "#6b6ecf", "#bd9e39")


def network_positions(pairs: pd.DataFrame, nodes: pd.DataFrame, *,
                      layout: str) -> tuple[np.ndarray, np.ndarray]:
    """(positions, community of each node) of `nodes` linked by `pairs`; the layout pulls by
    how often two entities meet (count), whatever measure the edges show."""
    index = {entity_id: i for i, entity_id in enumerate(nodes["entity_id"])}
    edges = np.array([[index[a], index[b]] for a, b in zip(pairs["entity_a"], pairs["entity_b"],
                                                           strict=True)], dtype=int).reshape(-1, 2)
    strength = pairs["count"].to_numpy(dtype=float)
    groups = communities(len(nodes), edges, strength)
    if layout == "circle":
        return ring_layout(groups), groups
    return community_layout(len(nodes), edges, strength, groups), groups


def outward_positions(positions: np.ndarray) -> list[str]:
    """Node labels placed away from the centre, so they fall outside the ring of edges."""
    places = []
    for x, y in positions:
        vertical = "top" if y >= 0 else "bottom"
        horizontal = "right" if x > 0.35 else "left" if x < -0.35 else "center"
        places.append(f"middle {horizontal}" if horizontal != "center" and abs(y) < 0.7
                      else f"{vertical} {horizontal}")
    return places


def _edges(pairs: pd.DataFrame, where: dict) -> list[go.Scatter]:
    # one trace per line width (in half pixels), not per edge: a trace costs plotly far more
    # than a segment, and a network of 300 edges would otherwise take a second to build
    top_weight = float(pairs["weight"].abs().max()) or 1.0
    widths = (2 * (1 + 7 * pairs["weight"].abs() / top_weight)).round() / 2
    traces = []
    for width, edges in pairs.groupby(widths.to_numpy(), sort=True):
        xs, ys = [], []
        for a, b in zip(edges["entity_a"], edges["entity_b"], strict=True):
            xs += [where[a][0], where[b][0], None]
            ys += [where[a][1], where[b][1], None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": float(width), "color": "#9aa5b1"}))
    return traces


def cooccurrence_network(pairs: pd.DataFrame, nodes: pd.DataFrame, *,
                         layout: str = "communities") -> go.Figure:
    """Entities as nodes sized by mentions and coloured by community, pairs as edges as wide
    as their weight. `pairs` is views.entities.cooccurrence_view, `nodes`
    views.entities.cooccurrence_nodes."""
    if pairs.empty:
        return empty_figure("No pairs at this minimum weight and count")
    pairs, nodes = as_text(pairs, "name_a", "name_b"), as_text(nodes, "name")
    positions, groups = network_positions(pairs, nodes, layout=layout)
    where = {entity_id: positions[i] for i, entity_id in enumerate(nodes["entity_id"])}
    fig = go.Figure(_edges(pairs, where))
    mid = np.array([(where[a] + where[b]) / 2 for a, b in zip(pairs["entity_a"],
                                                              pairs["entity_b"], strict=True)])
    fig.add_trace(go.Scatter(
        x=mid[:, 0], y=mid[:, 1], mode="markers", marker={"size": 8, "opacity": 0},
        customdata=np.column_stack([pairs["name_a"], pairs["name_b"], pairs["weight"].round(3),
                                    pairs["count"]]),
        hovertemplate="%{customdata[0]} – %{customdata[1]}<br>weight %{customdata[2]}, "
                      "together %{customdata[3]}×<extra></extra>", showlegend=False,
    ))
    colours = [COMMUNITY_COLOURS[g % len(COMMUNITY_COLOURS)] for g in groups]
    fig.add_trace(go.Scatter(
        x=positions[:, 0], y=positions[:, 1], mode="markers+text", text=nodes["name"],
        textposition=outward_positions(positions), showlegend=False,
        marker={"size": marker_sizes(nodes["n_mentions"], smallest=12, largest=44),
                "color": colours, "line": {"width": 1, "color": "white"}},
        customdata=np.column_stack([nodes["name"], nodes["label"], nodes["n_mentions"],
                                    groups + 1]),
        hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]} mentions"
                      "<br>group %{customdata[3]}<extra></extra>",
    ))
    fig.update_layout(height=680, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"visible": False, "range": [-1.6, 1.6]},
                      yaxis={"visible": False, "range": [-1.15, 1.2], "scaleanchor": "x"})
    return fig


def cooccurrence_matrix(pairs: pd.DataFrame) -> pd.DataFrame:
    """A symmetric entity x entity matrix of the weight; empty cells are NaN."""
    names = list(dict.fromkeys([*pairs["name_a"], *pairs["name_b"]]))
    matrix = pd.DataFrame(np.nan, index=names, columns=names)
    for pair in pairs.itertuples(index=False):
        matrix.loc[pair.name_a, pair.name_b] = pair.weight
        matrix.loc[pair.name_b, pair.name_a] = pair.weight
    return matrix


def cooccurrence_heatmap(pairs: pd.DataFrame, *, measure: str) -> go.Figure:
    """The pairs as an entity x entity matrix, every entity's name on both axes."""
    if pairs.empty:
        return empty_figure("No pairs at this minimum weight and count")
    matrix = cooccurrence_matrix(as_text(pairs, "name_a", "name_b"))
    names = list(matrix.index)
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=names, y=names,
                               colorscale="Blues", colorbar={"title": {"text": measure}},
                               hovertemplate="%{y} – %{x}: %{z:.3g}<extra></extra>"))
    ticks = {"tickmode": "array", "tickvals": names, "ticktext": names}  # every name shows
    fig.update_layout(height=220 + 22 * len(matrix), yaxis={"autorange": "reversed", **ticks},
                      xaxis={"tickangle": -45, **ticks},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
