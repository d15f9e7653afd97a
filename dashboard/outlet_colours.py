"""Outlet colours: one colour per outlet, by its place in the page's outlet order (most
articles first, views.outlets.outlet_order), so an outlet keeps its colour on every chart of a
page. None is red or green, which mean negative and positive tone on every chart; the pooled
"other outlets" is grey."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.views.outlets import OTHER_OUTLETS

# blues, oranges, purples, pinks, golds and cyans: far from tone's red (#c62828) and green
PALETTE = ["#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#e377c2", "#393b79", "#e6ab02",
           "#7b4173", "#6baed6", "#a6761d", "#c5b0d5", "#fdae6b"]
OTHER_COLOUR = "#9aa5b1"


def outlet_colours(outlets: Iterable[str]) -> dict[str, str]:
    """outlet -> colour, in the given order (the palette repeats past its 12 colours)."""
    named = [o for o in dict.fromkeys(outlets) if o != OTHER_OUTLETS]
    colours = {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(named)}
    return colours | {OTHER_OUTLETS: OTHER_COLOUR}
