"""Outlet colours and order on the charts: never tone's red or green, one colour and one place
per outlet on every chart, the pool grey and last."""

import colorsys

from analysis.views import Filters, entities
from analysis.views import tone as tone_views
from analysis.views.outlets import OTHER_OUTLETS, outlet_order
from dashboard import figures, tone_figures
from dashboard.outlet_colours import OTHER_COLOUR, PALETTE, outlet_colours

ALL = Filters()


def hue(colour: str) -> float:
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 360 * colorsys.rgb_to_hsv(red, green, blue)[0]


def test_the_palette_keeps_clear_of_tone_colours():
    for colour in PALETTE:
        assert not (hue(colour) < 20 or hue(colour) > 340), f"{colour} reads as red"
        assert not 75 < hue(colour) < 165, f"{colour} reads as green"
    assert len(set(PALETTE)) == len(PALETTE) >= 12


def test_an_outlet_keeps_its_colour_whatever_else_is_drawn():
    colours = outlet_colours(["A", "B", OTHER_OUTLETS])
    assert colours == {"A": PALETTE[0], "B": PALETTE[1], OTHER_OUTLETS: OTHER_COLOUR}
    assert outlet_colours(["A", "B", "C"])["B"] == colours["B"]


def test_entity_bars_follow_the_outlet_order_with_the_pool_last(tables):
    order = outlet_order(tables, ALL, shown=1)["outlet"].tolist()
    fig = figures.entity_bars(entities.top_entities_by_outlet(tables, ALL, shown=1),
                              outlets=order)
    assert [trace.name for trace in fig.data] == ["Alpha News", OTHER_OUTLETS]
    assert [trace.marker.color for trace in fig.data] == [PALETTE[0], OTHER_COLOUR]


def test_tone_charts_label_every_outlet_in_the_shared_order(tables):
    order = outlet_order(tables, ALL, shown=2)["outlet"].tolist()
    assert order == ["Alpha News", "Beta Wire", OTHER_OUTLETS]
    fig = tone_figures.tone_distribution(tone_views.sentence_tones(tables, ALL, shown=2),
                                         tone_views.outlet_tone_view(tables, ALL, shown=2))
    assert list(fig.layout.xaxis.tickvals) == order
    heatmap = tone_figures.entity_tone_heatmap(
        tone_views.entity_tone_matrix(tables, ALL, shown=2), outlets=order)
    assert list(heatmap.data[0].x) == order
