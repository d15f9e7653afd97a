"""The reuse pass of a build: articles in, the `reuse` table out.

    texts -> shingle index (hash partitions) -> seeds -> chains -> candidate pairs
    -> checks (passages, rewritten candidates; cached per pair of texts)
    -> the table: boilerplate out, direction, credit, rewritten sentences (reuse.table)

It reads the articles table (article_id, outlet, published, text) and, for rewritten sentences,
the sentences (article_id, sentence_id, start, end) and the mentions' entity_id; nothing of
spaCy runs here. Passages are looked for in the body of each article only (sentences of kind
`body`, analysis.tone.TONE_KINDS, when the sentences carry a kind): a headline, byline,
dateline, caption or sign-off two outlets share is no reuse, though credit lines are still
read in the whole text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

import analysis.reuse.align as align
import analysis.reuse.rewritten as rewritten
from analysis.reuse.cache import KEYS, Found, PairCache
from analysis.reuse.checks import Bounds, chunks
from analysis.reuse.engines import CHUNK_CHARS, DaskReuse, LocalReuse
from analysis.reuse.index import Chains, chains
from analysis.reuse.table import reuse_table
from analysis.reuse.tokens import NGRAM
from analysis.tables import conform, empty
from analysis.tone import TONE_KINDS

REUSE_VERSION = 1
Progress = Callable[[str, int, int], None]
Engine = LocalReuse | DaskReuse


def namespace(segmentation: str | None) -> str:
    """What shapes a check besides its two texts: this code's parameters, and the sentence
    segmentation (the annotation pipeline's key; None when there are no sentences)."""
    settings = {"version": REUSE_VERSION, "ngram": NGRAM,
                **{k: getattr(align, k) for k in ("MAX_OCCURRENCES", "CHAIN_GAP", "CHAIN_SHIFT",
                                                  "MAX_GAP", "MIN_CHARS", "MIN_MATCHED",
                                                  "MIN_SIMILARITY")},
                "rewritten": [rewritten.MIN_SHARED, rewritten.MIN_DICE,
                              rewritten.FUNCTION_WORDS], "segmentation": segmentation}
    blob = json.dumps(settings, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def text_keys(texts: list[str]) -> list[str]:
    return [hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]


def outlet_codes(outlets: pd.Series) -> np.ndarray:
    """Each article's outlet as an integer; an article without an outlet is its own."""
    codes, uniques = pd.factorize(outlets, use_na_sentinel=True)
    missing = codes < 0
    codes[missing] = len(uniques) + np.arange(int(missing.sum()))
    return codes.astype(np.int64)


def body_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences of the articles' running text (all of them when kinds are unknown)."""
    if "kind" not in sentences.columns:
        return sentences
    return sentences[sentences["kind"].isin(list(TONE_KINDS))]


_NOT_NEWLINE = re.compile(r"[^\n]")


def body_texts(articles: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """Each text with everything outside its body sentences blanked, offsets kept (an article
    without sentences is kept whole)."""
    body = body_sentences(sentences)[["article_id", "start", "end"]]
    spans = {aid: list(zip(g["start"].tolist(), g["end"].tolist(), strict=True))
             for aid, g in body.sort_values(["article_id", "start"]).groupby("article_id",
                                                                          sort=False)}
    segmented = set(sentences["article_id"].unique())
    out = []
    for aid, text in zip(articles["article_id"], articles["text"].astype(str), strict=True):
        if aid not in segmented:
            out.append(text)
            continue
        pieces, position = [], 0
        for start, end in spans.get(aid, []):
            start = max(start, position)
            pieces += [_NOT_NEWLINE.sub(" ", text[position:start]), text[start:end]]
            position = max(position, end)
        pieces.append(_NOT_NEWLINE.sub(" ", text[position:]))
        out.append("".join(pieces))
    return out


def sentence_bounds(articles: pd.DataFrame, sentences: pd.DataFrame) -> list[Bounds]:
    """Each article's sentence starts and ends, in text order."""
    rows = sentences[["article_id", "start", "end"]].sort_values(["article_id", "start"])
    by_article = {aid: (g["start"].to_numpy(np.int64), g["end"].to_numpy(np.int64))
                  for aid, g in rows.groupby("article_id", sort=False)}
    none = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    return [by_article.get(aid, none) for aid in articles["article_id"]]


def find_reuse(
    articles: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    engine: Engine | None = None,
    cache: PairCache | None = None,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """The reuse table of `articles` (see analysis.tables.schema).

    With `sentences` and `mentions` (entity_id) rewritten sentences are looked for too.
    `engine`: LocalReuse (default) or an opened DaskReuse. `cache`: a PairCache whose namespace
    matches the segmentation of `sentences` (see `namespace`), or None.
    """
    if len(articles) < 2:
        return empty("reuse")
    engine = engine or LocalReuse()
    texts = (body_texts(articles, sentences) if sentences is not None
             else articles["text"].astype(str).tolist())
    sentences = body_sentences(sentences) if sentences is not None else None
    if progress is not None:
        progress("reuse", 0, 1)
    seeds = engine.seeds(texts, outlet_codes(articles["outlet"]))
    found_chains = chains(seeds)
    keys = text_keys(texts)
    oriented = _oriented(found_chains, keys)
    pairs = oriented[["x", "y"]].drop_duplicates().sort_values(["x", "y"], ignore_index=True)
    key_of = np.array(keys, dtype=object)
    pairs["key_x"], pairs["key_y"] = key_of[pairs["x"]], key_of[pairs["y"]]
    with_sentences = sentences is not None and mentions is not None
    bounds = sentence_bounds(articles, sentences) if with_sentences else None
    found = _checks(pairs, texts, key_of, bounds, engine=engine, cache=cache,
                    progress=progress)
    passages = pairs.merge(found.passages, on=KEYS).drop(columns=KEYS)
    rewrites = pairs.merge(found.rewrites, on=KEYS).drop(columns=KEYS)
    table = reuse_table(articles, passages, rewrites, oriented, bounds=bounds,
                        sentences=sentences if with_sentences else None,
                        mentions=mentions if with_sentences else None)
    return conform(table, "reuse")


def _oriented(found: Chains, keys: list[str]) -> pd.DataFrame:
    """Chains as x, y, x0, x1, y0, y1 with x the pair's text of the smaller key (the order a
    check runs in, whatever the corpus order)."""
    frame = pd.DataFrame({"a": found.a, "b": found.b, "a0": found.a0, "a1": found.a1,
                          "b0": found.b0, "b1": found.b1})
    key_of = np.array(keys, dtype=object)
    flip = (key_of[frame["a"]] > key_of[frame["b"]]) if len(frame) else np.zeros(0, bool)
    pick = {"x": ("a", "b"), "y": ("b", "a"), "x0": ("a0", "b0"), "x1": ("a1", "b1"),
            "y0": ("b0", "a0"), "y1": ("b1", "a1")}
    return pd.DataFrame({new: np.where(flip, frame[other], frame[own])
                         for new, (own, other) in pick.items()}).astype(np.int64)


def _checks(pairs: pd.DataFrame, texts: list[str], keys: np.ndarray,
            bounds: list[Bounds] | None, *, engine: Engine, cache: PairCache | None,
            progress: Progress | None) -> Found:
    """Results of every pair's check: from the cache, else run now (and cached)."""
    cached = cache.lookup(pairs[KEYS]) if cache is not None else Found.empty()
    todo = pairs.merge(cached.checked[KEYS], on=KEYS, how="left", indicator=True)
    todo = todo[todo["_merge"] == "left_only"].drop_duplicates(KEYS)
    work = chunks(list(zip(todo["x"], todo["y"], strict=True)), texts, bounds,
                  max_chars=CHUNK_CHARS)
    fresh: list[Found] = []

    def on_checked(k: int, result: tuple[pd.DataFrame, pd.DataFrame]) -> None:
        x, y = (np.array(side, dtype=np.int64) for side in zip(*work[k][0], strict=True))
        key_x, key_y = keys[x], keys[y]
        labelled = []
        for frame in result:
            at = frame["pair"].to_numpy(np.int64)
            labelled.append(frame.drop(columns="pair").assign(key_x=key_x[at], key_y=key_y[at]))
        fresh.append(Found(pd.DataFrame({"key_x": key_x, "key_y": key_y}), *labelled))
        if progress is not None:
            progress("reuse", len(fresh), len(work))

    engine.check([chunk for _, chunk in work], on_checked)
    new = Found.concat([Found.empty(), *fresh])
    if cache is not None:
        cache.write(new)
    return Found.concat([cached, new])
