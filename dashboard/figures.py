"""Plotly figure builders: plain functions from view tables to figures (no Streamlit).

Tone colours run red (negative) - grey - green (positive) on VADER's -1..+1 scale, the same
scale on every chart, so one colour means one tone across pages. Every corpus string reaches a
chart through `as_text` (plotly reads a subset of HTML in text and hovers).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.views.outlets import OTHER_OUTLETS
from dashboard.outlet_colours import OTHER_COLOUR, outlet_colours
from dashboard.safe_text import for_chart

TONE_SCALE = [[0.0, "#c62828"], [0.5, "#d9d9d9"], [1.0, "#1a7f37"]]
PALETTE_BLUE = "#1f77b4"


def as_text(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """`frame` with the named string columns escaped for chart text (safe_text.for_chart);
    each distinct value is escaped once, so a column of a million sentences' outlets is quick."""
    def escaped(values: pd.Series) -> np.ndarray:
        codes, uniques = pd.factorize(values)
        return np.asarray(for_chart(uniques), dtype=object)[codes]

    return frame.assign(**{col: escaped(frame[col]) for col in columns if col in frame})


def outlet_sequence(frame: pd.DataFrame, outlets: Sequence[str] = ()) -> list[str]:
    """The outlets of `frame` (escaped by as_text) in the page's order `outlets` (raw names,
    views.outlets.outlet_order), those it does not list after them in order of appearance."""
    present = list(dict.fromkeys(frame["outlet"]))
    ordered = [o for o in for_chart(list(outlets)) if o in set(present)]
    return ordered + [o for o in present if o not in set(ordered)]


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def outlet_bar(outlets: pd.DataFrame) -> go.Figure:
    """Articles per outlet (outlet_counts); the pooled "other outlets" grey."""
    if outlets.empty:
        return empty_figure("No articles match the filters")
    outlets = as_text(outlets, "outlet")
    colours = np.where(outlets["outlet"] == OTHER_OUTLETS, OTHER_COLOUR, PALETTE_BLUE)
    fig = go.Figure(go.Bar(x=outlets["n_articles"], y=outlets["outlet"], orientation="h",
                           marker={"color": colours.tolist()},
                           customdata=outlets[["n_words"]],
                           hovertemplate="%{y}: %{x} articles, %{customdata[0]:,} words"
                                         "<extra></extra>"))
    fig.update_layout(yaxis={"autorange": "reversed", "title": None},
                      xaxis={"title": "articles", "dtick": 1 if outlets["n_articles"].max() < 10
                             else None}, height=120 + 28 * len(outlets),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def marker_sizes(mentions: pd.Series, *, smallest: float = 10, largest: float = 40) -> np.ndarray:
    """Marker diameters: area grows with mentions (sqrt), scaled to the largest."""
    values = mentions.to_numpy(dtype=float)
    if values.size == 0:
        return values
    return smallest + (largest - smallest) * np.sqrt(values / values.max())


def entity_bars(top: pd.DataFrame, *, measure: str = "mentions",
                outlets: Sequence[str] = ()) -> go.Figure:
    """Top entities as horizontal bars per outlet (views.entities.top_entities_by_outlet):
    mentions stacked, or each outlet's share of its own mentions side by side (shares of
    different outlets do not add up). Outlets in the page's order `outlets`, each in its
    outlet colour (outlet_colours)."""
    if top.empty:
        return empty_figure("No entities match the filters")
    top = as_text(top, "name", "outlet")
    order = list(dict.fromkeys(top["name"]))
    by_share = measure == "share"
    sequence = outlet_sequence(top, outlets)
    colours = outlet_colours(sequence)
    n_outlets = len(sequence)
    by_outlet = dict(list(top.groupby("outlet", sort=False)))
    fig = go.Figure()
    for outlet in sequence:
        rows = by_outlet[outlet]
        # lists: plotly checks arrow-backed columns value by value, far slower
        fig.add_trace(go.Bar(
            y=rows["name"].tolist(),
            x=rows["share" if by_share else "n_mentions"].tolist(), name=str(outlet),
            orientation="h", customdata=rows["n_mentions"].tolist(),
            marker={"color": colours[outlet]},
            hovertemplate="%{y}: %{x:.1%} of " + str(outlet) + "'s mentions (%{customdata})"
                          "<extra></extra>" if by_share else
                          "%{y}: %{x} mentions in " + str(outlet) + "<extra></extra>"))
    rows_high = 26 * max(n_outlets // 3, 1) if by_share else 26
    fig.update_layout(barmode="group" if by_share else "stack",
                      height=140 + rows_high * len(order),
                      yaxis={"categoryorder": "array", "categoryarray": order[::-1],
                             "title": None},
                      xaxis={"title": "share of the outlet's mentions" if by_share
                             else "mentions", "tickformat": ".0%" if by_share else None},
                      legend={"title": {"text": "outlet"}, "traceorder": "normal"},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def entity_panels(top: pd.DataFrame, *, measure: str = "mentions",
                  outlets: Sequence[str] = (), columns: int = 4) -> go.Figure:
    """Small multiples of `entity_bars`: one panel per outlet in the page's order `outlets`,
    the same entities in the same order on every panel's axis, each panel in its outlet's
    colour, so outlets compare by position instead of by telling colours apart."""
    if top.empty:
        return empty_figure("No entities match the filters")
    top = as_text(top, "name", "outlet")
    order = list(dict.fromkeys(top["name"]))
    sequence = outlet_sequence(top, outlets)
    colours = outlet_colours(sequence)
    by_share = measure == "share"
    rows = -(-len(sequence) // columns)
    fig = make_subplots(rows=rows, cols=columns, shared_yaxes=True, shared_xaxes=True,
                        subplot_titles=sequence, horizontal_spacing=0.02,
                        vertical_spacing=min(0.3 / rows, 0.08))
    by_outlet = dict(list(top.groupby("outlet", sort=False)))
    for i, outlet in enumerate(sequence):
        rows_of = by_outlet[outlet]
        fig.add_trace(go.Bar(
            y=rows_of["name"].tolist(),
            x=rows_of["share" if by_share else "n_mentions"].tolist(), orientation="h",
            name=str(outlet), marker={"color": colours[outlet]}, showlegend=False,
            hovertemplate="%{y}: %{x:.1%} of " + str(outlet) + "'s mentions<extra></extra>"
                          if by_share else
                          "%{y}: %{x} mentions in " + str(outlet) + "<extra></extra>"),
            row=i // columns + 1, col=i % columns + 1)
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    fig.update_xaxes(tickformat=".0%" if by_share else None)
    fig.update_annotations(font={"size": 12})
    fig.update_layout(height=80 + rows * (40 + 16 * len(order)),
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig
