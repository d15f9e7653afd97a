"""The figure builders, on the views of the hand-made tables."""

from analysis.views import Filters, entities
from dashboard import figures

ALL = Filters()


def test_entity_bars_stack_one_trace_per_outlet(tables):
    fig = figures.entity_bars(entities.top_entities_by_outlet(tables, ALL))
    assert fig.layout.barmode == "stack"
    assert sorted(trace.name for trace in fig.data) == ["Alpha News", "Beta Wire", "Gamma Post"]
