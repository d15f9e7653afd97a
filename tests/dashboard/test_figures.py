"""The figure builders, on the views of the hand-made tables."""

from analysis.views import Filters, entities
from dashboard import figures

ALL = Filters()


def test_entity_bars_stack_one_trace_per_outlet(tables):
    fig = figures.entity_bars(entities.top_entities_by_outlet(tables, ALL))
    assert fig.layout.barmode == "stack"
    assert sorted(trace.name for trace in fig.data) == ["Alpha News", "Beta Wire", "Gamma Post"]


def test_cooccurrence_figures(tables):
    pairs = entities.cooccurrence_view(tables, ALL, min_weight=1)
    nodes_of_pairs = entities.cooccurrence_nodes(tables, ALL, min_weight=1)
    for layout in ("circular", "spring"):
        fig = figures.cooccurrence_network(pairs, nodes_of_pairs, layout=layout)
        nodes = fig.data[-1]
        assert set(nodes.text) == set(pairs["name_a"]) | set(pairs["name_b"])
        lines = fig.data[:-2]  # then the edge hovers and the nodes
        assert sum(list(trace.x).count(None) for trace in lines) == len(pairs)  # every edge
        assert len({trace.line.width for trace in lines}) == len(lines)  # a trace per width
    matrix = figures.cooccurrence_matrix(pairs)
    assert matrix.loc["Li Shangfu", "Moscow"] == matrix.loc["Moscow", "Li Shangfu"] == 2
    assert figures.cooccurrence_heatmap(pairs.iloc[0:0], measure="count").layout.annotations
