"""Deterministic graph layouts in numpy (no networkx): same graph, same picture, every rerun."""

from __future__ import annotations

import numpy as np


def circular_layout(n: int) -> np.ndarray:
    """n points on the unit circle, the first at the top, clockwise."""
    if n == 0:
        return np.zeros((0, 2))
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    return np.column_stack([np.cos(angles), np.sin(angles)])


def spring_layout(
    n: int,
    edges: np.ndarray,
    weights: np.ndarray,
    *,
    iterations: int = 200,
) -> np.ndarray:
    """Fruchterman-Reingold from the circular layout; `edges` is an (m, 2) index array.

    Starting from the circle instead of random points makes the result deterministic.
    Heavier edges pull harder. Positions are scaled into [-1, 1].
    """
    positions = circular_layout(n)
    if n < 3:
        return positions
    edges = np.asarray(edges, dtype=int).reshape(-1, 2)
    weights = np.asarray(weights, dtype=float)
    if len(weights):
        weights = weights / (weights.max() or 1.0)
    k = np.sqrt(4.0 / n)  # ideal distance in a 2 x 2 box
    temperature = 0.2
    for _ in range(iterations):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 1e-3)
        # every pair repels, every edge attracts
        force = (k * k / distance**2)[:, :, None] * delta
        displacement = force.sum(axis=1)
        if len(edges):
            a, b = edges[:, 0], edges[:, 1]
            pull = positions[a] - positions[b]
            length = np.maximum(np.linalg.norm(pull, axis=1), 1e-3)
            attraction = (length / k * weights)[:, None] * pull
            np.add.at(displacement, a, -attraction)
            np.add.at(displacement, b, attraction)
        step = np.linalg.norm(displacement, axis=1)
        positions += displacement / np.maximum(step, 1e-9)[:, None] * np.minimum(
            step, temperature
        )[:, None]
        temperature *= 0.98
    positions -= positions.mean(axis=0)
    scale = np.abs(positions).max() or 1.0
    return positions / scale
