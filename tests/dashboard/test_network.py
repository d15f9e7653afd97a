"""The co-occurrence network: communities found and laid out apart, the same picture every
rerun, names (never ids) on nodes and axes."""

import numpy as np
import pandas as pd
import pytest

from analysis.views import Filters, entities
from dashboard import network_figures
from dashboard.network import communities, community_layout, ring_layout

# two cliques of four, joined by one weak edge
CLIQUE_A = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
CLIQUE_B = [(a + 4, b + 4) for a, b in CLIQUE_A]
EDGES = np.array([*CLIQUE_A, *CLIQUE_B, (3, 4)])
WEIGHTS = np.array([5.0] * 12 + [1.0])


def test_two_groups_are_found_and_laid_out_apart():
    groups = communities(8, EDGES, WEIGHTS)
    assert len(set(groups[:4])) == len(set(groups[4:])) == 1 and groups[0] != groups[4]
    positions = community_layout(8, EDGES, WEIGHTS, groups)
    assert np.array_equal(positions, community_layout(8, EDGES, WEIGHTS, groups))  # seeded
    assert np.abs(positions).max() == pytest.approx(1.0)
    a, b = positions[:4], positions[4:]
    within = max(np.linalg.norm(a - a.mean(axis=0), axis=1).max(),
                 np.linalg.norm(b - b.mean(axis=0), axis=1).max())
    assert np.linalg.norm(a.mean(axis=0) - b.mean(axis=0)) > 2 * within


def test_ring_keeps_each_group_together():
    groups = np.array([1, 0, 1, 0, 1, 0])
    positions = ring_layout(groups)
    assert np.allclose(np.linalg.norm(positions, axis=1), 1.0)
    around = groups[np.argsort(np.arctan2(positions[:, 1], positions[:, 0]))]
    assert int((around != np.roll(around, 1)).sum()) == 2  # two arcs, one per group


def test_network_and_matrix_name_every_entity(tables):
    pairs = entities.cooccurrence_view(tables, Filters(), min_weight=1)
    nodes = entities.cooccurrence_nodes(tables, Filters(), min_weight=1)
    for layout in network_figures.LAYOUTS:
        fig = network_figures.cooccurrence_network(pairs, nodes, layout=layout)
        drawn = fig.data[-1]
        assert set(drawn.text) == set(pairs["name_a"]) | set(pairs["name_b"])
        lines = fig.data[:-2]  # then the edge hovers and the nodes
        assert sum(list(trace.x).count(None) for trace in lines) == len(pairs)  # every edge
        assert len({trace.line.width for trace in lines}) == len(lines)  # a trace per width
    matrix = network_figures.cooccurrence_matrix(pairs)
    assert matrix.loc["Li Shangfu", "Moscow"] == matrix.loc["Moscow", "Li Shangfu"] == 2
    heatmap = network_figures.cooccurrence_heatmap(pairs, measure="count")
    names = set(pairs["name_a"]) | set(pairs["name_b"])
    assert set(heatmap.layout.xaxis.ticktext) == set(heatmap.layout.yaxis.ticktext) == names
    ids = set(pairs["entity_a"]) | set(pairs["entity_b"])
    assert not ids & (set(heatmap.layout.xaxis.ticktext) | set(fig.data[-1].text))
    assert network_figures.cooccurrence_heatmap(pairs.iloc[0:0], measure="count").layout.annotations


def test_same_names_are_told_apart_by_their_label():
    leaders = pd.DataFrame({"entity_id": ["e1", "e2", "e3"], "name": ["Moscow", "Moscow", "Kyiv"],
                            "label": ["GPE", "ORG", "GPE"]})
    assert list(entities.distinct_names(leaders)) == ["Moscow (GPE)", "Moscow (ORG)", "Kyiv"]
