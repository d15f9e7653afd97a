"""The figure builders, on the views of the hand-made tables."""

from analysis.views import Filters, entities
from dashboard import figures

ALL = Filters()


def test_entity_bars_stack_one_trace_per_outlet(tables):
    fig = figures.entity_bars(entities.top_entities_by_outlet(tables, ALL))
    assert fig.layout.barmode == "stack"
    assert sorted(trace.name for trace in fig.data) == ["Alpha News", "Beta Wire", "Gamma Post"]


def test_entity_panels_one_panel_per_outlet_on_one_axis_of_names(tables):
    top = entities.top_entities_by_outlet(tables, ALL)
    fig = figures.entity_panels(top, outlets=["Beta Wire", "Alpha News", "Gamma Post"],
                                columns=2)
    assert [a.text for a in fig.layout.annotations] == ["Beta Wire", "Alpha News", "Gamma Post"]
    assert [trace.name for trace in fig.data] == ["Beta Wire", "Alpha News", "Gamma Post"]
    assert len({trace.xaxis for trace in fig.data}) == 3  # a panel each
    names = list(dict.fromkeys(top["name"]))
    assert list(fig.layout.yaxis.categoryarray) == names[::-1]
    assert len({trace.marker.color for trace in fig.data}) == 3
