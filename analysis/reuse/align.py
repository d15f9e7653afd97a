"""Local alignment of two texts around the word n-grams they share: their reused passages.

`passages(a, b)` depends on the two texts alone (every n-gram they share is a seed, rare or
not), so its result can be cached per pair of texts. The steps:

1. seeds: positions (i in a, j in b) of every shared n-gram (one printed more than
   `MAX_OCCURRENCES` times in either text is a refrain, not evidence);
2. runs: seeds on one diagonal (j - i) with at most a substituted word between them;
3. chains: runs in order in both texts, with gaps of at most `CHAIN_GAP` words and shifts of
   the diagonal (words inserted or dropped) of at most `CHAIN_SHIFT`;
4. alignment: each chain, widened by `WIDEN` words on both sides (edits near its edges kill
   the seeds there), is aligned word by word with rapidfuzz's Indel opcodes (the longest common
   subsequence, so a changed or dropped word costs only itself); the aligned words are cut where
   more than `MAX_GAP` words in a row are unmatched, and ends of a lone matched word are trimmed;
5. a passage is kept when it spans at least `MIN_CHARS` characters in both texts, matches at
   least `MIN_MATCHED` words and its similarity (matched words over all its words, Dice) is at
   least `MIN_SIMILARITY`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from analysis.reuse.tokens import NGRAM, Words, ngrams, words

MAX_OCCURRENCES = 4
CHAIN_GAP = 20
CHAIN_SHIFT = 20
MAX_GAP = 10
MIN_CHARS = 50  # Passim's minimum aligned length
MIN_MATCHED = 8
MIN_SIMILARITY = 0.5
WIDEN = 2 * NGRAM  # words added on each side of a chain before aligning it

PASSAGE_COLUMNS = ["a_start", "a_end", "b_start", "b_end", "a_word", "a_words", "b_word",
                   "b_words", "a_chars", "b_chars", "similarity"]


@dataclass(frozen=True)
class Prepared:
    """A text ready to be aligned: its words, and its n-grams (refrains left out) sorted by
    hash with their positions."""

    words: Words
    grams: np.ndarray
    positions: np.ndarray


def prepare(texts: list[str]) -> list[Prepared]:
    """Texts ready to be aligned (words and n-grams hashed for all of them at once)."""
    batch = words(texts)
    grams, first = ngrams(batch)
    word_bounds = np.searchsorted(batch.doc, np.arange(len(texts) + 1))
    gram_bounds = np.searchsorted(batch.doc[first], np.arange(len(texts) + 1))
    prepared = []
    for k, text_words in enumerate(batch.split(len(texts))):
        lo, hi = gram_bounds[k], gram_bounds[k + 1]
        prepared.append(_prepared(text_words, grams[lo:hi], first[lo:hi] - word_bounds[k]))
    return prepared


def _prepared(text_words: Words, grams: np.ndarray, positions: np.ndarray) -> Prepared:
    order = np.argsort(grams, kind="stable")
    grams, positions = grams[order], positions[order]
    # refrains (an n-gram printed more than MAX_OCCURRENCES times) are no evidence
    starts = np.flatnonzero(np.concatenate([[True], grams[1:] != grams[:-1]]))
    counts = np.diff(np.append(starts, len(grams)))
    if len(counts) and counts.max() > MAX_OCCURRENCES:
        keep = np.repeat(counts <= MAX_OCCURRENCES, counts)
        grams, positions = grams[keep], positions[keep]
    return Prepared(text_words, grams, positions)


def _seeds(a: Prepared, b: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """(i, j): positions in a and b of every n-gram both hold."""
    lo = np.searchsorted(b.grams, a.grams, "left")
    count = np.searchsorted(b.grams, a.grams, "right") - lo
    i = np.repeat(a.positions, count)
    # each seed's k-th match among b's sorted n-grams
    nth = np.arange(len(i)) - np.repeat(np.cumsum(count) - count, count)
    return i.astype(np.int64), b.positions[np.repeat(lo, count) + nth].astype(np.int64)


def _runs(i: np.ndarray, j: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Seeds on one diagonal, at most one substituted word apart: (i0, i1, j0, j1) in words."""
    diagonal = j - i
    order = np.lexsort((i, diagonal))
    i, diagonal = i[order], diagonal[order]
    breaks = np.flatnonzero((diagonal[1:] != diagonal[:-1]) | (i[1:] - i[:-1] > NGRAM + 1)) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(i)]]) - 1
    runs = [(int(i[s]), int(i[e]) + NGRAM, int(i[s] + diagonal[s]), int(i[e] + diagonal[e]) + NGRAM)
            for s, e in zip(starts, ends, strict=True)]
    return sorted(runs)


def _chains(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs joined into chains, each run to the open chain it follows most closely."""
    chains: list[list[int]] = []  # [i0, i1, j0, j1] of each chain so far
    for i0, i1, j0, j1 in runs:
        best, best_gap = None, None
        for chain in chains:
            gap_i, gap_j = i0 - chain[1], j0 - chain[3]
            if (i0 > chain[0] and j0 > chain[2] and -NGRAM < gap_i <= CHAIN_GAP
                    and -NGRAM < gap_j <= CHAIN_GAP and abs(gap_i - gap_j) <= CHAIN_SHIFT):
                gap = max(gap_i, gap_j)
                if best_gap is None or gap < best_gap:
                    best, best_gap = chain, gap
        if best is None:
            chains.append([i0, i1, j0, j1])
        else:
            best[1], best[3] = max(best[1], i1), max(best[3], j1)
    return [tuple(c) for c in chains]


def _pieces(ops, i_base: int, j_base: int) -> list[list[tuple[int, int, int, int]]]:
    """Matched word blocks (i0, i1, j0, j1), cut where more than MAX_GAP words are unmatched."""
    pieces: list[list[tuple[int, int, int, int]]] = []
    current: list[tuple[int, int, int, int]] = []
    for op in ops:
        if op.tag != "equal":
            continue
        block = (op.src_start + i_base, op.src_end + i_base, op.dest_start + j_base,
                 op.dest_end + j_base)
        if current and (block[0] - current[-1][1] > MAX_GAP or block[2] - current[-1][3] > MAX_GAP):
            pieces.append(current)
            current = []
        current.append(block)
    if current:
        pieces.append(current)
    return [_trim(p) for p in pieces]


def _trim(blocks: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Drop a lone matched word at either end that stands apart from the rest (a stray "the")."""
    while len(blocks) > 1 and blocks[0][1] - blocks[0][0] < 2:
        blocks = blocks[1:]
    while len(blocks) > 1 and blocks[-1][1] - blocks[-1][0] < 2:
        blocks = blocks[:-1]
    return blocks


def passages(a: Prepared, b: Prepared) -> list[tuple]:
    """The passages shared by `a` and `b` (see the module docstring), as tuples of
    PASSAGE_COLUMNS: character offsets in both, word ranges, matched characters in each and
    similarity."""
    i, j = _seeds(a, b)
    rows = []
    if len(i):
        wa, wb = a.words, b.words
        for i0, i1, j0, j1 in _chains(_runs(i, j)):
            i0, j0 = max(i0 - WIDEN, 0), max(j0 - WIDEN, 0)
            i1, j1 = min(i1 + WIDEN, len(wa)), min(j1 + WIDEN, len(wb))
            ops = Indel.opcodes(wa.hash[i0:i1].tolist(), wb.hash[j0:j1].tolist())
            for blocks in _pieces(ops, i0, j0):
                rows.append(_passage(wa, wb, blocks))
    return _distinct([r for r in rows if r is not None])


def _passage(a: Words, b: Words, blocks: list[tuple[int, int, int, int]]) -> tuple | None:
    ai0, ai1, bj0, bj1 = blocks[0][0], blocks[-1][1], blocks[0][2], blocks[-1][3]
    matched = sum(i1 - i0 for i0, i1, _, _ in blocks)
    similarity = 2 * matched / ((ai1 - ai0) + (bj1 - bj0))
    a_start, a_end = int(a.start[ai0]), int(a.end[ai1 - 1])
    b_start, b_end = int(b.start[bj0]), int(b.end[bj1 - 1])
    if (matched < MIN_MATCHED or similarity < MIN_SIMILARITY
            or a_end - a_start < MIN_CHARS or b_end - b_start < MIN_CHARS):
        return None
    # characters inside matched runs of words, in each text
    a_chars = sum(int(a.end[i1 - 1] - a.start[i0]) for i0, i1, _, _ in blocks)
    b_chars = sum(int(b.end[j1 - 1] - b.start[j0]) for _, _, j0, j1 in blocks)
    return (a_start, a_end, b_start, b_end, ai0, ai1 - ai0, bj0, bj1 - bj0, a_chars, b_chars,
            round(similarity, 4))


def _distinct(found: list[tuple]) -> list[tuple]:
    """One passage where two chains gave nearly the same one (90% overlap in both texts)."""
    kept: list[tuple] = []
    for row in sorted(found, key=lambda r: (-r[9], r[2], r[0])):
        a_start, a_end, b_start, b_end = row[:4]
        if not any(min(a_end, k[1]) - max(a_start, k[0]) >= 0.9 * (a_end - a_start)
                   and min(b_end, k[3]) - max(b_start, k[2]) >= 0.9 * (b_end - b_start)
                   for k in kept):
            kept.append(row)
    return sorted(kept, key=lambda r: (r[2], r[0]))
