import math

import pandas as pd
import pytest

from analysis.tone import entity_tone, outlet_tone
from analysis.tone.stats import t_critical_95


def test_outlet_tone_mean_and_interval():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c", "c"],
            "sentence_id": [0, 1, 0, 0, 1],
            "tone": [0.5, 0.1, 0.3, -0.4, -0.2],
        }
    )
    out = outlet_tone(articles, sentences).set_index("outlet")
    assert out.loc["X", "n_articles"] == 2
    assert out.loc["X", "n_sentences"] == 3
    assert out.loc["X", "mean"] == pytest.approx(0.3)
    sd = pd.Series([0.5, 0.1, 0.3]).std()
    half = t_critical_95(2) * sd / math.sqrt(3)
    assert out.loc["X", "ci_low"] == pytest.approx(0.3 - half)
    assert out.loc["X", "ci_high"] == pytest.approx(0.3 + half)
    assert list(out.index) == ["X", "Y"]  # most positive first


def test_single_sentence_has_no_interval():
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"]})
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "tone": [0.2]})
    out = outlet_tone(articles, sentences)
    assert math.isnan(out.loc[0, "ci_low"])


def test_entity_tone_averages_mention_tones_per_sentence_then_per_outlet():
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    # E1 is named twice in sentence a/0 (0.9 and 0.1: that sentence scores 0.5) and once in
    # a/1 (-0.2), so outlet X's mean is (0.5 - 0.2) / 2 over 2 sentences, not over 3 mentions
    mentions = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "a", "b"],
            "sentence_id": [0, 0, 1, 1, 0],
            "entity_id": ["E1", "E1", "E1", "E2", "E1"],
            "tone": [0.9, 0.1, -0.2, -0.6, 0.2],
        }
    )
    out = entity_tone(articles, mentions).set_index(["entity_id", "outlet"])
    assert out.loc[("E1", "X"), "n_sentences"] == 2
    assert out.loc[("E1", "X"), "mean"] == pytest.approx((0.5 - 0.2) / 2)
    assert out.loc[("E2", "X"), "mean"] == pytest.approx(-0.6)
    assert out.loc[("E1", "Y"), "mean"] == pytest.approx(0.2)
    assert list(out.columns) == ["n_sentences", "mean", "ci_low", "ci_high"]
