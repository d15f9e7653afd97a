"""Tone aggregates with the article as the unit: article and outlet tone from the sentences'
VADER scores, and entity tone per outlet from each mention's targeted tone
(analysis.tone.targeted).

A group's tone is the mean over its sentences (each sentence weighs the same), but sentences of
one article are not independent: the 95% interval comes from a bootstrap over the group's
articles (resampled whole, BOOTSTRAP times, with a fixed seed), so an outlet of a few long
articles gets the wide interval it deserves, and a percentile interval of means of values in
-1 .. +1 never leaves the scale. A group of one article gets no interval; a group of fewer than
MIN_ARTICLES articles is marked `too_few`, and the pages mute it. Only body sentences count
(TONE_KINDS): a headline, a caption or a sign-off is not the article's voice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TONE_KINDS = ("body",)
MIN_ARTICLES = 3
BOOTSTRAP = 400
SEED = 0
LABELS = ("negative", "neutral", "positive")


def body_only(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences that count for tone (all of them when the table has no kinds)."""
    if "kind" not in sentences.columns:
        return sentences
    return sentences[sentences["kind"].isin(list(TONE_KINDS))]


def article_tone(sentences: pd.DataFrame) -> pd.Series:
    """Mean tone of the body sentences per article_id."""
    return body_only(sentences).groupby("article_id")["tone"].mean()


def clustered_mean(values: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """Per group of `by` (rows of `values`: article_id, tone and the `by` columns): n_articles,
    n_sentences, the mean tone, its 95% interval from a bootstrap over the group's articles
    (NaN for one article) and `too_few` (fewer than MIN_ARTICLES)."""
    per_article = values.groupby([*by, "article_id"], observed=True, sort=True)["tone"].agg(
        ["sum", "count"]).reset_index()
    rng = np.random.default_rng(SEED)
    rows = []
    for key, group in per_article.groupby(by, observed=True, sort=True):
        sums, counts = group["sum"].to_numpy(float), group["count"].to_numpy(float)
        n = len(sums)
        low = high = np.nan
        if n >= 2:
            picks = rng.integers(0, n, size=(BOOTSTRAP, n))
            means = sums[picks].sum(axis=1) / counts[picks].sum(axis=1)
            low, high = np.percentile(means, [2.5, 97.5])
        rows.append((*(key if isinstance(key, tuple) else (key,)), n, int(counts.sum()),
                     sums.sum() / counts.sum(), low, high, n < MIN_ARTICLES))
    columns = [*by, "n_articles", "n_sentences", "mean", "ci_low", "ci_high", "too_few"]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"n_articles": "int64", "n_sentences": "int64", "mean": "float64",
                       "ci_low": "float64", "ci_high": "float64", "too_few": "bool"})


def outlet_tone(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """outlet, n_articles, n_sentences, mean, ci_low, ci_high, too_few; most articles first."""
    tagged = body_only(sentences).merge(articles[["article_id", "outlet"]], on="article_id")
    out = clustered_mean(tagged, by=["outlet"])
    return out.sort_values(["n_articles", "outlet"], ascending=[False, True], ignore_index=True)


def entity_tone(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Entity-targeted tone per outlet: the mean targeted tone (mentions.tone) of the entity's
    sentences, with the article-clustered interval, and the shares of its mentions the scorer
    reads as negative, neutral and positive (mentions.tone_label).

    A sentence that names an entity twice counts once in the mean: its mentions' tones are
    averaged first. Columns: entity_id, outlet, n_articles, n_sentences, mean, ci_low, ci_high,
    too_few, n_mentions, negative, neutral, positive.
    """
    keys = ["entity_id", "article_id", "sentence_id"]
    per_sentence = mentions.groupby(keys, observed=True, as_index=False)["tone"].mean()
    tagged = per_sentence.merge(articles[["article_id", "outlet"]], on="article_id")
    out = clustered_mean(tagged, by=["entity_id", "outlet"])
    labelled = mentions.merge(articles[["article_id", "outlet"]], on="article_id")
    shares = pd.crosstab([labelled["entity_id"], labelled["outlet"]], labelled["tone_label"])
    shares = shares.reindex(columns=list(LABELS), fill_value=0)
    n = shares.sum(axis=1)
    shares = shares.div(n, axis=0).assign(n_mentions=n).reset_index()
    out = out.merge(shares, on=["entity_id", "outlet"], how="left")
    return out[["entity_id", "outlet", "n_articles", "n_sentences", "mean", "ci_low", "ci_high",
                "too_few", "n_mentions", *LABELS]]
