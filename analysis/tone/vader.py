"""Sentence tone with VADER: each sentence's compound score and its positive, neutral and
negative shares.

VADER's compound score runs from -1 (most negative) to +1 (most positive); its authors call
a sentence positive at >= 0.05 and negative at <= -0.05.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence

import numpy as np
import pandas as pd

SCORER = "VADER compound (sentence)"
# Macro-F1 (negative / neutral / positive) of VADER's sentence tone with its thresholds on
# NewsMTSC devtest_mt, measured with tools/train_tone.py (the targeted scorer's is in .targeted).
SENTENCE_SCORER_MACRO_F1 = 0.496
POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05
SCORE_COLUMNS = ("tone", "pos", "neu", "neg")
# A sentence is scored on at most this many characters (cut at a word): a "sentence" of an
# unpunctuated text can run to a megabyte, and a sentence's tone is settled long before.
MAX_SCORED_CHARS = 2_000


def scored_part(text: str, limit: int = MAX_SCORED_CHARS) -> str:
    """The start of `text` that VADER scores: all of it, or its first `limit` characters cut
    back to a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def new_analyzer():
    """A VADER analyzer; the lexicon ships inside the vaderSentiment package."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_version() -> str:
    return f"vaderSentiment-{importlib.metadata.version('vaderSentiment')}"


def score_sentences(texts: Sequence[str], *, analyzer) -> dict[str, list[float]]:
    """VADER's scores of each text, in order: tone (the compound), pos, neu, neg."""
    scores: dict[str, list[float]] = {column: [] for column in SCORE_COLUMNS}
    polarity = analyzer.polarity_scores
    for text in texts:
        found = polarity(scored_part(text))
        scores["tone"].append(found["compound"])
        scores["pos"].append(found["pos"])
        scores["neu"].append(found["neu"])
        scores["neg"].append(found["neg"])
    return scores


def label_tone(tone: pd.Series) -> pd.Series:
    """positive / neutral / negative by VADER's own thresholds."""
    labels = np.select([tone >= POSITIVE_AT, tone <= NEGATIVE_AT], ["positive", "negative"],
                       "neutral")
    return pd.Series(labels, index=tone.index, dtype="string")
