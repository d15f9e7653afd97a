"""Where labels and graph nodes go: deterministic, bounded, apart."""

import numpy as np
import pandas as pd

from dashboard.labels import fitting_labels


def test_labels_that_fit_keep_neighbours_apart():
    # two places a degree apart on a map spanning 80 degrees: the labels must not stack
    lon, lat = pd.Series([37.6, 38.6, 110.0]), pd.Series([55.8, 55.0, 60.0])
    names = pd.Series(["Moscow", "Podolsk", "Far away"])
    view = {"lon_range": (30.0, 115.0), "lat_range": (40.0, 70.0)}
    positions = fitting_labels(lon, lat, names, np.array([20, 20, 20]), **view)
    assert positions[0] == "top center"  # the most mentioned gets the preferred spot
    assert positions[1] not in (None, "top center")
    assert positions[2] == "top center"  # nothing near it
    # outside the view: no label
    assert fitting_labels(lon, lat, names, np.array([20, 20, 20]), lon_range=(30.0, 60.0),
                          lat_range=(40.0, 70.0))[2] is None


def test_labels_that_cannot_fit_are_left_to_the_hover():
    # twelve places stacked on one spot of a world map: only a few labels find room
    lon, lat = pd.Series([37.6] * 12), pd.Series([55.8] * 12)
    names = pd.Series([f"Place number {i}" for i in range(12)])
    positions = fitting_labels(lon, lat, names, np.full(12, 10.0), lon_range=(-180.0, 180.0),
                               lat_range=(-90.0, 90.0))
    assert positions[0] is not None
    assert 1 <= sum(p is not None for p in positions) < 12
