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

from analysis.tables.article_columns import with_article_columns
from analysis.tables.sorted_runs import run_starts

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
    return _clustered(per_article, by=by)


def article_clustered_mean(sentences: pd.DataFrame, articles: pd.DataFrame, *,
                           by: list[str]) -> pd.DataFrame:
    """`clustered_mean` of `sentences` (article_id, tone) grouped by their articles' `by`
    columns (`articles`: article_id and `by`, a row per article). Each article's sentences are
    summed first, so only the articles are tagged and grouped: on 37,554 articles 37,554 rows
    instead of 1.7 million sentences, the same sums."""
    per_article = sentences.groupby("article_id", observed=True, sort=True)["tone"].agg(
        ["sum", "count"]).reset_index()
    tagged = with_article_columns(per_article, articles[["article_id", *by]]).dropna(subset=by)
    # by group, then article, as clustered_mean's groupby orders them
    return _clustered(tagged.sort_values(by, kind="stable", ignore_index=True), by=by)


def _clustered(per_article: pd.DataFrame, *, by: list[str]) -> pd.DataFrame:
    """clustered_mean's figures from each article's tone sum and count (article_id, sum,
    count and `by`, sorted by `by` then article)."""
    if per_article.empty:
        return pd.DataFrame({column: per_article[column].iloc[:0] for column in by}).assign(
            n_articles=np.int64(0), n_sentences=np.int64(0), mean=np.nan, ci_low=np.nan,
            ci_high=np.nan, too_few=False).astype({"too_few": bool})
    keys = per_article.groupby(by, observed=True, sort=True).size()
    sizes = keys.to_numpy()
    sums = per_article["sum"].to_numpy(float)
    counts = per_article["count"].to_numpy(float)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    n_sentences = np.add.reduceat(counts, starts)
    low, high = _bootstrap_interval(sums, counts, sizes)
    out = keys.index.to_frame(index=False)
    for column in by:  # the group's value as itself, not a category
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(out[column].cat.categories.dtype)
    return out.assign(n_articles=sizes.astype("int64"), n_sentences=n_sentences.astype("int64"),
                      mean=np.add.reduceat(sums, starts) / n_sentences, ci_low=low,
                      ci_high=high, too_few=sizes < MIN_ARTICLES)


# articles resampled together (whole groups, up to about this many), drawn this many
# resamples at a time: 100 x 12,500 picks are 10 MB per array
_DRAWS_AT_ONCE = 12_500
_RESAMPLES_AT_ONCE = 100


def _bootstrap_interval(sums: np.ndarray, counts: np.ndarray,
                        sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 2.5 and 97.5 percentiles of BOOTSTRAP resampled means of each group, the groups'
    articles lying one after another in `sums` and `counts` (`sizes` articles each); NaN for
    a group of one article. The groups are resampled together, a chunk of them at a time."""
    rng = np.random.default_rng(SEED)
    low = np.full(len(sizes), np.nan)
    high = np.full(len(sizes), np.nan)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]

    def resample(chosen: list[int]) -> None:
        n = sizes[chosen]
        first = np.repeat(starts[chosen], n)
        scale = np.repeat(n, n)
        at = np.r_[0, np.cumsum(n)[:-1]]
        means = np.empty((BOOTSTRAP, len(chosen)))
        # a few resamples at a time, the draws made into picks in place: the same stream of
        # numbers as all BOOTSTRAP at once, a quarter of the memory
        for lo in range(0, BOOTSTRAP, _RESAMPLES_AT_ONCE):
            draws = rng.random((min(_RESAMPLES_AT_ONCE, BOOTSTRAP - lo), len(first)))
            draws *= scale
            picks = draws.astype(np.intp)
            del draws
            picks += first
            means[lo:lo + len(picks)] = (np.add.reduceat(sums[picks], at, axis=1)
                                         / np.add.reduceat(counts[picks], at, axis=1))
        low[chosen], high[chosen] = np.percentile(means, [2.5, 97.5], axis=0)

    chunk, held = [], 0
    for group in np.flatnonzero(sizes >= 2):
        chunk.append(group)
        held += sizes[group]
        if held >= _DRAWS_AT_ONCE:
            resample(chunk)
            chunk, held = [], 0
    if chunk:
        resample(chunk)
    return low, high


def outlet_tone(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """outlet, n_articles, n_sentences, mean, ci_low, ci_high, too_few; most articles first."""
    out = article_clustered_mean(body_only(sentences), articles, by=["outlet"])
    return out.sort_values(["n_articles", "outlet"], ascending=[False, True], ignore_index=True)


def entity_tone(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Entity-targeted tone per outlet: the mean targeted tone (mentions.tone) of the entity's
    sentences, with the article-clustered interval, and the shares of its mentions the scorer
    reads as negative, neutral and positive (mentions.tone_label).

    A sentence that names an entity twice counts once in the mean: its mentions' tones are
    averaged first. Columns: entity_id, outlet, n_articles, n_sentences, mean, ci_low, ci_high,
    too_few, n_mentions, negative, neutral, positive.

    Counted on numbers (entities, outlets and articles numbered in id order, each entity's
    sentences found by one sort): grouping the mentions' ids took 0.25 s of the tone page's
    entity matrix at 37,554 articles.
    """
    mentions = with_article_columns(mentions, articles[["article_id", "outlet"]])
    mentions = mentions[mentions["outlet"].notna()]
    entity, entity_ids = pd.factorize(mentions["entity_id"], sort=True)
    outlet, outlet_names = pd.factorize(mentions["outlet"], sort=True)
    article, _ = pd.factorize(mentions["article_id"], sort=True)
    if not (entity >= 0).any():
        per_article = pd.DataFrame({"entity_id": entity_ids[:0], "outlet": outlet_names[:0],
                                    "sum": np.zeros(0), "count": np.zeros(0, dtype=np.int64)})
    else:
        per_article = _entity_articles(mentions, entity, article, outlet, entity_ids,
                                       outlet_names)
    out = _clustered(per_article, by=["entity_id", "outlet"])
    cell = np.where(entity >= 0, entity * len(outlet_names) + outlet, -1)
    shares = _label_shares(cell, mentions["tone_label"], entity_ids, outlet_names)
    out = out.merge(shares, on=["entity_id", "outlet"], how="left")
    return out[["entity_id", "outlet", "n_articles", "n_sentences", "mean", "ci_low", "ci_high",
                "too_few", "n_mentions", *LABELS]]


def _entity_articles(mentions: pd.DataFrame, entity: np.ndarray, article: np.ndarray,
                     outlet: np.ndarray, entity_ids: pd.Index,
                     outlets: pd.Index) -> pd.DataFrame:
    """Per entity and article (sorted by entity, outlet, then article, as _clustered reads
    them): the sum of the mean tone of each of its sentences naming the entity, and how many
    of those sentences have a tone."""
    named = np.flatnonzero(entity >= 0)
    sentence = mentions["sentence_id"].to_numpy(dtype=np.int64)[named]
    n_articles = int(article.max()) + 1
    sentences = int(sentence.max()) + 1  # numbers per article
    key = (entity[named].astype(np.int64) * n_articles + article[named]) * sentences + sentence
    order = np.argsort(key, kind="stable")
    key, rows = key[order], named[order]
    tone = mentions["tone"].to_numpy(dtype=float)[rows]
    # each sentence's mean tone (its mentions' tones that exist), then each article's sum
    starts = run_starts(key)
    toned = ~np.isnan(tone)
    with np.errstate(invalid="ignore", divide="ignore"):
        sentence_tone = (np.add.reduceat(np.where(toned, tone, 0.0), starts)
                         / np.add.reduceat(toned.astype(np.int64), starts))
    has_tone = ~np.isnan(sentence_tone)
    of_article = key[starts] // sentences  # entity x n_articles + article
    firsts = run_starts(of_article)
    of_entity, _ = np.divmod(of_article[firsts], n_articles)
    of_outlet = outlet[rows[starts[firsts]]]
    by_outlet = np.lexsort((of_article[firsts], of_outlet, of_entity))
    return pd.DataFrame({
        "entity_id": entity_ids.take(of_entity[by_outlet]),
        "outlet": outlets.take(of_outlet[by_outlet]),
        "sum": np.add.reduceat(np.where(has_tone, sentence_tone, 0.0), firsts)[by_outlet],
        "count": np.add.reduceat(has_tone.astype(np.int64), firsts)[by_outlet],
    })


def _label_shares(cell: np.ndarray, labels: pd.Series, entity_ids: pd.Index,
                  outlets: pd.Index) -> pd.DataFrame:
    """Per entity and outlet (`cell`: entity number x outlets + outlet number), the share of
    its labelled mentions of each of LABELS, and how many those are (n_mentions)."""
    label = pd.Categorical(labels, categories=list(LABELS)).codes
    counted = (cell >= 0) & (label >= 0)
    width = len(LABELS)
    counts = np.bincount(cell[counted] * width + label[counted],
                         minlength=len(entity_ids) * len(outlets) * width).reshape(-1, width)
    n = counts.sum(axis=1)
    cells = np.flatnonzero(n)
    of_entity, of_outlet = np.divmod(cells, max(len(outlets), 1))
    shares = counts[cells] / n[cells, None]
    return pd.DataFrame({"entity_id": entity_ids.take(of_entity), "outlet": outlets.take(of_outlet),
                         **{label: shares[:, k] for k, label in enumerate(LABELS)},
                         "n_mentions": n[cells].astype(np.int64)})
