"""Tone figures: sentence tone per outlet, and entity-targeted tone per entity and outlet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import TONE_SCALE, as_text, empty_figure

MAX_POINTS = 5_000  # sentence dots drawn on the tone chart

GREY = "#7f8c9d"


def _sample(values: pd.Series, size: int) -> pd.Series:
    return values if len(values) <= size else values.sample(size, random_state=0)


def _box_stats(tones: pd.DataFrame) -> pd.DataFrame:
    """Tukey box statistics per outlet (q1, median, q3, lowerfence, upperfence), so a big
    corpus sends five numbers per outlet, not every tone."""
    quartiles = tones.groupby("outlet")["tone"].quantile([0.25, 0.5, 0.75]).unstack()
    quartiles.columns = ["q1", "median", "q3"]
    rows = tones.join(quartiles, on="outlet")
    reach = 1.5 * (rows["q3"] - rows["q1"])
    inside = rows[(rows["tone"] >= rows["q1"] - reach) & (rows["tone"] <= rows["q3"] + reach)]
    fences = inside.groupby("outlet")["tone"].agg(lowerfence="min", upperfence="max")
    return quartiles.join(fences)


def _add_outlet_traces(fig: go.Figure, tones: pd.DataFrame, order: list[str], *, kind: str,
                       many: bool) -> None:
    """One violin, strip or box of every sentence per outlet (a fixed sample when `many`)."""
    per_outlet = max(MAX_POINTS // max(len(order), 1), 50)
    by_outlet = {outlet: values for outlet, values in tones.groupby("outlet")["tone"]}
    for outlet in order:
        values = by_outlet.get(outlet, pd.Series(dtype="float64"))
        if kind == "violin":
            shown = _sample(values, per_outlet) if many else values
            fig.add_trace(go.Violin(x=[outlet] * len(shown), y=shown, name=outlet,
                                    points=False if many else "all", pointpos=0, jitter=0.3,
                                    showlegend=False, line_color=GREY, box_visible=False))
        elif kind == "strip":
            shown = _sample(values, per_outlet) if many else values
            fig.add_trace(go.Box(x=[outlet] * len(shown), y=shown, name=outlet,
                                 boxpoints="all", jitter=0.4, pointpos=0, showlegend=False,
                                 fillcolor="rgba(0,0,0,0)", line={"color": "rgba(0,0,0,0)"},
                                 marker={"color": GREY, "size": 5}))
        else:
            fig.add_trace(go.Box(x=[outlet] * len(values), y=values, name=outlet,
                                 boxpoints="all", jitter=0.3, pointpos=0, showlegend=False,
                                 marker={"color": GREY, "size": 4}, line={"color": GREY}))


def tone_distribution(tones: pd.DataFrame, outlets: pd.DataFrame, *,
                      kind: str = "box") -> go.Figure:
    """Sentence tone per outlet (box, violin or strip) with the mean and its 95% interval.

    `tones` is views.tone.sentence_tones (outlet, tone), `outlets` views.tone.outlet_tone_view.
    Up to MAX_POINTS sentences every one is drawn; beyond, boxes are computed from all of them
    and violins and strips from a fixed sample of MAX_POINTS.
    """
    if tones.empty:
        return empty_figure("No sentences match the filters")
    tones, outlets = as_text(tones, "outlet"), as_text(outlets, "outlet")
    order = list(outlets["outlet"])
    many = len(tones) > MAX_POINTS
    fig = go.Figure()
    if kind == "box" and many:  # one trace of precomputed boxes: 100 traces cost a second
        stats = _box_stats(tones).reindex(order).dropna()
        fig.add_trace(go.Box(x=stats.index.tolist(), name="sentence tone", showlegend=False,
                             line={"color": GREY},
                             **{col: stats[col].tolist() for col in stats.columns}))
    else:
        _add_outlet_traces(fig, tones, order, kind=kind, many=many)
    fig.add_trace(go.Scatter(
        x=outlets["outlet"], y=outlets["mean"], mode="markers", name="mean, 95% interval",
        marker={"symbol": "diamond", "size": 12, "color": outlets["mean"],
                "colorscale": TONE_SCALE, "cmin": -1, "cmax": 1,
                "line": {"width": 1, "color": "#1b1f24"}},
        error_y={"type": "data", "symmetric": False, "color": "#1b1f24", "thickness": 2,
                 "array": (outlets["ci_high"] - outlets["mean"]).fillna(0),
                 "arrayminus": (outlets["mean"] - outlets["ci_low"]).fillna(0)},
        customdata=np.column_stack([outlets["n_sentences"], outlets["ci_low"].round(3),
                                    outlets["ci_high"].round(3)]),
        hovertemplate="%{x}: mean %{y:.3f} (95%: %{customdata[1]} .. %{customdata[2]}), "
                      "%{customdata[0]} sentences<extra></extra>",
    ))
    fig.add_hline(y=0, line_dash="dot", line_color="#9aa5b1")
    fig.update_layout(height=460, yaxis={"title": "sentence tone (VADER compound)",
                                         "range": [-1.05, 1.05]},
                      xaxis={"title": None, "categoryorder": "array", "categoryarray": order},
                      legend={"orientation": "h", "y": 1.08},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def entity_tone_heatmap(matrix: pd.DataFrame) -> go.Figure:
    """Entity x outlet mean entity-targeted tone (views.tone.entity_tone_matrix, scored by
    analysis.tone.ENTITY_SCORER, not VADER)."""
    if matrix.empty:
        return empty_figure("No entities match the filters")
    matrix = as_text(matrix, "name", "outlet")
    z = matrix.pivot_table(index="name", columns="outlet", values="mean", aggfunc="first")
    n = matrix.pivot_table(index="name", columns="outlet", values="n_sentences", aggfunc="first")
    order = list(dict.fromkeys(matrix["name"]))
    z, n = z.reindex(order), n.reindex(order).reindex(columns=z.columns)
    text = np.where(n.isna(), "", n.fillna(0).astype(int).astype(str))
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=list(z.columns), y=order, zmin=-1, zmax=1, colorscale=TONE_SCALE,
        text=text, texttemplate="%{text}", colorbar={"title": {"text": "targeted<br>tone"}},
        hovertemplate="%{y} in %{x}: mean targeted tone %{z:.3f} over %{text} sentences"
                      "<extra></extra>",
    ))
    fig.update_layout(height=160 + 26 * len(order), yaxis={"autorange": "reversed"},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
