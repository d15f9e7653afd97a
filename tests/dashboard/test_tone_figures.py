"""The tone figures, on the views of the hand-made tables."""

import numpy as np
import pandas as pd
import pytest

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
    outlets = pd.DataFrame({"outlet": ["A"], "n_sentences": [101], "mean": [0.0],
                            "ci_low": [-0.1], "ci_high": [0.1]})
    box = tone_figures.tone_distribution(tones, outlets, kind="box").data[0]
    assert box.y is None
    assert (box.q1[0], box.median[0], box.q3[0]) == pytest.approx((-0.5, 0.0, 0.5))
    assert (box.lowerfence[0], box.upperfence[0]) == pytest.approx((-1.0, 1.0))
    strip = tone_figures.tone_distribution(tones, outlets, kind="strip").data[0]
    assert len(strip.y) == 50  # a fixed sample
    again = tone_figures.tone_distribution(tones, outlets, kind="strip").data[0]
    assert list(strip.y) == list(again.y)
