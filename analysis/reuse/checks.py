"""The check of a candidate pair: its verbatim passages and its rewritten sentence candidates.

A check depends on the two texts (and their sentence bounds) alone, so its result is cached
per pair of texts (analysis.reuse.cache) and an engine may run any chunk of checks anywhere:
`check_chunk` is what a local loop or a Dask worker runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.reuse.align import PASSAGE_COLUMNS, passages, prepare
from analysis.reuse.rewritten import candidates, covered, sentence_words

REWRITE_COLUMNS = ["sentence_x", "sentence_y", "dice"]
Bounds = tuple[np.ndarray, np.ndarray]  # sentence starts and ends of one text, in order


@dataclass(frozen=True)
class Chunk:
    """Some pairs to check: `pairs` index into `texts` (and `bounds`, when sentences are known),
    x before y."""

    texts: list[str]
    bounds: list[Bounds] | None
    pairs: list[tuple[int, int]]


def check_chunk(chunk: Chunk) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(passages, rewrites) of the chunk's pairs, each row with `pair` (its index in
    chunk.pairs). Passages: PASSAGE_COLUMNS, x as a and y as b. Rewrites: REWRITE_COLUMNS."""
    prepared = prepare(chunk.texts)
    content = ([sentence_words(p.words, *b) for p, b in zip(prepared, chunk.bounds,
                                                                     strict=True)]
               if chunk.bounds is not None else None)
    found, rewrites = [], []
    for k, (x, y) in enumerate(chunk.pairs):
        rows = passages(prepared[x], prepared[y])
        found += [(k, *row) for row in rows]
        if content is not None:
            (starts_x, ends_x), (starts_y, ends_y) = chunk.bounds[x], chunk.bounds[y]
            rewrites += [(k, *row) for row in candidates(
                content[x], content[y], n_a=len(starts_x), n_b=len(starts_y),
                covered_a=covered(starts_x, ends_x, [(r[0], r[1]) for r in rows]),
                covered_b=covered(starts_y, ends_y, [(r[2], r[3]) for r in rows]))]
    return (pd.DataFrame(found, columns=["pair", *PASSAGE_COLUMNS]),
            pd.DataFrame(rewrites, columns=["pair", *REWRITE_COLUMNS]))


def chunks(pairs: list[tuple[int, int]], texts: list[str], bounds: list[Bounds] | None, *,
           max_chars: int) -> list[tuple[list[tuple[int, int]], Chunk]]:
    """Pairs (corpus positions) cut into chunks of about `max_chars` characters of text each;
    each chunk carries the texts it needs. Returns (the chunk's pairs as given, chunk)."""
    out = []
    current: list[tuple[int, int]] = []
    docs: dict[int, int] = {}
    size = 0

    def close() -> None:
        order = list(docs)
        out.append((current, Chunk(
            [texts[d] for d in order], None if bounds is None else [bounds[d] for d in order],
            [(docs[x], docs[y]) for x, y in current])))

    for x, y in pairs:
        grow = sum(len(texts[d]) for d in {x, y} if d not in docs)
        if current and size + grow > max_chars:
            close()
            current, docs, size = [], {}, 0
            grow = sum(len(texts[d]) for d in {x, y})
        for d in (x, y):
            docs.setdefault(d, len(docs))
        current.append((x, y))
        size += grow
    if current:
        close()
    return out
