"""The Sources page's figures and quote markup, on the views of the hand-made tables."""

import plotly.graph_objects as go

from analysis.views import Filters, sources
from dashboard import markup, source_figures

ALL = Filters()


def test_speaker_bars_one_trace_per_outlet(tables):
    fig = source_figures.speaker_bars(sources.speakers_by_outlet(tables, ALL))
    assert [trace.name for trace in fig.data] == ["Alpha News"]
    assert list(fig.data[0].y) == ["Li Shangfu", "critics"]
    shares = source_figures.speaker_bars(sources.speakers_by_outlet(tables, ALL),
                                         measure="share")
    assert list(shares.data[0].x) == [0.5, 0.5]


def test_citation_network_links_outlets_to_sources(tables):
    fig = source_figures.citation_network(sources.cited_sources(tables, ALL))
    nodes = [trace for trace in fig.data if trace.mode == "markers+text"]
    assert [list(trace.text) for trace in nodes] == [["Alpha News"], ["Li Shangfu", "critics"]]
    edges = [trace for trace in fig.data if trace.mode == "lines"]
    assert sum(len(trace.x) // 3 for trace in edges) == 2


def test_empty_views_draw_a_message(tables):
    nobody = Filters(outlets=("Beta Wire",))
    for fig in (source_figures.citation_network(sources.cited_sources(tables, nobody)),
                source_figures.speaker_bars(sources.speakers_by_outlet(tables, nobody))):
        assert isinstance(fig, go.Figure) and fig.layout.annotations[0].text.startswith("No")


def test_quotes_html_escapes_and_marks_the_three_parts(tables):
    rows = sources.quote_list(tables, ALL)
    rows.loc[0, "title"] = "<script>alert(1)</script>"
    html = markup.quotes_html(rows)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'background:{markup.QUOTE_COLOURS["speaker"]}' in html
    assert 'title="cue">said</mark>' in html
    assert 'title="content">He praised the great friendship with Russia</mark>' in html
