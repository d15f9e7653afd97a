"""Tone views: how positive or negative each outlet's sentences are, overall and about each
entity, as pure functions of (Tables, Filters)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis import tone as tone_mod
from analysis.tables import Tables, TextSource, run_starts, with_article_columns, with_text
from analysis.views.entities import leading_entities
from analysis.views.evidence import entity_sentences, with_sentences
from analysis.views.joined import join_per_run
from analysis.views.outlets import in_order, outlet_order, pooled
from analysis.views.scope import (
    NO_FILTERS,
    SENTENCE_KEYS,
    Filters,
    as_compared,
    in_body,
    scoped_articles,
    scoped_mentions,
    scoped_sentences,
    with_outlet,
)


def _body(tables: Tables, filters: Filters, columns: list[str]) -> pd.DataFrame:
    """The kept sentences that count for tone (tone.TONE_KINDS)."""
    return scoped_sentences(tables, filters, columns=columns, kinds=tone_mod.TONE_KINDS,
                            comparing=True)


def outlet_tone_view(tables: Tables, filters: Filters = NO_FILTERS, *,
                     shown: int | None = None) -> pd.DataFrame:
    """outlet, n_articles, n_sentences, mean sentence tone, its 95% interval over articles
    and too_few (fewer than tone.MIN_ARTICLES articles); most articles first. `shown`: the
    outlets beyond the leading `shown` pooled into "other outlets", last."""
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet"], comparing=True)
    order = outlet_order(tables, filters, shown=shown)
    out = tone_mod.outlet_tone(pooled(articles, order),
                               _body(tables, filters, ["article_id", "tone"]))
    return in_order(out, order)


def sentence_tones(tables: Tables, filters: Filters = NO_FILTERS, *,
                   shown: int | None = None) -> pd.DataFrame:
    """outlet, tone of every kept body sentence: the distribution a chart draws (no texts);
    `shown` pools outlets as outlet_tone_view does. The outlets as a categorical: the view is
    kept between reruns, and on 37,554 articles a string per sentence held 45 MB, not 12."""
    sentences = with_outlet(tables, _body(tables, filters, ["article_id", "tone"]), filters)
    out = pooled(sentences, outlet_order(tables, filters, shown=shown))
    return out[["outlet", "tone"]].reset_index(drop=True).astype({"outlet": "category"})


def _with_article_and_text(tables: Tables, rows: pd.DataFrame,
                           texts: TextSource | None) -> pd.DataFrame:
    """`rows` (article_id, sentence_id, ...) with outlet, title, published and the sentence."""
    out = with_article_columns(rows, tables.articles[["article_id", "outlet", "title",
                                                      "published"]])
    out = out.astype({"article_id": "string"})
    return with_text(tables, "sentences", out, texts=texts, column="sentence")


def sentence_tone_view(tables: Tables, filters: Filters = NO_FILTERS, *,
                       texts: TextSource | None = None) -> pd.DataFrame:
    """Every kept body sentence with its outlet, article, text and tone label."""
    out = _with_article_and_text(tables, _body(tables, filters,
                                               ["article_id", "sentence_id", "tone"]), texts)
    out["tone_label"] = tone_mod.label_tone(out["tone"])
    columns = ["outlet", "title", "published", "sentence_id", "sentence", "tone", "tone_label",
               "article_id"]
    return out[columns].sort_values(["outlet", "published", "article_id", "sentence_id"],
                                    ignore_index=True)


def entity_tone_matrix(
    tables: Tables, filters: Filters = NO_FILTERS, *, top: int = 15, shown: int | None = None
) -> pd.DataFrame:
    """Entity-targeted tone per outlet for the `top` entities (long form, one row per cell):
    the cell's articles and sentences, the mean with its interval over articles, too_few, and
    the shares of the cell's mentions read as negative, neutral and positive; `n_mentions` is
    the entity's total; `scorer` names the model that scored the mentions
    (analysis.tone.ENTITY_SCORER). `shown`: outlets beyond the leading `shown` pooled into
    "other outlets", the last column."""
    mentions = scoped_mentions(tables, filters, comparing=True,
                               columns=[*SENTENCE_KEYS, "entity_id", "tone", "tone_label"])
    leaders = leading_entities(tables, mentions, top=top)
    mentions = in_body(tables, mentions[mentions["entity_id"].isin(leaders["entity_id"])])
    order = outlet_order(tables, filters, shown=shown)
    articles = pooled(as_compared(tables, filters, tables.articles[["article_id", "outlet"]]),
                      order)
    cells = tone_mod.entity_tone(articles, mentions).drop(columns="n_mentions")
    out = leaders[["entity_id", "name", "label", "n_mentions"]].merge(cells, on="entity_id")
    out["scorer"] = pd.Series(tone_mod.ENTITY_SCORER, index=out.index, dtype="string")
    columns = ["name", "label", "outlet", "n_articles", "n_sentences", "mean", "ci_low",
               "ci_high", "too_few", "negative", "neutral", "positive", "n_mentions", "scorer",
               "entity_id"]
    out = in_order(out[columns], order)
    return out.sort_values(["n_mentions", "name"], ascending=[False, True], kind="stable",
                           ignore_index=True)


def extreme_sentences(tables: Tables, filters: Filters = NO_FILTERS, *, n: int = 3,
                      texts: TextSource | None = None) -> pd.DataFrame:
    """Per outlet, the `n` most positive and `n` most negative sentences.

    Only sentences past VADER's thresholds qualify, so a neutral sentence is never shown as
    an outlet's "most negative".
    """
    sentences = with_outlet(tables, _body(tables, filters, ["article_id", "sentence_id", "tone"]),
                            filters)
    parts = []
    for direction, rows, sign in (
        ("most positive", sentences[sentences["tone"] >= tone_mod.POSITIVE_AT], -1.0),
        ("most negative", sentences[sentences["tone"] <= tone_mod.NEGATIVE_AT], 1.0),
    ):
        positions, rank = _ranked_per_outlet(rows, sign=sign, n=n)
        ranked = rows.iloc[positions].assign(rank=rank, direction=direction)
        parts.append(ranked.drop(columns="outlet"))
    out = _with_article_and_text(tables, pd.concat(parts, ignore_index=True), texts)
    out["direction"] = out["direction"].astype("string")
    columns = ["outlet", "direction", "rank", "tone", "sentence", "title", "published",
               "article_id", "sentence_id"]
    return out[columns].sort_values(["outlet", "direction", "rank"], ascending=[True, False, True],
                                    ignore_index=True)


def _ranked_per_outlet(rows: pd.DataFrame, *, sign: float,
                       n: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions of each outlet's first `n` rows by `sign` x tone (ties by article, then
    sentence), outlet by outlet, and their ranks from 1. Only the rows as far out as each
    outlet's n-th are sorted on every key: sorting all of them took most of the view at
    37,554 articles."""
    if rows.empty:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    outlet, _ = pd.factorize(rows["outlet"], sort=True)
    key = sign * rows["tone"].to_numpy(dtype=float)  # tones lie in -1 .. 1
    by_outlet = outlet * 4.0 + key  # each outlet's rows apart, in order of key
    ordered = np.sort(by_outlet)
    starts = np.searchsorted(ordered, np.arange(outlet.max() + 1) * 4.0 - 2.0)
    ends = np.r_[starts[1:], len(ordered)]
    nth = ordered[np.minimum(starts + n, ends) - 1]
    candidates = np.flatnonzero(by_outlet <= nth[outlet])
    article, _ = pd.factorize(rows["article_id"].iloc[candidates], sort=True)
    order = candidates[np.lexsort((rows["sentence_id"].to_numpy()[candidates], article,
                                   key[candidates], outlet[candidates]))]
    starts = run_starts(outlet[order])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)])) + 1
    kept = rank <= n
    return order[kept], rank[kept]


def entity_tone_evidence(tables: Tables, filters: Filters = NO_FILTERS, *, entity_id: str,
                         outlet: str, texts: TextSource | None = None,
                         read: int | None = None) -> pd.DataFrame:
    """The evidence behind one cell of entity_tone_matrix: the body sentences of `outlet` (the
    cell's, whatever the sidebar's outlets) naming the entity, each with `entity_tone`, the
    targeted score the cell averages, and `entity_label`, how the scorer reads the mention(s)
    there, beside the sentence's VADER `tone`; `read`: the texts of the first `read` only
    (views.evidence.with_sentences)."""
    cell = replace(filters, outlets=(outlet,), labels=())
    rows = in_body(tables, entity_sentences(tables, cell, entity_id=entity_id, read=0))
    mentions = scoped_mentions(tables, cell, columns=[*SENTENCE_KEYS, "entity_id",
                                                      "tone_label"])
    labelled = mentions.loc[mentions["entity_id"] == entity_id, [*SENTENCE_KEYS, "tone_label"]]
    labelled = labelled.astype({"tone_label": "string"}).drop_duplicates().sort_values(
        [*SENTENCE_KEYS, "tone_label"])
    labels = join_per_run(labelled.rename(columns={"tone_label": "entity_label"}),
                          SENTENCE_KEYS, "entity_label", " / ")
    out = rows.merge(labels, on=SENTENCE_KEYS, how="left")
    out["entity_label"] = out["entity_label"].astype("string")
    columns = ["outlet", "title", "published", "sentence", "entity_tone", "entity_label", "tone",
               "highlights", "article_id", "sentence_id"]
    out = out[columns].sort_values(["entity_tone", "published", "article_id", "sentence_id"],
                                   ignore_index=True)
    return with_sentences(tables, out, texts=texts, read=read)
