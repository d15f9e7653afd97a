"""The Reuse page on the default corpus, through Streamlit's AppTest: the wire story (Al
Jazeera's run of the AP story) is where the Global Times took its quoted phrases from."""

from dashboard import session
from tests.fixtures.apptest import assert_download_matches, figure, open_page, table


def test_reuse_page_shows_shares_graph_pairs_and_their_downloads(app):
    at = open_page(app, "pages/reuse.py")
    assert [t.value for t in at.title] == ["Reuse"]
    shares = assert_download_matches(at, session.REUSE_SHARES)
    gt = shares.set_index("outlet").loc["Global Times"]
    assert gt["credited"] > 0 and gt["uncredited"] == 0
    spec, _ = figure(at, session.REUSE_SHARE_CHART)
    bars = {trace["name"]: trace for trace in spec["data"]}
    assert set(bars) == {"credited", "uncredited", "rewritten", "order unknown"}
    assert "Global Times" in bars["credited"]["y"]

    edges = assert_download_matches(at, session.REUSE_EDGES)
    edge = edges[edges["target_outlet"] == "Global Times"].iloc[0]
    assert edge["source_outlet"] == "Al Jazeera" and edge["credited_share"] == 1.0
    pairs = assert_download_matches(at, session.REUSE_PAIRS)
    assert ((pairs["source_outlet"] == "Al Jazeera")
            & (pairs["target_outlet"] == "Global Times")).any()


def test_a_pair_opens_side_by_side_with_its_passages_marked(app):
    at = open_page(app, "pages/reuse.py")
    pairs = table(at, session.REUSE_PAIRS)
    chosen = pairs[pairs["target_outlet"] == "Global Times"].iloc[0]
    at.selectbox(key=session.REUSE_PAIR).set_value(
        (chosen["source_id"], chosen["target_id"])).run()
    assert not at.exception
    html = next(h.proto.body for h in at.get("html") if "reuse-source" in h.proto.body)
    assert html.count("<mark") >= 2 and "reuse-target" in html
    assert "further underscores the drive by China and Russia" in html
    passages = assert_download_matches(at, session.REUSE_PAIR_PASSAGES)
    assert set(passages["part"]) == {"credited"}
    assert passages["target_passage"].str.contains("Western-led liberal-democratic").any()


def test_an_outlet_opens_to_the_passages_it_took(app):
    at = open_page(app, "pages/reuse.py")
    at.selectbox(key=session.REUSE_OUTLET).set_value("Global Times").run()
    assert not at.exception
    rows = assert_download_matches(at, session.REUSE_OUTLET_PASSAGES)
    assert set(rows["target_outlet"]) == {"Global Times"}
    assert rows["credit"].str.contains("Associated Press").any()
