"""The map: countries shaded by mentions, places as tone-coloured markers (no Streamlit).

It opens on the story's region (the places that carry most of the mentions), with a button for
the whole world; shading is logarithmic so one much-named country does not wash out the rest;
only labels that fit are drawn (a trace of their own); small markers lie above large ones, so
a click picks what is under the pointer; a click selects without dimming the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import TONE_SCALE, as_text, marker_sizes
from dashboard.labels import fitting_labels

MENTION_SCALE = [[0.0, "#eef3fa"], [1.0, "#6f94c4"]]
# pass to st.plotly_chart: the map's outlines come from the app's own static folder
MAP_CONFIG = {"topojsonURL": "/app/static/"}
MAP_HEIGHT = 560
# markers drawn at most, the most mentioned: the browser draws each as an SVG path, and at
# 37,554 articles (about 7,000 places) redrawing them took it over a second per filter change,
# while the markers of places named once lay under one another (the table lists every place)
MAP_MARKERS = 1_000
WORLD = ((-180.0, 180.0), (-90.0, 90.0))
FRAME_RATIO = 1.5  # degrees of longitude per degree of latitude the frame shows, about
STORY_SHARE = 0.8  # the region holds the places that carry this share of the mentions
TONE_TITLE = "mean sentence<br>tone (VADER)"
LABEL_COLOUR = "#1b1f24"
# a click selects a place; plotly would dim every other marker and label unless told not to
UNDIMMED = {"marker": {"opacity": 0.85}, "textfont": {"color": LABEL_COLOUR}}

Region = tuple[tuple[float, float], tuple[float, float]]


def story_region(places: pd.DataFrame, *, share: float = STORY_SHARE,
                 min_span: tuple[float, float] = (30.0, 16.0)) -> Region:
    """(lon range, lat range) around the most mentioned places that together carry `share`
    of the mentions, padded, at least `min_span` degrees wide and high and about as wide for
    its height as the map's frame (so the region fills it); the world if no place."""
    if places.empty:
        return WORLD
    ranked = places.sort_values("n_mentions", ascending=False, kind="stable")
    carried = ranked["n_mentions"].cumsum() / ranked["n_mentions"].sum()
    core = ranked.iloc[: int((carried < share).sum()) + 1]
    low = core[["lon", "lat"]].min().to_numpy(float)
    high = core[["lon", "lat"]].max().to_numpy(float)
    span = np.maximum((high - low) * 1.3, min_span)
    span = np.maximum(span, [span[1] * FRAME_RATIO, span[0] / FRAME_RATIO])
    centre = (low + high) / 2
    return tuple(
        (max(float(c - s / 2), world[0]), min(float(c + s / 2), world[1]))
        for c, s, world in zip(centre, span, WORLD, strict=True))


def _view_buttons(region: Region) -> list[dict]:
    def view(ranges: Region) -> dict:
        return {"geo.lonaxis.range": list(ranges[0]), "geo.lataxis.range": list(ranges[1])}

    return [{"type": "buttons", "direction": "right", "x": 0.0, "y": 1.0, "xanchor": "left",
             "yanchor": "top", "showactive": True, "bgcolor": "white",
             "buttons": [{"label": "Story's region", "method": "relayout",
                          "args": [view(region)]},
                         {"label": "Whole world", "method": "relayout", "args": [view(WORLD)]}]}]


def _countries(countries: pd.DataFrame) -> go.Choropleth:
    # log shading: at 5,000 articles one country named 10,000 times would wash out the rest
    return go.Choropleth(
        locations=countries["iso3"], z=np.log10(countries["n_mentions"].to_numpy(float)),
        zmin=0, locationmode="ISO-3", colorscale=MENTION_SCALE, showscale=False,
        marker_line_color="#7f8c9d", text=countries["country"], name="countries",
        customdata=[f"{n:,}" for n in countries["n_mentions"]],
        hovertemplate="%{text}: %{customdata} mentions (country and its places)<extra></extra>",
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
    )


def _places(places: pd.DataFrame, countries: pd.DataFrame,
            region: Region) -> list[go.Scattergeo]:
    """The markers, then the labels that fit in a trace of their own: at thousands of places
    an empty text beside every marker cost the browser a fifth of the map's drawing."""
    names = dict(zip(countries["country_code"], countries["country"], strict=True))
    country = [names.get(code, code) for code in places["country_code"].fillna("")]
    sizes = marker_sizes(places["n_mentions"])
    labels = pd.Series(fitting_labels(places["lon"], places["lat"], places["name"], sizes,
                                      lon_range=region[0], lat_range=region[1],
                                      height_px=MAP_HEIGHT), dtype=object)
    labelled = places[labels.notna().to_numpy()]
    # hover and table alike: signed tone to 3 places, counts with thousands separators
    tone = [f"{t:+.3f}" if pd.notna(t) else "none" for t in places["tone"]]
    markers = go.Scattergeo(
        lat=places["lat"], lon=places["lon"], mode="markers",
        marker={"size": sizes, "color": places["tone"], "colorscale": TONE_SCALE,
                "cmin": -1, "cmax": 1, "line": {"width": 1, "color": "#333"}, "opacity": 0.85,
                "colorbar": {"title": {"text": TONE_TITLE}, "thickness": 12,
                             "tickformat": "+.1f"}},
        selected=UNDIMMED, unselected=UNDIMMED,
        customdata=np.column_stack([places["place_id"], places["name"], country,
                                    [f"{n:,}" for n in places["n_mentions"]],
                                    places["outlets"], tone]),
        hovertemplate="<b>%{customdata[1]}</b>, %{customdata[2]}<br>"
                      "%{customdata[3]} mentions<br>outlets: %{customdata[4]}<br>"
                      "mean sentence tone %{customdata[5]}<extra></extra>",
        name="places",
    )
    names_shown = go.Scattergeo(
        lat=labelled["lat"], lon=labelled["lon"], mode="text", text=labelled["name"],
        textposition=labels.dropna().tolist(), textfont=UNDIMMED["textfont"] | {"size": 13},
        selected=UNDIMMED, unselected=UNDIMMED, hoverinfo="skip", name="place names")
    return [markers, names_shown]


def place_map(places: pd.DataFrame, countries: pd.DataFrame, *,
              markers: int = MAP_MARKERS) -> go.Figure:
    """Countries shaded by mentions (log scale), places as tone-coloured markers sized by
    mentions (the `markers` most mentioned), opened on story_region (of every place).

    `places` is views.places.place_mentions, `countries` views.places.country_mentions. Markers
    are drawn largest first, so a small place lies above the large one around it.
    """
    places, countries = as_text(places, "name", "outlets"), as_text(countries, "country")
    # most mentioned first: they get the labels, and (being largest) are drawn underneath
    places = places.sort_values(["n_mentions", "name"], ascending=[False, True],
                                ignore_index=True)
    region = story_region(places)
    fig = go.Figure()
    if not countries.empty:
        fig.add_trace(_countries(countries))
    if not places.empty:
        fig.add_traces(_places(places.head(markers), countries, region))
    fig.update_geos(projection_type="natural earth", showcountries=True,
                    countrycolor="#9aa5b1", showland=True, landcolor="#fafafa",
                    showocean=True, oceancolor="#eef5fb",
                    lonaxis_range=list(region[0]), lataxis_range=list(region[1]))
    fig.update_layout(height=MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      showlegend=False, updatemenus=_view_buttons(region))
    return fig
