import itertools
import math

import numpy as np
import pandas as pd
import pytest

from analysis.views.cooccurrence import cooccurrence, pair_windows


@pytest.fixture
def mentions():
    # sentence windows: (a,0) A B; (a,1) A; (b,0) A B C; (b,1) C
    return pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "a", "b", "b", "b", "b"],
            "sentence_id": [0, 0, 0, 1, 0, 0, 0, 1],
            "entity_id": ["A", "B", "B", "A", "A", "B", "C", "C"],
        }
    )


def test_sentence_window_counts_pmi_jaccard(mentions):
    pairs = cooccurrence(mentions, window="sentence").set_index(["entity_a", "entity_b"])
    ab = pairs.loc[("A", "B")]
    assert (ab["count"], ab["n_a"], ab["n_b"]) == (2, 3, 2)
    assert ab["pmi"] == pytest.approx(math.log2(2 * 4 / (3 * 2)))
    assert ab["jaccard"] == pytest.approx(2 / 3)
    assert pairs.loc[("B", "C"), "count"] == 1
    assert ("A", "A") not in pairs.index


def test_article_window(mentions):
    pairs = cooccurrence(mentions, window="article").set_index(["entity_a", "entity_b"])
    assert pairs.loc[("A", "B"), "count"] == 2
    assert pairs.loc[("A", "C"), "count"] == 1
    assert pairs.loc[("A", "C"), "jaccard"] == pytest.approx(1 / 2)


def test_min_count_and_evidence(mentions):
    pairs = cooccurrence(mentions, window="sentence", min_count=2)
    assert list(zip(pairs["entity_a"], pairs["entity_b"], strict=True)) == [("A", "B")]
    windows = pair_windows(mentions, "A", "B", window="sentence")
    assert sorted(map(tuple, windows.to_numpy())) == [("a", 0), ("b", 0)]


def test_empty_and_bad_window(mentions):
    assert cooccurrence(mentions.iloc[0:0]).empty
    with pytest.raises(ValueError, match="window"):
        cooccurrence(mentions, window="paragraph")


def test_counts_match_the_windows_that_name_both():
    # many windows of many sizes, ids out of order, an entity named twice in one sentence
    rng = np.random.default_rng(3)
    mentions = pd.DataFrame({
        "article_id": rng.choice(["x", "a", "m"], 400),
        "sentence_id": rng.integers(0, 12, 400),
        "entity_id": rng.choice(["Zoe", "Al", "Mo", "Bea", "Cy", "Di"], 400),
    })
    for window, keys in (("sentence", ["article_id", "sentence_id"]), ("article", ["article_id"])):
        named = mentions.groupby(keys)["entity_id"].agg(set)
        expected = {(a, b): sum(a in s and b in s for s in named)
                    for a, b in itertools.combinations(sorted(mentions["entity_id"].unique()), 2)}
        pairs = cooccurrence(mentions, window=window)
        found = dict(zip(zip(pairs["entity_a"], pairs["entity_b"], strict=True), pairs["count"],
                         strict=True))
        assert found == {pair: n for pair, n in expected.items() if n}
        a = pairs.iloc[0]
        assert a["n_a"] == sum(a["entity_a"] in s for s in named)
        assert a["pmi"] == pytest.approx(math.log2(a["count"] * len(named)
                                                   / (a["n_a"] * a["n_b"])))
