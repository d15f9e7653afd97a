"""Tone figures: sentence tone per outlet, and entity-targeted tone per entity and outlet."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.tone import MIN_ARTICLES
from dashboard.figures import TONE_SCALE, as_text, empty_figure, outlet_sequence
from dashboard.safe_text import for_chart

MAX_POINTS = 5_000  # sentence dots drawn on the tone chart

GREY = "#7f8c9d"
MUTED = "#b8c0ca"  # what rests on too few articles to compare


def _sample(values: pd.Series, size: int) -> pd.Series:
    return values if len(values) <= size else values.sample(size, random_state=0)


def _box_stats(tones: pd.DataFrame) -> pd.DataFrame:
    """Tukey box statistics per outlet (q1, median, q3, lowerfence, upperfence), so a big
    corpus sends five numbers per outlet, not every tone. The tones are sorted once, by outlet
    then tone: each outlet's fences are the first and last of its tones within reach of its
    box (a groupby's quantiles and a join back to every sentence took 0.1 s at 400,000)."""
    tones = tones[tones["tone"].notna()]
    outlet, outlets = pd.factorize(tones["outlet"], sort=True)
    values = tones["tone"].to_numpy(dtype=float)
    order = np.lexsort((values, outlet))
    values, outlet = values[order], outlet[order]
    bounds = np.searchsorted(outlet, np.arange(len(outlets) + 1))
    rows = []
    for start, end in itertools.pairwise(bounds.tolist()):
        own = values[start:end]
        q1, median, q3 = np.quantile(own, [0.25, 0.5, 0.75])  # linear, as pandas' quantile
        reach = 1.5 * (q3 - q1)
        low = np.searchsorted(own, q1 - reach, side="left")
        high = np.searchsorted(own, q3 + reach, side="right") - 1
        rows.append((q1, median, q3, own[low], own[high]))
    return pd.DataFrame(rows, columns=["q1", "median", "q3", "lowerfence", "upperfence"],
                        index=pd.Index(np.asarray(outlets), name="outlet"))


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


def _mean_markers(outlets: pd.DataFrame, *, muted: bool) -> go.Scatter:
    """Each outlet's mean with its interval; `muted` (too few articles): hollow and grey."""
    colour = MUTED if muted else "#1b1f24"
    marker = ({"symbol": "diamond-open", "size": 12, "color": MUTED} if muted else
              {"symbol": "diamond", "size": 12, "color": outlets["mean"],
               "colorscale": TONE_SCALE, "cmin": -1, "cmax": 1,
               "line": {"width": 1, "color": colour}})
    return go.Scatter(
        x=outlets["outlet"], y=outlets["mean"], mode="markers", marker=marker,
        name=f"mean, too few articles (< {MIN_ARTICLES})" if muted else "mean, 95% interval",
        error_y={"type": "data", "symmetric": False, "color": colour, "thickness": 2,
                 "array": (outlets["ci_high"] - outlets["mean"]).fillna(0),
                 "arrayminus": (outlets["mean"] - outlets["ci_low"]).fillna(0)},
        customdata=np.column_stack([outlets["n_sentences"], outlets["n_articles"],
                                    outlets["ci_low"].round(3), outlets["ci_high"].round(3)]),
        hovertemplate="%{x}: mean %{y:.3f} (95%: %{customdata[2]} .. %{customdata[3]}), "
                      "%{customdata[0]} sentences in %{customdata[1]} articles"
                      + (" (too few to compare)" if muted else "") + "<extra></extra>",
    )


def tone_distribution(tones: pd.DataFrame, outlets: pd.DataFrame, *,
                      kind: str = "box") -> go.Figure:
    """Sentence tone per outlet (box, violin or strip) with the mean and its 95% interval;
    the mean of an outlet with too few articles is drawn hollow and grey.

    `tones` is views.tone.sentence_tones (outlet, tone), `outlets` views.tone.outlet_tone_view.
    Up to MAX_POINTS sentences every one is drawn; beyond, boxes are computed from all of them
    and violins and strips from a fixed sample of MAX_POINTS.
    """
    if tones.empty:
        return empty_figure("No sentences match the filters")
    outlets = as_text(outlets, "outlet")
    order = list(outlets["outlet"])
    many = len(tones) > MAX_POINTS
    fig = go.Figure()
    if kind == "box" and many:  # one trace of precomputed boxes: 100 traces cost a second
        stats = _box_stats(tones)  # by the outlets as held (a categorical's codes), then named
        stats.index = for_chart(stats.index.tolist())
        stats = stats.reindex(order).dropna()
        fig.add_trace(go.Box(x=stats.index.tolist(), name="sentence tone", showlegend=False,
                             line={"color": GREY},
                             **{col: stats[col].tolist() for col in stats.columns}))
    else:
        _add_outlet_traces(fig, as_text(tones, "outlet"), order, kind=kind, many=many)
    for too_few, rows in outlets.groupby("too_few", sort=True):
        fig.add_trace(_mean_markers(rows, muted=bool(too_few)))
    fig.add_hline(y=0, line_dash="dot", line_color="#9aa5b1")
    fig.update_layout(height=460, yaxis={"title": "sentence tone (VADER compound)",
                                         "range": [-1.05, 1.05]},
                      # every outlet labelled (plotly skips labels it finds crowded)
                      xaxis={"title": None, "categoryorder": "array", "categoryarray": order,
                             "tickmode": "array", "tickvals": order, "ticktext": order},
                      legend={"orientation": "h", "y": 1.08},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig


def entity_tone_heatmap(matrix: pd.DataFrame, *, outlets: Sequence[str] = ()) -> go.Figure:
    """Entity x outlet mean entity-targeted tone (views.tone.entity_tone_matrix, scored by
    analysis.tone.ENTITY_SCORER, not VADER), outlets in the page's order `outlets`. A cell
    resting on fewer than MIN_ARTICLES articles is drawn in flat grey, its mean only in the
    hover: too few to compare."""
    if matrix.empty:
        return empty_figure("No entities match the filters")
    matrix = as_text(matrix, "name", "outlet")
    order = list(dict.fromkeys(matrix["name"]))
    outlets = outlet_sequence(matrix, outlets)

    def grid(values: pd.Series) -> np.ndarray:
        table = matrix.assign(v=values).pivot_table(index="name", columns="outlet", values="v",
                                                    aggfunc="first", dropna=False)
        return table.reindex(index=order, columns=outlets).to_numpy(dtype=object)

    mean = grid(matrix["mean"]).astype(float)
    too_few = grid(matrix["too_few"]) == True  # noqa: E712  (missing cells are None)
    text = grid(matrix["n_sentences"].astype(str) + " · " + matrix["n_articles"].astype(str))
    shares = grid((100 * matrix["negative"]).round().astype(int).astype(str) + "% / "
                  + (100 * matrix["neutral"]).round().astype(int).astype(str) + "% / "
                  + (100 * matrix["positive"]).round().astype(int).astype(str) + "%")
    hover = ("%{y} in %{x}: mean targeted tone %{customdata[0]:+.3f}; mentions read negative / "
             "neutral / positive %{customdata[1]}; sentences · articles %{text}")
    custom = np.dstack([mean, shares])
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        z=np.where(too_few, np.nan, mean), x=outlets, y=order, zmin=-1, zmax=1,
        colorscale=TONE_SCALE, text=np.where(too_few, "", text), texttemplate="%{text}",
        customdata=custom, colorbar={"title": {"text": "targeted<br>tone"}},
        hovertemplate=hover + "<extra></extra>", hoverongaps=False, name="cells"))
    fig.add_trace(go.Heatmap(
        z=np.where(too_few, 0.0, np.nan), x=outlets, y=order, zmin=0, zmax=1,
        colorscale=[[0, "#eceff3"], [1, "#eceff3"]], showscale=False, hoverongaps=False,
        text=np.where(too_few, text, ""), texttemplate="%{text}",
        textfont={"color": "#8a95a3"}, customdata=custom,
        hovertemplate=hover + f" (too few articles, < {MIN_ARTICLES})<extra></extra>",
        name="too few"))
    fig.update_layout(height=160 + 26 * len(order), yaxis={"autorange": "reversed"},
                      xaxis={"tickmode": "array", "tickvals": outlets, "ticktext": outlets},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def entity_tone_shares(matrix: pd.DataFrame, *, entity_id: str,
                       outlets: Sequence[str] = ()) -> go.Figure:
    """One entity's mentions per outlet as shares read negative, neutral and positive (stacked
    to 100%), with the mean targeted tone written beside; outlets with too few articles are
    faded and marked."""
    rows = matrix[matrix["entity_id"] == entity_id]
    if rows.empty:
        return empty_figure("The entity is not in the table within the filters")
    rows = as_text(rows, "outlet")
    sequence = outlet_sequence(rows, outlets)
    # the page's order from the top down (plotly draws a category axis upwards)
    rows = rows.set_index("outlet").loc[sequence[::-1]].reset_index()
    labels = [f"{o} (too few)" if few else o for o, few in zip(rows["outlet"], rows["too_few"],
                                                                 strict=True)]
    opacity = np.where(rows["too_few"], 0.35, 1.0)
    fig = go.Figure()
    for label, colour in (("negative", "#c0392b"), ("neutral", "#b8c0ca"),
                          ("positive", "#1e8449")):
        fig.add_trace(go.Bar(
            y=labels, x=rows[label].tolist(), name=label, orientation="h",
            marker={"color": colour, "opacity": opacity},
            hovertemplate="%{y}: %{x:.0%} of the mentions read " + label + "<extra></extra>"))
    fig.add_trace(go.Scatter(
        y=labels, x=[1.02] * len(rows), mode="text", showlegend=False, hoverinfo="skip",
        text=[f"mean {m:+.2f}" for m in rows["mean"]], textposition="middle right"))
    fig.update_layout(barmode="stack", height=120 + 28 * len(rows),
                      xaxis={"tickformat": ".0%", "range": [0, 1.25], "title": None},
                      yaxis={"title": None}, legend={"orientation": "h", "y": 1.1},
                      margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return fig
