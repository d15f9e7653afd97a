"""Tone aggregates: article and outlet tone from the sentences' VADER scores, and entity tone
per outlet from each mention's targeted tone (analysis.tone.targeted).

Intervals are 95% t-intervals over sentences, so they describe how steady an outlet's tone is
across its sentences.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

# Two-sided 95% Student t critical values by degrees of freedom; 1.96 beyond the table.
_T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t_critical_95(dof: int) -> float:
    if dof < 1:
        return math.nan
    return _T95[dof - 1] if dof <= len(_T95) else 1.96


def article_tone(sentences: pd.DataFrame) -> pd.Series:
    """Mean sentence tone per article_id."""
    return sentences.groupby("article_id")["tone"].mean()


def mean_with_interval(values: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Per group of `by`: n_sentences, mean tone and its 95% t-interval (NaN for n < 2)."""
    grouped = values.groupby(by, observed=True)["tone"]
    out = grouped.agg(n_sentences="count", mean="mean", sd="std").reset_index()
    t = out["n_sentences"].map(lambda n: t_critical_95(int(n) - 1))
    half = t * out["sd"] / np.sqrt(out["n_sentences"])
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    return out.drop(columns="sd")


def outlet_tone(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """outlet, n_articles, n_sentences, mean, ci_low, ci_high; most positive first."""
    tagged = sentences.merge(articles[["article_id", "outlet"]], on="article_id")
    out = mean_with_interval(tagged, by=["outlet"])
    n_articles = tagged.groupby("outlet")["article_id"].nunique()
    out.insert(1, "n_articles", out["outlet"].map(n_articles).astype("int64"))
    return out.sort_values("mean", ascending=False, ignore_index=True)


def entity_tone(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Entity-targeted tone per outlet: the mean targeted tone (mentions.tone) of the entity's
    mentions.

    A sentence that names an entity twice counts once: its mentions' tones are averaged
    first, so the interval is over sentences. Columns: entity_id, outlet, n_sentences, mean,
    ci_low, ci_high.
    """
    keys = ["entity_id", "article_id", "sentence_id"]
    per_sentence = mentions.groupby(keys, observed=True, as_index=False)["tone"].mean()
    tagged = per_sentence.merge(articles[["article_id", "outlet"]], on="article_id")
    return mean_with_interval(tagged, by=["entity_id", "outlet"])
