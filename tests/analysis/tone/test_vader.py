"""VADER's sentence scores and labels."""

import pandas as pd

from analysis.tone import label_tone, new_analyzer, score_sentences


def test_vader_scores_direction():
    scores = pd.DataFrame(score_sentences(
        ["The talks were a great success.", "The attack killed dozens.", "It is Monday."],
        analyzer=new_analyzer(),
    ))
    assert list(scores.columns) == ["tone", "pos", "neu", "neg"]
    assert scores.loc[0, "tone"] > 0.5
    assert scores.loc[1, "tone"] < -0.5
    assert scores.loc[2, "tone"] == 0
    assert list(label_tone(scores["tone"])) == ["positive", "negative", "neutral"]
