"""The dashboard's pure helpers: HTML highlighting, figure builders and graph layouts."""

import numpy as np
import plotly.graph_objects as go
import pytest

from analysis import evidence, tone_views, views
from analysis.geo import country_codes
from analysis.views import Filters
from dashboard import figures, markup
from dashboard.labels import label_positions
from dashboard.network import circular_layout, spring_layout
from tests.sample_tables import MOSCOW

ALL = Filters()


def test_highlight_html_escapes_text_before_marking():
    text = 'Moscow hosted <b>Shoigu</b> & "co".'
    html = markup.highlight_html(text, [markup.Span(0, 6, "GPE"), markup.Span(17, 23, "PERSON")])
    assert "<b>" not in html
    assert "&lt;b&gt;<mark" in html and "Shoigu</mark>&lt;/b&gt;" in html
    assert "&amp; &quot;co&quot;" in html
    assert html.count("<mark") == 2
    assert html.startswith('<mark style="background:#c6efc0')  # GPE colour


def test_highlight_html_escapes_inside_marks_and_titles():
    html = markup.highlight_html("<script>x</script>", [markup.Span(0, 8, "ORG", '"><img>')])
    assert "<script>" not in html and "<img>" not in html
    assert "&lt;script&gt;</mark>" in html


def test_highlight_html_skips_overlaps_and_out_of_range_spans():
    html = markup.highlight_html("abcdef", [markup.Span(0, 4), markup.Span(2, 6),
                                            markup.Span(9, 12)])
    assert html.count("<mark") == 2  # the overlap is cut to 4..6, the stray span dropped
    assert html.endswith(">ef</mark>")


def test_evidence_html_marks_the_place(tables):
    rows = evidence.place_sentences(tables, ALL, place_id=MOSCOW)
    html = markup.evidence_html(rows)
    assert html.count(">Moscow</mark>") == 2
    assert "&lt;b&gt;Shoigu&lt;/b&gt;" in html
    assert "Beta Wire" in html and "tone +0.30" in html


def test_article_html_shows_every_sentence_tone_and_entity(tables):
    article = tables.articles.set_index("article_id").loc["a3"]
    html = markup.article_html(article["text"],
                               evidence.article_sentences(tables, ALL, article_id="a3"),
                               evidence.article_mentions(tables, ALL, article_id="a3"))
    assert "+0.30" in html and "-0.10" in html
    assert html.count("<mark") == 3
    assert 'title="PERSON: Shoigu"' in html
    assert "<b>" not in html


def test_place_map_layers(tables):
    places = views.place_mentions(tables, ALL)
    countries = views.country_mentions(tables, ALL, countries=country_codes())
    fig = figures.place_map(places, countries)
    choropleth, markers = fig.data
    assert isinstance(choropleth, go.Choropleth) and set(choropleth.locations) == {"RUS", "BLR"}
    assert isinstance(markers, go.Scattergeo)
    assert {"Moscow", "Minsk"} <= set(markers.text)
    sizes = dict(zip(markers.text, markers.marker.size, strict=True))
    assert sizes["Moscow"] > sizes["Russia"]  # two mentions against one
    assert figures.MAP_CONFIG == {"topojsonURL": "/app/static/"}


def test_label_positions_keep_neighbours_apart():
    import pandas as pd

    # two places a degree apart on a map spanning 80 degrees: the labels must not stack
    lon, lat = pd.Series([37.6, 38.6, 110.0]), pd.Series([55.8, 55.0, 60.0])
    names = pd.Series(["Moscow", "Podolsk", "Far away"])
    positions = label_positions(lon, lat, names, np.array([20, 20, 20]))
    assert positions[0] == "top center"  # the most mentioned gets the preferred spot
    assert positions[1] != "top center"
    assert positions[2] == "top center"  # nothing near it


def test_entity_bars_stack_one_trace_per_outlet(tables):
    fig = figures.entity_bars(views.top_entities_by_outlet(tables, ALL))
    assert fig.layout.barmode == "stack"
    assert sorted(trace.name for trace in fig.data) == ["Alpha News", "Beta Wire", "Gamma Post"]


def test_cooccurrence_figures(tables):
    pairs = views.cooccurrence_view(tables, ALL, min_weight=1)
    entities = views.entity_mentions(tables, ALL)
    for layout in ("circular", "spring"):
        fig = figures.cooccurrence_network(pairs, figures.network_nodes(pairs, entities),
                                           layout=layout)
        nodes = fig.data[-1]
        assert set(nodes.text) == set(pairs["name_a"]) | set(pairs["name_b"])
        lines = fig.data[:-2]  # then the edge hovers and the nodes
        assert sum(list(trace.x).count(None) for trace in lines) == len(pairs)  # every edge
        assert len({trace.line.width for trace in lines}) == len(lines)  # a trace per width
    matrix = figures.cooccurrence_matrix(pairs)
    assert matrix.loc["Li Shangfu", "Moscow"] == matrix.loc["Moscow", "Li Shangfu"] == 2
    assert figures.cooccurrence_heatmap(pairs.iloc[0:0], measure="count").layout.annotations


def test_tone_figures(tables):
    outlet_tone = tone_views.outlet_tone_view(tables, ALL)
    tones = tone_views.sentence_tones(tables, ALL)
    for kind in ("box", "violin", "strip"):
        fig = figures.tone_distribution(tones, outlet_tone, kind=kind)
        means = fig.data[-1]
        assert list(means.x) == list(outlet_tone["outlet"])
        assert list(means.y) == pytest.approx(list(outlet_tone["mean"]))
        assert sum(len(trace.y) for trace in fig.data[:-1]) == len(tones)  # every sentence
    heatmap = figures.entity_tone_heatmap(tone_views.entity_tone_matrix(tables, ALL)).data[0]
    assert (heatmap.zmin, heatmap.zmax) == (-1, 1)


def test_big_tone_distributions_send_box_statistics_not_every_sentence(monkeypatch):
    import pandas as pd

    monkeypatch.setattr(figures, "MAX_POINTS", 10)
    tones = pd.DataFrame({"outlet": ["A"] * 101, "tone": np.linspace(-1, 1, 101)})
    outlets = pd.DataFrame({"outlet": ["A"], "n_sentences": [101], "mean": [0.0],
                            "ci_low": [-0.1], "ci_high": [0.1]})
    box = figures.tone_distribution(tones, outlets, kind="box").data[0]
    assert box.y is None
    assert (box.q1[0], box.median[0], box.q3[0]) == pytest.approx((-0.5, 0.0, 0.5))
    assert (box.lowerfence[0], box.upperfence[0]) == pytest.approx((-1.0, 1.0))
    strip = figures.tone_distribution(tones, outlets, kind="strip").data[0]
    assert len(strip.y) == 50  # a fixed sample
    again = figures.tone_distribution(tones, outlets, kind="strip").data[0]
    assert list(strip.y) == list(again.y)


def test_layouts_are_deterministic_and_bounded():
    edges = np.array([[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]])
    first = spring_layout(5, edges, np.ones(len(edges)))
    assert np.array_equal(first, spring_layout(5, edges, np.ones(len(edges))))
    assert np.abs(first).max() == pytest.approx(1.0)
    # the unconnected node ends up further from the centre than the connected ones
    distance = np.linalg.norm(first, axis=1)
    assert distance[4] == distance.max()
    assert np.allclose(np.linalg.norm(circular_layout(6), axis=1), 1.0)
