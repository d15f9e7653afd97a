"""Source figures: who speaks in each outlet, and the outlet -> cited source network (no
Streamlit; pure functions of the views in analysis.views.sources)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import as_text, empty_figure, outlet_sequence
from dashboard.outlet_colours import outlet_colours

DISPUTED = "#c62828"
RELIED = "#9aa5b1"
OUTLET_COLOUR = "#1f4e79"
SOURCE_COLOURS = {"news outlet": "#6a3d9a", "news agency": "#b15928", "person": "#33a02c",
                  "organisation": "#1f78b4", "country": "#e6ab02", "group": "#a6761d",
                  "document": "#666666", "unnamed": "#bbbbbb"}


def speaker_bars(speakers: pd.DataFrame, *, measure: str = "n_quotes",
                 outlets: Sequence[str] = ()) -> go.Figure:
    """Top speakers as horizontal bars, one trace per outlet: quotes (`n_quotes`) or the share
    of the outlet's quotes (`share`). `speakers` is views.sources.speakers_by_outlet; outlets
    in the page's order `outlets`, each in its outlet colour."""
    if speakers.empty:
        return empty_figure("No quotes with a speaker match the filters")
    speakers = as_text(speakers, "speaker", "outlet")
    order = list(dict.fromkeys(speakers["speaker"]))
    sequence = outlet_sequence(speakers, outlets)
    colours = outlet_colours(sequence)
    by_outlet = dict(list(speakers.groupby("outlet", sort=False)))
    fig = go.Figure()
    for outlet in sequence:
        rows = by_outlet[outlet]
        values = rows[measure].astype(float).tolist()
        text = [f"{v:.0%}" if measure == "share" else f"{v:.0f}" for v in values]
        fig.add_trace(go.Bar(
            y=rows["speaker"].tolist(), x=values, name=str(outlet), orientation="h",
            text=text, textposition="inside", marker={"color": colours[outlet]},
            customdata=np.column_stack([rows["n_quotes"], rows["share"].round(3)]),
            hovertemplate="%{y} in " + str(outlet).replace("%", "%%")
                          + ": %{customdata[0]} quotes, %{customdata[1]:.0%} of the outlet's"
                            " quotes<extra></extra>"))
    title = "share of each outlet's quotes" if measure == "share" else "quotes"
    fig.update_layout(barmode="group" if measure == "share" else "stack",
                      height=160 + 26 * len(order) * (2 if measure == "share" else 1),
                      yaxis={"categoryorder": "array", "categoryarray": order[::-1],
                             "title": None},
                      xaxis={"title": title, "tickformat": ".0%" if measure == "share" else ""},
                      legend={"title": {"text": "outlet"}},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def _column(n: int) -> np.ndarray:
    """n points spread from top to bottom of the unit interval."""
    return np.linspace(1, -1, n) if n > 1 else np.zeros(n)


def citation_network(edges: pd.DataFrame) -> go.Figure:
    """Outlets on the left, the sources they cite on the right, an edge per outlet and source
    as wide as its citations, red when some of them dispute the source's words.
    `edges` is views.sources.cited_sources."""
    if edges.empty:
        return empty_figure("No cited sources match the filters")
    outlets = sorted(edges["outlet"].unique())
    sources = list(dict.fromkeys(edges["source"]))
    left = dict(zip(outlets, _column(len(outlets)), strict=True))
    right = dict(zip(sources, _column(len(sources)), strict=True))
    top = float(edges["n_citations"].max()) or 1.0
    fig = go.Figure()
    widths = (2 * (1 + 7 * edges["n_citations"] / top)).round() / 2
    for (width, disputed), group in edges.groupby([widths.to_numpy(),
                                                   edges["n_disputes"].to_numpy() > 0]):
        xs, ys = [], []
        for outlet, source in zip(group["outlet"], group["source"], strict=True):
            xs += [0.0, 1.0, None]
            ys += [left[outlet], right[source], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": float(width),
                                       "color": DISPUTED if disputed else RELIED}))
    fig.add_trace(go.Scatter(
        x=[0.5] * len(edges),
        y=[(left[o] + right[s]) / 2 for o, s in zip(edges["outlet"], edges["source"],
                                                     strict=True)],
        mode="markers", marker={"size": 8, "opacity": 0}, showlegend=False,
        customdata=np.column_stack([edges["outlet"], edges["source"], edges["n_citations"],
                                    edges["n_disputes"]]),
        hovertemplate="%{customdata[0]} cites %{customdata[1]}: %{customdata[2]}×, "
                      "disputed %{customdata[3]}×<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[0.0] * len(outlets), y=[left[o] for o in outlets], mode="markers+text",
        text=outlets, textposition="middle left", showlegend=False,
        marker={"size": 14, "color": OUTLET_COLOUR}, hovertemplate="%{text}<extra></extra>"))
    kinds = edges.drop_duplicates("source").set_index("source")["source_type"]
    totals = edges.groupby("source")["n_citations"].sum()
    fig.add_trace(go.Scatter(
        x=[1.0] * len(sources), y=[right[s] for s in sources], mode="markers+text",
        text=sources, textposition="middle right", showlegend=False,
        marker={"size": 10 + 20 * np.sqrt(totals.reindex(sources).to_numpy() / totals.max()),
                "color": [SOURCE_COLOURS.get(str(kinds[s]), "#bbbbbb") for s in sources]},
        customdata=np.column_stack([kinds.reindex(sources).astype(str),
                                    totals.reindex(sources)]),
        hovertemplate="<b>%{text}</b> (%{customdata[0]})<br>%{customdata[1]} citations"
                      "<extra></extra>"))
    fig.update_layout(height=max(360, 40 + 24 * max(len(sources), len(outlets))),
                      margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"visible": False, "range": [-0.9, 1.9]},
                      yaxis={"visible": False, "range": [-1.15, 1.15]})
    return fig
