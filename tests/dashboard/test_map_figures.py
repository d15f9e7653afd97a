"""The map: opened on the story's region, log shading, labels that fit, small markers above
large ones, no dimming after a click, hover formatted as the table, a titled colour bar."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.places import country_codes
from analysis.views import Filters, places
from dashboard import map_figures

ALL = Filters()


def sample_map(tables) -> go.Figure:
    found = places.place_mentions(tables, ALL)
    return map_figures.place_map(found, places.country_mentions(tables, ALL,
                                                                countries=country_codes()))


def test_place_map_layers(tables):
    choropleth, markers, names = sample_map(tables).data
    assert isinstance(choropleth, go.Choropleth) and set(choropleth.locations) == {"RUS", "BLR"}
    assert isinstance(markers, go.Scattergeo)
    sizes = dict(zip(markers.customdata[:, 1], markers.marker.size, strict=True))
    assert sizes["Moscow"] > sizes["Russia"]  # two mentions against one
    assert isinstance(names, go.Scattergeo) and names.mode == "text" and "Moscow" in names.text
    assert map_figures.MAP_CONFIG == {"topojsonURL": "/app/static/"}


def test_markers_small_above_large_and_no_dimming(tables):
    _, markers, names = sample_map(tables).data
    assert list(markers.marker.size) == sorted(markers.marker.size, reverse=True)
    assert markers.unselected.marker.opacity == markers.marker.opacity
    assert names.unselected.textfont.color == names.textfont.color
    assert sample_map(tables).data[0].unselected.marker.opacity == 1


def test_hover_reads_like_the_table_and_the_colour_bar_says_which_tone(tables):
    markers = sample_map(tables).data[1]
    tones = dict(zip(markers.customdata[:, 1], markers.customdata[:, 5], strict=True))
    found = places.place_mentions(tables, ALL).set_index("name")["tone"]
    assert tones["Moscow"] == f"{found['Moscow']:+.3f}"
    assert "tone" in markers.marker.colorbar.title.text
    assert "VADER" in markers.marker.colorbar.title.text


def test_country_shading_is_logarithmic():
    countries = pd.DataFrame({"country_code": ["US", "BY"], "iso3": ["USA", "BLR"],
                              "country": ["United States", "Belarus"],
                              "n_mentions": [10_000, 10], "n_places": [1, 1],
                              "tone": [0.0, 0.0]})
    fig = map_figures.place_map(pd.DataFrame(columns=["name", "outlets", "n_mentions"]),
                                countries)
    shading = fig.data[0]
    assert list(shading.z) == [4.0, 1.0]  # Belarus keeps a quarter of the US's colour, not 0.1%
    assert list(shading.customdata) == ["10,000", "10"]


def test_the_map_opens_on_the_story_region_with_the_world_a_click_away():
    found = pd.DataFrame({
        "name": ["Moscow", "Minsk", "Kyiv", "Washington"], "kind": ["city"] * 4,
        "n_mentions": [50, 30, 15, 5], "tone": [0.1, 0.2, -0.1, 0.0], "n_articles": [1] * 4,
        "n_outlets": [1] * 4, "outlets": ["A"] * 4, "country_code": ["RU", "BY", "UA", "US"],
        "lat": [55.75, 53.9, 50.45, 38.9], "lon": [37.62, 27.57, 30.52, -77.04],
        "place_id": [1, 2, 3, 4]})
    (lon_low, lon_high), (lat_low, lat_high) = map_figures.story_region(found)
    assert lon_low < 27.57 and lon_high > 37.62 and lat_low < 50.45 and lat_high > 55.75
    assert lon_low > -77  # Washington's 5% is left to the whole-world view
    fig = map_figures.place_map(found, pd.DataFrame(columns=["country_code", "iso3", "country",
                                                             "n_mentions"]))
    assert list(fig.layout.geo.lonaxis.range) == [lon_low, lon_high]
    labels = [button.label for button in fig.layout.updatemenus[0].buttons]
    assert labels == ["Story's region", "Whole world"]
    world = fig.layout.updatemenus[0].buttons[1].args[0]
    assert world["geo.lonaxis.range"] == [-180.0, 180.0]
    # Washington is outside the opening view: named on hover, not by a stray label
    assert "Moscow" in fig.data[1].text and "Washington" not in fig.data[1].text
    assert np.all(np.diff(fig.data[0].marker.size) <= 0)


def test_the_map_draws_the_most_mentioned_places_and_opens_on_all_of_them():
    found = pd.DataFrame({
        "name": ["Kyiv", "Moscow", "Minsk", "Lviv"], "kind": ["city"] * 4,
        "n_mentions": [15, 50, 30, 15], "tone": [0.1, 0.2, -0.1, 0.0], "n_articles": [1] * 4,
        "n_outlets": [1] * 4, "outlets": ["A"] * 4, "country_code": ["UA", "RU", "BY", "UA"],
        "lat": [50.45, 55.75, 53.9, 49.84], "lon": [30.52, 37.62, 27.57, 24.03],
        "place_id": [1, 2, 3, 4]})
    none = pd.DataFrame(columns=["country_code", "iso3", "country", "n_mentions"])
    fig = map_figures.place_map(found, none, markers=3)
    # ties at the cut go by name: Kyiv before Lviv
    assert list(fig.data[0].customdata[:, 1]) == ["Moscow", "Minsk", "Kyiv"]
    whole = map_figures.place_map(found, none)
    assert fig.layout.geo.lonaxis.range == whole.layout.geo.lonaxis.range
    assert len(whole.data[0].customdata) == 4
