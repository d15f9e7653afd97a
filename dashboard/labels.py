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


def label_positions(lon: pd.Series, lat: pd.Series, names: pd.Series, sizes: np.ndarray, *,
                    map_width_px: float = 1000.0) -> list[str]:
    """A text position per marker that keeps labels off each other and off other markers.

    Greedy, in the given order (most mentioned first, so those get the best spot), in an
    equirectangular approximation of the map: good enough to keep Moscow and Belarus apart.
    """
    span = max(float(lon.max() - lon.min()) * 1.2, 60.0) if len(lon) else 360.0
    px = map_width_px / span  # pixels per degree
    points = np.column_stack([lon.to_numpy(float) * px, lat.to_numpy(float) * px])
    radii = np.asarray(sizes, dtype=float) / 2
    taken: list[tuple[float, float, float, float]] = [
        (x - r, y - r, x + r, y + r) for (x, y), r in zip(points, radii, strict=True)
    ]
    own = list(taken)
    chosen = []
    for i, name in enumerate(names):
        if not name:
            chosen.append("top center")
            continue
        (x, y), r = points[i], radii[i] + 2
        width, height = 7.5 * len(str(name)) + 4, 16.0

        def clashes(box, i=i):
            return sum(
                box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                for other in taken if other is not own[i]
            )

        boxes = {pos: _label_box(x, y, r, width, height, pos) for pos in LABEL_POSITIONS}
        best = min(LABEL_POSITIONS, key=lambda pos: (clashes(boxes[pos]),
                                                     LABEL_POSITIONS.index(pos)))
        chosen.append(best)
        taken.append(boxes[best])
    return chosen
