"""Compare figures: distinctive terms as ranked bars per outlet or group, two of them against
each other (Scattertext-like), and coverage and tone over time (no Streamlit; pure functions of
the views in analysis.views.distinctive and analysis.views.timeline)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.tone import MIN_ARTICLES
from dashboard.figures import as_text, empty_figure

Z_SCALE = [[0.0, "#b15928"], [0.5, "#d9d9d9"], [1.0, "#1f4e79"]]  # second's .. first's words
BAR_COLOUR = "#1f4e79"
MUTED = "#b8c0ca"  # a period resting on too few articles to compare
PER_ROW = 3  # bar panels side by side
LABELLED = 12  # terms labelled on each side of the scatter


def term_bars(terms: pd.DataFrame) -> go.Figure:
    """One panel per outlet or group, its terms ranked by z (views.distinctive
    .distinctive_terms rows, already cut to the groups to show)."""
    if terms.empty:
        return empty_figure("No terms: distinctive terms need two outlets or groups")
    terms = as_text(terms, "group", "term")
    groups = list(dict.fromkeys(terms["group"]))
    rows = math.ceil(len(groups) / PER_ROW)
    fig = make_subplots(rows=rows, cols=min(len(groups), PER_ROW), subplot_titles=groups,
                        horizontal_spacing=0.12, vertical_spacing=0.3 / max(rows, 1))
    most = 1
    for i, group in enumerate(groups):
        of_group = terms[terms["group"] == group]
        most = max(most, len(of_group))
        fig.add_trace(go.Bar(
            x=of_group["z"], y=of_group["term"], orientation="h", marker_color=BAR_COLOUR,
            showlegend=False, customdata=np.column_stack([of_group["articles"],
                                                          of_group["articles_rest"],
                                                          of_group["kind"]]),
            hovertemplate="%{y} (%{customdata[2]}): z %{x:.2f}, in %{customdata[0]} of its "
                          "articles, %{customdata[1]} elsewhere<extra></extra>"),
            row=i // PER_ROW + 1, col=i % PER_ROW + 1)
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="z (log-odds, informative prior)")
    fig.update_layout(height=120 + rows * (60 + 22 * most), margin={"l": 10, "r": 10, "t": 40,
                                                                    "b": 10})
    return fig


def term_scatter(pairs: pd.DataFrame, *, first: str, second: str) -> go.Figure:
    """Share of `first`'s articles using a term against `second`'s, coloured by z (views
    .distinctive.two_group_terms); the most distinctive terms of each side are labelled."""
    if pairs.empty:
        return empty_figure("No terms used by both sides in enough articles")
    pairs = as_text(pairs, "term")
    first_name, second_name = as_text(pd.DataFrame({"n": [first, second]}), "n")["n"]
    labelled = pd.concat([pairs.head(LABELLED), pairs.tail(LABELLED)]).index
    text = pd.Series("", index=pairs.index).where(~pairs.index.isin(labelled), pairs["term"])
    reach = float(pairs["z"].abs().max()) or 1.0
    fig = go.Figure(go.Scatter(
        x=pairs["share_first"], y=pairs["share_second"], mode="markers+text", text=text,
        textposition="top center", textfont={"size": 10},
        marker={"color": pairs["z"], "colorscale": Z_SCALE, "cmin": -reach, "cmax": reach,
                "size": 8, "colorbar": {"title": {"text": "z"}}},
        customdata=np.column_stack([pairs["term"], pairs["articles_first"],
                                    pairs["articles_second"]]),
        hovertemplate="%{customdata[0]}: " + first_name.replace("%", "%%")
                      + " %{x:.1%} (%{customdata[1]} articles), " + second_name.replace("%", "%%")
                      + " %{y:.1%} (%{customdata[2]} articles), z %{marker.color:.2f}"
                        "<extra></extra>"))
    top = float(max(pairs["share_first"].max(), pairs["share_second"].max())) * 1.05
    fig.add_shape(type="line", x0=0, y0=0, x1=top, y1=top, line={"dash": "dot",
                                                                 "color": "#9aa5b1"})
    fig.update_layout(height=560, xaxis={"title": f"share of {first_name} articles",
                                         "tickformat": ".0%"},
                      yaxis={"title": f"share of {second_name} articles", "tickformat": ".0%"},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def counts_over_time(rows: pd.DataFrame, *, value: str, title: str) -> go.Figure:
    """One line per outlet or group of `value` per period (views.timeline rows); an empty
    period is a 0 on the line, an undated article is not on it."""
    if rows.empty:
        return empty_figure("No dated articles match the filters")
    rows = as_text(rows, "outlet")
    fig = go.Figure()
    for outlet, of_outlet in rows.groupby("outlet", sort=True):
        fig.add_trace(go.Scatter(x=of_outlet["period"], y=of_outlet[value], name=outlet,
                                 mode="lines+markers", line={"shape": "hv"}))
    fig.update_layout(height=360, yaxis={"title": title, "rangemode": "tozero"},
                      xaxis={"title": None}, legend={"title": {"text": "outlet"}},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def tone_over_time(rows: pd.DataFrame) -> go.Figure:
    """Mean sentence tone per outlet or group and period with its 95% interval (views
    .timeline.tone_over_time); a period without articles breaks the line, and one resting on
    too few articles to compare is ringed in grey."""
    if rows.empty or rows["mean"].isna().all():
        return empty_figure("No dated articles match the filters")
    rows = as_text(rows, "outlet")
    fig = go.Figure()
    for outlet, of_outlet in rows.groupby("outlet", sort=True):
        fig.add_trace(go.Scatter(
            x=of_outlet["period"], y=of_outlet["mean"], name=outlet, mode="lines+markers",
            connectgaps=False,
            error_y={"type": "data", "symmetric": False,
                     "array": (of_outlet["ci_high"] - of_outlet["mean"]).fillna(0),
                     "arrayminus": (of_outlet["mean"] - of_outlet["ci_low"]).fillna(0)},
            customdata=np.column_stack([of_outlet["n_articles"].astype("float"),
                                        of_outlet["ci_low"].round(3),
                                        of_outlet["ci_high"].round(3)]),
            hovertemplate=outlet.replace("%", "%%") + " %{x|%Y-%m-%d}: mean %{y:.3f} (95%: "
                          "%{customdata[1]} .. %{customdata[2]}), %{customdata[0]} articles"
                          "<extra></extra>"))
    few = rows[rows["too_few"].fillna(False).astype(bool)]
    if not few.empty:
        fig.add_trace(go.Scatter(x=few["period"], y=few["mean"], mode="markers",
                                 name=f"too few articles (< {MIN_ARTICLES})", hoverinfo="skip",
                                 marker={"symbol": "circle-open", "size": 14, "color": MUTED,
                                         "line": {"width": 2}}))
    fig.add_hline(y=0, line_dash="dot", line_color="#9aa5b1")
    fig.update_layout(height=380, yaxis={"title": "mean sentence tone (VADER)"},
                      xaxis={"title": None}, legend={"title": {"text": "outlet"}},
                      margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
