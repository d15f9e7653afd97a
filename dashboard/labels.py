"""Where to put a map label so that neighbouring places stay readable (no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd

LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top right",
                   "top left", "bottom right", "bottom left")


def _label_boxes(points: np.ndarray, radii: np.ndarray, widths: np.ndarray,
                 height: float) -> np.ndarray:
    """(n, len(LABEL_POSITIONS), 4): each label's box (x0, y0, x1, y1) at each position, beside
    a marker of radius `radii` at `points`."""
    x, y = points[:, 0, None], points[:, 1, None]
    r, width = radii[:, None], widths[:, None]
    vertical = np.array([pos.split()[0] for pos in LABEL_POSITIONS])
    horizontal = np.array([pos.split()[1] for pos in LABEL_POSITIONS])
    beside = np.where(vertical == "middle", 1.0, 0.7) * r
    left = np.where(horizontal == "center", x - width / 2,
                    np.where(horizontal == "right", x + beside, x - beside - width))
    bottom = np.where(vertical == "top", y + r,
                      np.where(vertical == "bottom", y - r - height, y - height / 2))
    return np.stack([left, bottom, left + width, bottom + height], axis=-1)


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
    widths = np.array([7.5 * len(str(name)) + 4 for name in names], dtype=float)
    every_box = _label_boxes(points, radii + 2, widths, 16.0)
    labels = np.zeros((0, 4))
    chosen: list[str | None] = []
    for i, name in enumerate(names):
        if not name or not inside[i]:
            chosen.append(None)
            continue
        boxes = every_box[i]
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
