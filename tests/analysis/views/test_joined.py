"""Strings joined per run of equal keys, on arrays."""

import pandas as pd

from analysis.views.joined import join_per_run, join_runs


def test_join_runs_joins_each_run_of_equal_keys():
    keys, joined = join_runs(pd.Series([1, 1, 2, 3, 3, 3]).to_numpy(),
                             ["a", "b", "c", "d", "e", "f"], ", ")
    assert keys.tolist() == [1, 2, 3]
    assert joined.tolist() == ["a, b", "c", "d, e, f"]


def test_join_per_run_starts_a_run_where_any_key_changes():
    frame = pd.DataFrame({"article_id": ["a1", "a1", "a1", "a2", "a2"],
                          "sentence_id": [0, 0, 1, 1, 1],
                          "label": ["negative", "positive", "neutral", "neutral", "positive"]})
    out = join_per_run(frame, ["article_id", "sentence_id"], "label", " / ")
    assert out.to_dict("list") == {"article_id": ["a1", "a1", "a2"], "sentence_id": [0, 1, 1],
                                   "label": ["negative / positive", "neutral",
                                             "neutral / positive"]}
    assert join_per_run(frame.head(0), ["article_id", "sentence_id"], "label", " / ").empty
