"""Graph layouts for the co-occurrence network, with networkx: entities that are named together
form communities (Louvain modularity), each community is laid out on its own (spring) and the
communities side by side on a ring, so groups show apart instead of as one hairball. Seeded:
the same graph gives the same picture on every rerun."""

from __future__ import annotations

import networkx as nx
import numpy as np

SEED = 0


def communities(n: int, edges: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The community of each of `n` nodes (0 the largest), from the (m, 2) `edges` index
    array with positive `weights`."""
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((int(a), int(b), float(w))
                                  for (a, b), w in zip(edges, weights, strict=True))
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(found, key=lambda group: (-len(group), min(group)))
    out = np.zeros(n, dtype=int)
    for i, group in enumerate(ordered):
        out[sorted(group)] = i
    return out


def circular_layout(n: int) -> np.ndarray:
    """n points on the unit circle, the first at the top, clockwise."""
    if n == 0:
        return np.zeros((0, 2))
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    return np.column_stack([np.cos(angles), np.sin(angles)])


def ring_layout(groups: np.ndarray) -> np.ndarray:
    """The nodes on one circle, each community's nodes next to each other."""
    order = np.argsort(groups, kind="stable")
    positions = np.zeros((len(groups), 2))
    positions[order] = circular_layout(len(groups))
    return positions


def community_layout(n: int, edges: np.ndarray, weights: np.ndarray,
                     groups: np.ndarray) -> np.ndarray:
    """Each community as its own spring layout, in a disc as wide as its size allows, the
    discs on a ring (one community: in the middle); positions scaled into [-1, 1]."""
    if n == 0:
        return np.zeros((0, 2))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((int(a), int(b), float(w))
                                  for (a, b), w in zip(edges, weights, strict=True))
    k = int(groups.max()) + 1
    centres = np.zeros((1, 2)) if k == 1 else circular_layout(k)
    # a disc stays clear of the next: neighbouring centres are 2 sin(pi / k) apart
    room = 1.0 if k == 1 else min(0.7, 0.85 * np.sin(np.pi / k))
    largest = np.bincount(groups).max()
    positions = np.zeros((n, 2))
    for group in range(k):
        members = np.flatnonzero(groups == group)
        radius = room * np.sqrt(len(members) / largest)
        if len(members) == 1:
            inner = {int(members[0]): np.zeros(2)}
        else:
            # unweighted and with twice the default spacing: a heavy hub would otherwise
            # pull its neighbours (and their labels) onto itself
            inner = nx.spring_layout(graph.subgraph(members.tolist()), weight=None,
                                     k=2 / np.sqrt(len(members)), iterations=200,
                                     seed=SEED, scale=1.0, center=(0, 0))
        for node, where in inner.items():
            positions[node] = centres[group] + radius * np.asarray(where)
    positions -= positions.mean(axis=0)
    return positions / (np.abs(positions).max() or 1.0)
