"""End to end on the default corpus: the Global Times piece quotes the AP story (as Al Jazeera
ran it) to rebut it; the reuse table finds those phrases, with the wire story as the source
and the reuse marked credited."""

import pytest

from tests.fixtures.reuse import spans

pytestmark = pytest.mark.e2e


def test_the_phrases_the_global_times_quotes_come_from_the_wire_story(default_store):
    tables = default_store.tables
    articles = tables.articles
    outlet = dict(zip(articles["article_id"], articles["outlet"], strict=True))
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    wire = articles.loc[articles["text"].str.contains("Source: The Associated Press"),
                        "article_id"].item()
    reuse = tables.reuse
    into_gt = reuse[reuse["target_id"].map(outlet) == "Global Times"]
    from_wire = into_gt[into_gt["source_id"] == wire]
    found = " ".join(spans(from_wire, texts))
    assert ("further underscores the drive by China and Russia to align their foreign policies "
            "in a bid to undermine the Western-led liberal-democratic world order") in found
    # the second time the Global Times quotes it, a paragraph later
    second = [s for s in spans(from_wire, texts) if s.endswith("world order")
              and "drive" not in s]
    assert second and all("undermine the Western-led" in s for s in second)
    assert from_wire["credited"].all()
    assert from_wire["credit"].str.contains("quoted").all()
    assert from_wire["credit"].str.contains("named: Associated Press").any()
    assert set(from_wire["direction"]) == {"credit"}
    # the wire story is never taken to be the copy of the Global Times piece
    gt = into_gt["target_id"].iloc[0]
    assert reuse[(reuse["source_id"] == gt) & (reuse["target_id"] == wire)].empty
