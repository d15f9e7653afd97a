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


def test_a_monster_sentence_is_scored_on_its_start():
    from analysis.tone.vader import MAX_SCORED_CHARS, scored_part

    text = "The talks were a great success. " + "and then " * 5_000 + "a terrible disaster."
    part = scored_part(text)
    assert len(part) <= MAX_SCORED_CHARS and text.startswith(part) and not part.endswith(" ")
    scores = score_sentences([text], analyzer=new_analyzer())
    assert scores["tone"][0] > 0.5  # the disaster at the far end is not read
