"""Tone views: outlet tone, the sentence distribution, entity tone, extremes,
on the hand-made build of tests/fixtures/sample_tables.py."""


import numpy as np
import pandas as pd
import pytest

from analysis import tone
from analysis.views import Filters
from analysis.views import tone as tone_views

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def test_outlet_tone_view(tables):
    tone = tone_views.outlet_tone_view(tables, ALL).set_index("outlet")
    assert tone.loc["Alpha News", "mean"] == pytest.approx((0.0 + 0.8 + 0.0 - 0.7) / 4)
    assert tone.loc["Alpha News", "ci_low"] < tone.loc["Alpha News", "mean"]
    assert pd.isna(tone.loc["Gamma Post", "ci_low"])  # one sentence: no interval
    assert list(tone_views.outlet_tone_view(tables, ALPHA)["outlet"]) == ["Alpha News"]


def test_sentence_tones_are_the_distribution_per_outlet(tables):
    tones = tone_views.sentence_tones(tables, ALPHA)
    assert list(tones.columns) == ["outlet", "tone"]
    assert sorted(tones["tone"]) == [-0.7, 0.0, 0.0, 0.8]


def test_sentence_tone_view_labels_by_vader_thresholds(tables):
    rows = tone_views.sentence_tone_view(tables, ALL)
    assert len(rows) == 7
    labels = dict(zip(rows["tone"], rows["tone_label"], strict=False))
    assert (labels[0.8], labels[-0.7], labels[0.0], labels[-0.1]) == (
        "positive", "negative", "neutral", "negative")


def test_entity_tone_matrix(tables):
    matrix = tone_views.entity_tone_matrix(tables, ALL, top=3)
    li = matrix[matrix["name"] == "Li Shangfu"].set_index("outlet")
    # the mentions' targeted tones (0.2 where the sentence's VADER tone is 0.8), not VADER's
    assert li.loc["Alpha News", "mean"] == pytest.approx((0.0 + 0.2 + 0.0) / 3)
    assert set(matrix["scorer"]) == {tone.ENTITY_SCORER}
    assert li.loc["Beta Wire", "n_sentences"] == 1
    assert matrix["name"].nunique() == 3
    # shares of the cell's mentions by the scorer's label, beside the mean
    assert li.loc["Alpha News", ["negative", "neutral", "positive"]].tolist() == \
        pytest.approx([0, 2 / 3, 1 / 3])


def test_a_cell_of_one_article_is_muted_as_too_few(tables):
    matrix = tone_views.entity_tone_matrix(tables, ALL, top=3)
    li = matrix[matrix["name"] == "Li Shangfu"].set_index("outlet")
    assert li.loc["Beta Wire", "n_articles"] == 1
    assert li.loc["Beta Wire", "too_few"]
    assert pd.isna(li.loc["Beta Wire", "ci_low"])  # one article: no interval at all
    assert (matrix["too_few"] == (matrix["n_articles"] < tone.MIN_ARTICLES)).all()
    outlets = tone_views.outlet_tone_view(tables, ALL).set_index("outlet")
    assert outlets["too_few"].all()  # no outlet of the sample has three articles


def test_extreme_sentences_never_show_neutral_as_extreme(tables):
    rows = tone_views.extreme_sentences(tables, ALL, n=3)
    assert "Gamma Post" not in set(rows["outlet"])  # its only sentence is neutral
    alpha = rows[rows["outlet"] == "Alpha News"]
    assert list(zip(alpha["direction"], alpha["tone"], strict=True)) == [
        ("most positive", 0.8), ("most negative", -0.7)]


def test_a_cells_evidence_is_its_outlets_sentences_with_the_score_the_cell_averages(tables):
    cell = tone_views.entity_tone_matrix(tables, ALL, top=3).set_index(["name", "outlet"]).loc[
        ("Li Shangfu", "Alpha News")]
    # the sidebar shows Beta Wire only: the cell's outlet wins
    rows = tone_views.entity_tone_evidence(tables, Filters(outlets=("Beta Wire",)),
                                           entity_id="E_li", outlet="Alpha News")
    assert set(rows["outlet"]) == {"Alpha News"}
    assert len(rows) == cell["n_sentences"] == 3
    assert rows["entity_tone"].mean() == pytest.approx(cell["mean"])
    praised = rows.set_index("sentence").loc[
        "He praised the great friendship with Russia, Li Shangfu said."]
    assert (praised["entity_tone"], praised["entity_label"], praised["tone"]) == (
        pytest.approx(0.2), "positive", pytest.approx(0.8))


@pytest.mark.parametrize("sign", [-1.0, 1.0])
def test_each_outlets_most_extreme_rows_come_first_ties_by_article_then_sentence(sign):
    rng = np.random.default_rng(6)
    rows = pd.DataFrame({
        "outlet": rng.choice(["Zed", "Alpha", "Mid"], 300),
        "article_id": pd.Categorical(rng.choice(["a3", "a1", "a2"], 300)),
        "sentence_id": rng.integers(0, 40, 300),
        "tone": rng.choice([-0.9, -0.5, 0.5, 0.9, 0.95], 300),  # many ties
    })
    expected = rows.assign(key=sign * rows["tone"]).sort_values(
        ["outlet", "key", "article_id", "sentence_id"], kind="stable")
    expected = expected.groupby("outlet", sort=False).head(4)
    positions, rank = tone_views._ranked_per_outlet(rows, sign=sign, n=4)
    assert list(rows.index[positions]) == list(expected.index)
    assert list(rank) == [1, 2, 3, 4] * 3
