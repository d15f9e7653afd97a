"""The tone figures, on the views of the hand-made tables."""

import numpy as np
import pandas as pd
import pytest

from analysis.tone import MIN_ARTICLES
from analysis.views import Filters
from analysis.views import tone as tone_views
from dashboard import tone_figures

ALL = Filters()


def test_tone_figures(tables):
    outlet_tone = tone_views.outlet_tone_view(tables, ALL)
    tones = tone_views.sentence_tones(tables, ALL)
    for kind in ("box", "violin", "strip"):
        fig = tone_figures.tone_distribution(tones, outlet_tone, kind=kind)
        means = fig.data[-1]
        assert list(means.x) == list(outlet_tone["outlet"])
        assert list(means.y) == pytest.approx(list(outlet_tone["mean"]))
        assert sum(len(trace.y) for trace in fig.data[:-1]) == len(tones)  # every sentence
    heatmap = tone_figures.entity_tone_heatmap(tone_views.entity_tone_matrix(tables, ALL)).data[0]
    assert (heatmap.zmin, heatmap.zmax) == (-1, 1)


def test_big_tone_distributions_send_box_statistics_not_every_sentence(monkeypatch):
    monkeypatch.setattr(tone_figures, "MAX_POINTS", 10)
    tones = pd.DataFrame({"outlet": ["A"] * 101, "tone": np.linspace(-1, 1, 101)})
    outlets = pd.DataFrame({"outlet": ["A"], "n_articles": [9], "n_sentences": [101],
                            "mean": [0.0], "ci_low": [-0.1], "ci_high": [0.1],
                            "too_few": [False]})
    box = tone_figures.tone_distribution(tones, outlets, kind="box").data[0]
    assert box.y is None
    assert (box.q1[0], box.median[0], box.q3[0]) == pytest.approx((-0.5, 0.0, 0.5))
    assert (box.lowerfence[0], box.upperfence[0]) == pytest.approx((-1.0, 1.0))
    strip = tone_figures.tone_distribution(tones, outlets, kind="strip").data[0]
    assert len(strip.y) == 50  # a fixed sample
    again = tone_figures.tone_distribution(tones, outlets, kind="strip").data[0]
    assert list(strip.y) == list(again.y)


def test_too_few_articles_are_drawn_muted(tables):
    outlets = tone_views.outlet_tone_view(tables, Filters())
    outlets.loc[outlets["outlet"] == "Alpha News", "too_few"] = False
    figure = tone_figures.tone_distribution(tone_views.sentence_tones(tables, Filters()), outlets)
    means = {trace.name: list(trace.x) for trace in figure.data if trace.type == "scatter"}
    assert means["mean, 95% interval"] == ["Alpha News"]
    assert sorted(means[f"mean, too few articles (< {MIN_ARTICLES})"]) == ["Beta Wire",
                                                                          "Gamma Post"]

    matrix = tone_views.entity_tone_matrix(tables, Filters(), top=3)
    assert matrix["too_few"].all()  # no cell of the sample rests on three articles
    enough = (matrix["name"] == "Li Shangfu") & (matrix["outlet"] == "Alpha News")
    matrix.loc[enough, "too_few"] = False  # as if it did
    coloured, grey = tone_figures.entity_tone_heatmap(matrix).data
    coloured_cells = ~np.isnan(np.asarray(coloured.z, dtype=float))
    grey_cells = ~np.isnan(np.asarray(grey.z, dtype=float))
    assert coloured_cells.sum() == 1 and grey_cells.sum() == len(matrix) - 1
    row, column = (int(i[0]) for i in np.nonzero(coloured_cells))
    assert (coloured.y[row], coloured.x[column]) == ("Li Shangfu", "Alpha News")


def test_box_fences_leave_out_what_lies_beyond_reach_in_each_outlet(monkeypatch):
    monkeypatch.setattr(tone_figures, "MAX_POINTS", 10)
    rng = np.random.default_rng(2)
    calm = np.r_[rng.uniform(-0.1, 0.1, 60), -0.95, 0.9]  # two sentences far out
    wide = rng.uniform(-0.8, 0.8, 40)
    tones = pd.DataFrame({"outlet": pd.Categorical(["Calm <b>Post</b>"] * 62 + ["Wide"] * 40),
                          "tone": np.r_[calm, wide]})
    outlets = pd.DataFrame({"outlet": ["Wide", "Calm <b>Post</b>"], "n_articles": [9, 9],
                            "n_sentences": [40, 62], "mean": [0.0, 0.0], "ci_low": [-0.1, -0.1],
                            "ci_high": [0.1, 0.1], "too_few": [False, False]})
    box = tone_figures.tone_distribution(tones, outlets, kind="box").data[0]
    assert list(box.x) == ["Wide", "Calm &lt;b&gt;Post&lt;/b&gt;"]  # the page's order, as text
    q1, q3 = np.quantile(calm, [0.25, 0.75])
    inside = calm[(calm >= q1 - 1.5 * (q3 - q1)) & (calm <= q3 + 1.5 * (q3 - q1))]
    assert (box.q1[1], box.median[1], box.q3[1]) == pytest.approx(
        tuple(np.quantile(calm, [0.25, 0.5, 0.75])))
    assert (box.lowerfence[1], box.upperfence[1]) == pytest.approx((inside.min(), inside.max()))
    assert box.lowerfence[1] > -0.95 and box.upperfence[1] < 0.9
    assert (box.lowerfence[0], box.upperfence[0]) == pytest.approx((wide.min(), wide.max()))
