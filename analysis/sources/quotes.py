"""The quotes table: every attribution of every article, its speaker resolved, its tone.

Runs after canonical entities (speakers resolve to them) over the articles' texts, the
sentences' (article_id, sentence_id, start, end) and the mentions' spans, labels and
entity_id; nothing else, so a change of segmentation or of the entity rules flows through.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from analysis.sources.article import Article, Mention
from analysis.sources.attribution import Attribution, attributions
from analysis.sources.resolve import Resolver
from analysis.tables import conform, empty

PART_SEPARATOR = " … "
# Measured on the 20 held-out (test) articles of bench/data/quotes with
# `python bench/quality_quotes.py`: F1 of the contents of direct and of all attributions, and
# the share of matched attributions whose speaker is right.
QUALITY = {"direct_f1": 0.918, "all_f1": 0.804, "speaker_accuracy": 0.913}


def format_parts(parts: list[tuple[int, int]]) -> str:
    """Content parts as "start:end" pairs separated by spaces (article offsets)."""
    return " ".join(f"{start}:{end}" for start, end in parts)


def parse_parts(value: str | None) -> list[tuple[int, int]]:
    if not isinstance(value, str) or not value.strip():
        return []
    return [(int(a), int(b)) for a, b in (pair.split(":") for pair in value.split())]


def _by_article(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    if frame.empty:
        return {}
    return frame.groupby("article_id", sort=False).indices


def articles_to_read(articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame,
                     entities: pd.DataFrame) -> Iterator[tuple[str, Article]]:
    """Each article as the rules read it, with its sentences and its resolved mentions."""
    names = dict(zip(entities["entity_id"].tolist(), entities["name"].tolist(), strict=True))
    labels = dict(zip(entities["entity_id"].tolist(), entities["label"].tolist(), strict=True))
    sentence_rows = _by_article(sentences)
    mention_rows = _by_article(mentions)
    s_start = sentences["start"].to_numpy()
    s_id = sentences["sentence_id"].to_numpy()
    m_cols = [mentions[c].tolist() for c in ("start", "end", "label", "entity_id", "text")]
    for article_id, text in zip(articles["article_id"].tolist(), articles["text"].tolist(),
                                strict=True):
        rows = sentence_rows.get(article_id, np.array([], dtype=int))
        order = rows[np.argsort(s_start[rows], kind="stable")]
        built = []
        for i in sorted(mention_rows.get(article_id, []), key=lambda r: m_cols[0][r]):
            start, end, label, entity_id, surface = (col[i] for col in m_cols)
            entity_id = None if pd.isna(entity_id) else str(entity_id)
            built.append(Mention(int(start), int(end), str(label), entity_id,
                                 labels.get(entity_id, str(label)),
                                 names.get(entity_id, str(surface))))
        yield str(article_id), Article(str(text), s_start[order].tolist(),
                                       s_id[order].tolist(), built)


def quote_rows(article_id: str, article: Article) -> list[dict]:
    """One row per attribution of one article (tone left for the caller)."""
    resolver = Resolver(article)
    found: list[Attribution] = attributions(article)
    speakers, relays = {}, {}
    for attribution in sorted(found, key=lambda a: a.anchor):
        if attribution.speaker is not None:
            speakers[id(attribution)] = resolver.speaker(attribution.speaker,
                                                         attribution.anchor)
        if attribution.via is not None:  # a relay spoke too: "the ministry" may mean it
            relays[id(attribution)] = resolver.speaker(attribution.via, attribution.via.start)
    rows = []
    text = article.text
    for quote_id, attribution in enumerate(found):
        speaker = attribution.speaker
        resolved = speakers.get(id(attribution))
        via, relay = attribution.via, relays.get(id(attribution))
        rows.append({
            "article_id": article_id,
            "quote_id": quote_id,
            "sentence_id": article.sentence_id(attribution.start),
            "start": attribution.start,
            "end": attribution.end,
            "parts": format_parts(attribution.parts),
            "text": PART_SEPARATOR.join(text[s:e] for s, e in attribution.parts),
            "kind": attribution.kind,
            "cue": text[slice(*attribution.cue)] if attribution.cue else pd.NA,
            "cue_start": attribution.cue[0] if attribution.cue else pd.NA,
            "cue_end": attribution.cue[1] if attribution.cue else pd.NA,
            "speaker_text": text[speaker.start:speaker.end] if speaker else pd.NA,
            "speaker_start": speaker.start if speaker else pd.NA,
            "speaker_end": speaker.end if speaker else pd.NA,
            "speaker_entity_id": resolved.entity_id if resolved else pd.NA,
            "speaker_name": resolved.name if resolved else pd.NA,
            "speaker_rule": resolved.rule if resolved else "none",
            "via_text": text[via.start:via.end] if via else pd.NA,
            "via_start": via.start if via else pd.NA,
            "via_end": via.end if via else pd.NA,
            "via_entity_id": relay.entity_id if relay and relay.entity_id else pd.NA,
        })
    return rows


def find_quotes(articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame,
                entities: pd.DataFrame) -> pd.DataFrame:
    """The quotes table of a build.

    `articles` needs article_id and text; `sentences` article_id, sentence_id, start, end and
    tone (VADER compound); `mentions` article_id, start, end, text, label, entity_id;
    `entities` entity_id, name, label.
    """
    rows = []
    for article_id, article in articles_to_read(articles, sentences, mentions, entities):
        rows.extend(quote_rows(article_id, article))
    if not rows:
        return empty("quotes")
    quotes = pd.DataFrame(rows)
    quotes["tone"] = content_tone(quotes, sentences)
    return conform(quotes, "quotes")


def content_tone(quotes: pd.DataFrame, sentences: pd.DataFrame) -> np.ndarray:
    """The tone of each content: the VADER compound of the sentences it lies in, each weighted
    by how many of the content's characters it holds.

    The build scored every sentence already; scoring each content again would cost a quarter of
    a millisecond per quote, most of this step. What this adds to the content is its
    attribution ("..., he said"), words VADER's lexicon does not score.
    """
    rows, starts, ends = [], [], []
    for row, value in enumerate(quotes["parts"].tolist()):
        for start, end in parse_parts(value):
            rows.append(row)
            starts.append(start)
            ends.append(end)
    tone = np.full(len(quotes), np.nan)
    if not rows or sentences.empty:
        return tone
    codes, ids = pd.factorize(sentences["article_id"])
    s_start = sentences["start"].to_numpy(dtype=np.int64)
    order = np.lexsort((s_start, codes))
    shift = np.int64(1) << 32  # article code and offset in one sortable key
    keys = codes[order].astype(np.int64) * shift + s_start[order]
    s_end = sentences["end"].to_numpy(dtype=np.int64)[order]
    s_tone = sentences["tone"].to_numpy(dtype=float)[order]
    rows = np.asarray(rows)
    code = ids.get_indexer(quotes["article_id"].to_numpy()[rows]).astype(np.int64)
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    first = np.searchsorted(keys, code * shift + starts, side="right") - 1
    last = np.searchsorted(keys, code * shift + ends - 1, side="right") - 1
    count = np.where((code >= 0) & (first >= 0), np.maximum(last - first + 1, 0), 0)
    piece = np.repeat(np.arange(len(rows)), count)
    within = np.arange(len(piece)) - np.repeat(np.cumsum(count) - count, count)
    sentence = first[piece] + within
    chars = (np.minimum(ends[piece], s_end[sentence])
             - np.maximum(starts[piece], s_start[order][sentence]))
    keep = (chars > 0) & ~np.isnan(s_tone[sentence])
    row = rows[piece[keep]]
    weights = np.bincount(row, weights=chars[keep], minlength=len(quotes))
    sums = np.bincount(row, weights=chars[keep] * s_tone[sentence[keep]], minlength=len(quotes))
    scored = weights > 0
    tone[scored] = sums[scored] / weights[scored]
    return tone
