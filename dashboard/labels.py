"""Where to put a map label so that neighbouring places stay readable (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd

LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right",
                   "top left", "bottom right", "bottom left")


def _label_box(x: float, y: float, radius: float, width: float, height: float,
               position: str) -> tuple[float, float, float, float]:
    vertical, horizontal = position.split()
    if horizontal == "center":
        left = x - width / 2
    elif horizontal == "right":
        left = x + (radius if vertical == "middle" else radius * 0.7)
    else:
        left = x - (radius if vertical == "middle" else radius * 0.7) - width
    if vertical == "top":
        bottom = y + radius
    elif vertical == "bottom":
        bottom = y - radius - height
    else:
        bottom = y - height / 2
    return left, bottom, left + width, bottom + height


def _overlaps(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """(len(boxes), len(others)): True where box i overlaps other j (boxes as x0, y0, x1, y1)."""
    return ((boxes[:, None, 0] < others[None, :, 2]) & (others[None, :, 0] < boxes[:, None, 2])
            & (boxes[:, None, 1] < others[None, :, 3]) & (others[None, :, 1] < boxes[:, None, 3]))


def fitting_labels(lon: pd.Series, lat: pd.Series, names: pd.Series, sizes: np.ndarray, *,
                   lon_range: tuple[float, float], lat_range: tuple[float, float],
                   width_px: float = 1000.0, height_px: float = 560.0) -> list[str | None]:
    """A text position per marker, or None where no label fits: the place lies outside the
    view (`lon_range`, `lat_range`) or every position would cover a label already placed.

    Greedy, in the given order (most mentioned first, so those get the best spot and are the
    ones labelled), in an equirectangular approximation of the map; a label may touch other
    markers when it must (the position covering fewest), but never another label. The rest
    are named on hover.
    """
    span_lon = max(lon_range[1] - lon_range[0], 1e-6)
    span_lat = max(lat_range[1] - lat_range[0], 1e-6)
    px = min(width_px / span_lon, height_px / span_lat)  # pixels per degree, as drawn
    points = np.column_stack([lon.to_numpy(float) * px, lat.to_numpy(float) * px])
    radii = np.asarray(sizes, dtype=float) / 2
    markers = np.column_stack([points - radii[:, None], points + radii[:, None]])
    inside = ((lon >= lon_range[0]) & (lon <= lon_range[1]) & (lat >= lat_range[0])
              & (lat <= lat_range[1])).to_numpy()
    labels = np.zeros((0, 4))
    chosen: list[str | None] = []
    for i, name in enumerate(names):
        if not name or not inside[i]:
            chosen.append(None)
            continue
        (x, y), r = points[i], radii[i] + 2
        width, height = 7.5 * len(str(name)) + 4, 16.0
        boxes = np.array([_label_box(x, y, r, width, height, pos) for pos in LABEL_POSITIONS])
        free = ~_overlaps(boxes, labels).any(axis=1)
        if not free.any():
            chosen.append(None)
            continue
        covered = _overlaps(boxes[free], markers)
        covered[:, i] = False  # its own marker
        # fewest markers covered, then the first position in LABEL_POSITIONS
        best = np.flatnonzero(free)[int(np.argmin(covered.sum(axis=1)))]
        chosen.append(LABEL_POSITIONS[best])
        labels = np.vstack([labels, boxes[best]])
    return chosen
