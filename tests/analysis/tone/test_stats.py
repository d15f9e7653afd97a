"""Tone aggregates with the article as the unit: intervals over articles, always on the scale,
thin groups marked, body sentences only."""

import numpy as np
import pandas as pd
import pytest

from analysis.tables import with_article_columns
from analysis.tone import (
    MIN_ARTICLES,
    article_clustered_mean,
    article_tone,
    clustered_mean,
    entity_tone,
    outlet_tone,
)


def test_article_tone_counts_body_sentences_only():
    sentences = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [0, 1, 2],
                              "kind": ["headline", "body", "signoff"],
                              "tone": [0.9, 0.2, -0.83]})
    assert article_tone(sentences)["a"] == pytest.approx(0.2)


def test_outlet_tone_is_a_mean_over_sentences_with_an_interval_over_articles():
    articles = pd.DataFrame({"article_id": list("abcdef"), "outlet": list("XXXXYY")})
    sentences = pd.DataFrame({
        "article_id": ["a", "a", "b", "c", "d", "e", "e", "f"],
        "tone": [0.5, 0.1, 0.3, -0.2, 0.4, -0.4, -0.2, 0.0],
    })
    out = outlet_tone(articles, sentences).set_index("outlet")
    assert list(out.index) == ["X", "Y"]  # most articles first
    assert (out.loc["X", "n_articles"], out.loc["X", "n_sentences"]) == (4, 5)
    assert out.loc["X", "mean"] == pytest.approx((0.5 + 0.1 + 0.3 - 0.2 + 0.4) / 5)
    low, high = out.loc["X", "ci_low"], out.loc["X", "ci_high"]
    assert -0.2 <= low < out.loc["X", "mean"] < high <= 0.4  # inside the article means' range
    assert not out.loc["X", "too_few"] and out.loc["Y", "too_few"]
    again = outlet_tone(articles, sentences).set_index("outlet")
    assert again.loc["X", "ci_low"] == low  # a fixed seed: the same interval every time


def test_an_interval_never_leaves_the_scale():
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"]})
    sentences = pd.DataFrame({"article_id": ["a", "b"], "tone": [-0.95, 0.99]})
    row = outlet_tone(articles, sentences).iloc[0]
    assert -1 <= row["ci_low"] <= row["ci_high"] <= 1
    assert row["too_few"] and row["n_articles"] < MIN_ARTICLES


def test_one_article_has_no_interval():
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"]})
    sentences = pd.DataFrame({"article_id": ["a", "a"], "tone": [0.2, -0.4]})
    row = outlet_tone(articles, sentences).iloc[0]
    assert pd.isna(row["ci_low"]) and pd.isna(row["ci_high"]) and row["too_few"]


def test_few_long_articles_get_a_wider_interval_than_many_short_ones():
    # the same 40 sentence tones, in 2 long articles or in 40 one-sentence articles
    tones = [0.6] * 20 + [-0.4] * 20
    long = pd.DataFrame({"article_id": ["a"] * 20 + ["b"] * 20, "tone": tones})
    short = pd.DataFrame({"article_id": [f"s{i}" for i in range(40)], "tone": tones})
    articles = pd.DataFrame({"article_id": ["a", "b", *short["article_id"]],
                             "outlet": ["Long", "Long"] + ["Short"] * 40})
    out = outlet_tone(articles, pd.concat([long, short])).set_index("outlet")
    width = out["ci_high"] - out["ci_low"]
    assert width["Long"] > width["Short"]


def test_entity_tone_averages_mentions_per_sentence_and_gives_label_shares():
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    # E1 is named twice in sentence a/0 (0.9 and 0.1: that sentence scores 0.5) and once in
    # a/1 (-0.2), so outlet X's mean is (0.5 - 0.2) / 2 over 2 sentences, not over 3 mentions
    mentions = pd.DataFrame({
        "article_id": ["a", "a", "a", "a", "b"],
        "sentence_id": [0, 0, 1, 1, 0],
        "entity_id": ["E1", "E1", "E1", "E2", "E1"],
        "tone": [0.9, 0.1, -0.2, -0.6, 0.2],
        "tone_label": ["positive", "neutral", "neutral", "negative", "neutral"],
    })
    out = entity_tone(articles, mentions).set_index(["entity_id", "outlet"])
    cell = out.loc[("E1", "X")]
    assert (cell["n_sentences"], cell["n_articles"], cell["n_mentions"]) == (2, 1, 3)
    assert cell["mean"] == pytest.approx((0.5 - 0.2) / 2)
    assert (cell["negative"], cell["neutral"], cell["positive"]) == pytest.approx((0, 2 / 3,
                                                                                   1 / 3))
    assert out.loc[("E2", "X"), "mean"] == pytest.approx(-0.6)
    assert cell["too_few"]  # one article: muted on the page


def test_summing_each_articles_sentences_first_gives_the_same_groups_and_intervals():
    rng = np.random.default_rng(5)
    ids = [f"a{i:02d}" for i in range(40)]
    articles = pd.DataFrame({"article_id": ids[:38],  # two articles unknown: left out
                             "outlet": ["X", "Y", "Z", None] * 9 + ["X", "Y"],
                             "period": pd.period_range("2024-01", periods=2, freq="M")
                             .repeat(19)})
    sentences = pd.DataFrame({"article_id": pd.Categorical(rng.choice(ids, 400), categories=ids),
                              "tone": rng.uniform(-1, 1, 400)})
    sentences.loc[::17, "tone"] = np.nan  # a sentence without a score counts for nothing
    for by in (["outlet"], ["outlet", "period"]):
        expected = clustered_mean(with_article_columns(sentences, articles[["article_id", *by]]),
                                  by=by)
        assert len(expected) >= 3 and expected["ci_low"].notna().all()
        pd.testing.assert_frame_equal(article_clustered_mean(sentences, articles, by=by),
                                      expected)
    none = sentences[sentences["article_id"] == "nobody"]
    assert article_clustered_mean(none, articles, by=["outlet"]).empty


def test_entity_tone_is_the_clustered_mean_of_each_entitys_sentences():
    rng = np.random.default_rng(8)
    ids = [f"a{i:02d}" for i in range(30)]
    articles = pd.DataFrame({"article_id": ids[:28],  # two articles unknown: left out
                             "outlet": ["X", "Y", "Z", None] * 7})
    mentions = pd.DataFrame({
        "article_id": pd.Categorical(rng.choice(ids, 600), categories=ids),
        "sentence_id": rng.integers(0, 6, 600),
        "entity_id": rng.choice(["E3", "E1", "E2", None], 600),
        "tone": rng.uniform(-1, 1, 600),
        "tone_label": rng.choice(["negative", "neutral", "positive"], 600),
    })
    keys = ["entity_id", "article_id", "sentence_id"]
    per_sentence = mentions.groupby(keys, observed=True, as_index=False)["tone"].mean()
    expected = clustered_mean(with_article_columns(per_sentence, articles),
                              by=["entity_id", "outlet"])
    out = entity_tone(articles, mentions)
    assert len(out) == 9  # three entities in three known outlets
    pd.testing.assert_frame_equal(out[expected.columns], expected, check_dtype=False)
    known = with_article_columns(mentions, articles).dropna(subset=["entity_id", "outlet"])
    shares = pd.crosstab([known["entity_id"], known["outlet"]], known["tone_label"],
                         normalize="index")
    found = out.set_index(["entity_id", "outlet"])
    for label in ("negative", "neutral", "positive"):
        assert found[label].to_numpy() == pytest.approx(shares[label].to_numpy())
    assert found["n_mentions"].sum() == len(known)
