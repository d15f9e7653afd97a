"""Outlets at scale: one order (most articles first) and the "other outlets" pool, on the
hand-made build of tests/fixtures/sample_tables.py (Alpha News 2 articles, Beta Wire and Gamma
Post 1 each)."""

import pytest

from analysis.views import Filters, corpus, entities
from analysis.views import tone as tone_views
from analysis.views.outlets import OTHER_OUTLETS, outlet_order

ALL = Filters()


def test_outlet_order_pools_all_but_the_leading_outlets(tables):
    order = outlet_order(tables, ALL, shown=1)
    assert order.values.tolist() == [["Alpha News", 2, 1], [OTHER_OUTLETS, 2, 2]]
    # ties by name; no pool when every outlet fits
    assert outlet_order(tables, ALL, shown=3)["outlet"].tolist() == [
        "Alpha News", "Beta Wire", "Gamma Post"]
    assert outlet_order(tables, ALL, shown=None)["n_outlets"].tolist() == [1, 1, 1]


def test_outlet_counts_pool_the_rest_last(tables):
    every = corpus.outlet_counts(tables, ALL).set_index("outlet")["n_words"]
    counts = corpus.outlet_counts(tables, ALL, shown=1)
    assert counts.values.tolist() == [
        ["Alpha News", 2, every["Alpha News"]],
        [OTHER_OUTLETS, 2, every["Beta Wire"] + every["Gamma Post"]]]


def test_tone_views_pool_the_rest(tables):
    outlet_tone = tone_views.outlet_tone_view(tables, ALL, shown=1)
    assert outlet_tone["outlet"].tolist() == ["Alpha News", OTHER_OUTLETS]
    other = outlet_tone.set_index("outlet").loc[OTHER_OUTLETS]
    # Beta Wire's two body sentences and Gamma Post's one, pooled
    assert (other["n_articles"], other["n_sentences"]) == (2, 3)
    assert other["mean"] == pytest.approx((0.3 - 0.1 + 0.0) / 3)
    tones = tone_views.sentence_tones(tables, ALL, shown=1)
    assert set(tones["outlet"]) == {"Alpha News", OTHER_OUTLETS} and len(tones) == 7
    matrix = tone_views.entity_tone_matrix(tables, ALL, shown=1)
    assert set(matrix["outlet"]) == {"Alpha News", OTHER_OUTLETS}


def test_entity_bars_view_pools_outlets_but_ranks_over_all(tables):
    every = entities.top_entities_by_outlet(tables, ALL)
    pooled = entities.top_entities_by_outlet(tables, ALL, shown=1)
    assert list(dict.fromkeys(pooled["name"])) == list(dict.fromkeys(every["name"]))
    assert set(pooled["outlet"]) == {"Alpha News", OTHER_OUTLETS}
    minsk = pooled[pooled["name"] == "Minsk"].set_index("outlet")["n_mentions"]
    assert minsk.to_dict() == {"Alpha News": 1, OTHER_OUTLETS: 1}  # Gamma Post's, pooled
    # the rows of an entity follow the outlet order, the pool last
    li = pooled[pooled["name"] == "Li Shangfu"]["outlet"].tolist()
    assert li == ["Alpha News", OTHER_OUTLETS]
