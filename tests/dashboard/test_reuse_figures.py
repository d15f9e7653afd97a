"""The Reuse page's figures and its side-by-side HTML, from small view tables."""

import pandas as pd

from dashboard.markup import Span, side_by_side_html
from dashboard.reuse_figures import PART_HIGHLIGHTS, outlet_network, pair_labels, share_bars


def shares() -> pd.DataFrame:
    return pd.DataFrame({
        "outlet": ["Copy Site", "Wire"], "articles": [2, 3], "chars": [1000, 3000],
        "credited": [100, 0], "uncredited": [400, 0], "rewritten": [50, 0],
        "order_unknown": [0, 0], "credited_share": [0.1, 0.0], "uncredited_share": [0.4, 0.0],
        "rewritten_share": [0.05, 0.0], "order_unknown_share": [0.0, 0.0],
        "reused_share": [0.55, 0.0]})


def test_share_bars_stack_the_parts_per_outlet():
    fig = share_bars(shares())
    assert [t.name for t in fig.data] == ["credited", "uncredited", "rewritten", "order unknown"]
    uncredited = fig.data[1]
    assert list(uncredited.y) == ["Copy Site", "Wire"] and list(uncredited.x) == [0.4, 0.0]
    assert fig.layout.barmode == "stack"


def test_share_bars_say_when_nothing_was_reused():
    nothing = shares().assign(credited_share=0.0, uncredited_share=0.0, rewritten_share=0.0)
    fig = share_bars(nothing)
    assert "No reused text" in fig.layout.annotations[0].text


def test_outlet_network_draws_one_arrow_per_edge_wider_for_more_text():
    edges = pd.DataFrame({"source_outlet": ["Wire", "Wire"],
                          "target_outlet": ["Copy Site", "State Daily"], "chars": [900, 90],
                          "credited_chars": [0, 90], "credited_share": [0.0, 1.0],
                          "passages": [4, 1], "article_pairs": [2, 1]})
    fig = outlet_network(edges)
    arrows = fig.layout.annotations
    assert len(arrows) == 2
    assert arrows[0].arrowwidth > arrows[1].arrowwidth
    assert arrows[0].arrowcolor != arrows[1].arrowcolor  # uncredited and credited
    nodes = fig.data[-1]
    assert set(nodes.text) == {"Wire", "Copy Site", "State Daily"}


def test_side_by_side_marks_each_side_and_escapes_corpus_text():
    left = ("source: Wire · <i>title</i>", "Officials said <script>x</script> on Friday.",
            [Span(0, 14, "credited")])
    right = ("target: Copy", "As officials said on Friday.", [Span(3, 17, "uncredited")])
    html = side_by_side_html(left, right, colours=PART_HIGHLIGHTS)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<i>" not in html and "&lt;i&gt;title" in html
    assert html.count("<mark") == 2
    assert PART_HIGHLIGHTS["credited"] in html and PART_HIGHLIGHTS["uncredited"] in html
    assert html.index("reuse-source") < html.index("reuse-target")


def test_a_pair_is_labelled_by_its_outlets_title_and_size():
    pairs = pd.DataFrame({"source_id": ["a"], "target_id": ["b"], "source_outlet": ["Wire"],
                          "target_outlet": ["Daily"], "target_title": ["Grain talks"],
                          "chars": [1234]})
    assert pair_labels(pairs) == {("a", "b"): "Wire → Daily · Grain talks (1,234 characters)"}
    untitled = pair_labels(pairs.assign(target_title=[None]))
    assert untitled == {("a", "b"): "Wire → Daily (1,234 characters)"}
