"""Texts as words and word n-grams, hashed in numpy: what the index and the aligner compare.

A word is a run of letters or digits (Unicode `str.isalnum`), compared casefolded, so changes of
punctuation, quotation marks, apostrophes ("Li’s" / "Li's") and hyphens ("liberal-democratic" /
"liberal democratic") do not break a match. Every word keeps its character offsets in the
article, so a matched run of words is a passage of the text.

Hashes are polynomial over code points, modulo 2**64, computed for a whole batch of texts with a
handful of numpy operations: a word's hash does not depend on where it stands, so the same word
has the same hash in every article, and an n-gram's hash is a polynomial over its words' hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

NGRAM = 5  # words per n-gram (Passim's default order)
_P = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_P_INV = np.uint64(pow(int(_P), -1, 2**64))
_Q = np.uint64(0x9E3779B97F4A7C15)
_BMP = 0x10000
BATCH_CHARS = 1 << 22  # characters hashed at once: the power tables stay at 64 MB


@lru_cache(maxsize=8)
def _powers(bits: int) -> tuple[np.ndarray, np.ndarray]:
    """P**k and P**-k for k < 2**bits (cached by size: every batch reuses them)."""
    n = 1 << bits
    with np.errstate(over="ignore"):
        up = np.full(n, _P, dtype=np.uint64)
        down = np.full(n, _P_INV, dtype=np.uint64)
        up[0] = down[0] = 1
        return np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64)


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Per code point of the Basic Multilingual Plane: is it a word character, its lowercase."""
    chars = [chr(c) for c in range(_BMP)]
    word = np.fromiter((c.isalnum() for c in chars), dtype=bool, count=_BMP)
    word[0xD800:0xE000] = False  # surrogates
    lower = np.fromiter((ord(c.lower()[0]) for c in chars), dtype=np.uint64, count=_BMP)
    return word, lower


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the polynomial's bits (and so its buckets) evenly."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


@dataclass(frozen=True)
class Words:
    """The words of a batch of texts: `doc` (position of the text in the batch), `start` and
    `end` (character offsets in that text) and `hash`, in text order."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    hash: np.ndarray

    def split(self, n_texts: int) -> list[Words]:
        """The words of each text of the batch, in order."""
        bounds = np.searchsorted(self.doc, np.arange(n_texts + 1)).tolist()
        return [Words(self.doc[lo:hi], self.start[lo:hi], self.end[lo:hi], self.hash[lo:hi])
                for lo, hi in pairwise(bounds)]

    def __len__(self) -> int:
        return len(self.hash)


def words(texts: list[str]) -> Words:
    """Every word of every text, hashed: numpy over batches of about BATCH_CHARS characters."""
    parts, batch, size, first = [], [], 0, 0
    for text in [*texts, None]:
        if batch and (text is None or size + len(text) > BATCH_CHARS):
            found = _batch_words(batch)
            parts.append(Words(found.doc + first, found.start, found.end, found.hash))
            first += len(batch)
            batch, size = [], 0
        if text is not None:
            batch.append(text)
            size += len(text) + 1
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Words(empty, empty, empty, np.zeros(0, dtype=np.uint64))
    return Words(*(np.concatenate([getattr(p, f) for p in parts])
                   for f in ("doc", "start", "end", "hash")))


def _batch_words(texts: list[str]) -> Words:
    word_table, lower_table = _tables()
    joined = "\n".join(texts)  # "\n" is no word character: no word spans two texts
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    bmp = np.minimum(codes, _BMP - 1)
    is_word = word_table[bmp] & (codes < _BMP)
    edges = np.diff(is_word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    # hash(text[s:e]) = sum c_k P^(e-1-k) = P^(e-1) * (S[e-1] - S[s-1]), S[i] = sum c_k P^-k
    n = len(codes)
    powers, inverse = _powers(max(n - 1, 1).bit_length())
    with np.errstate(over="ignore"):
        prefix = np.cumsum(lower_table[bmp] * inverse[:n], dtype=np.uint64)
        before = np.where(starts > 0, prefix[np.maximum(starts - 1, 0)], np.uint64(0))
        hashes = _mix((prefix[ends - 1] - before) * powers[ends - 1])
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(t) + 1 for t in texts])
    doc = np.searchsorted(offsets, starts, side="right") - 1
    base = offsets[doc]
    return Words(doc, starts - base, ends - base, hashes)


def ngrams(words: Words, size: int = NGRAM) -> tuple[np.ndarray, np.ndarray]:
    """(hash, position of the first word) of every run of `size` words inside one text."""
    n = len(words) - size + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    grams = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            grams = grams * _Q + words.hash[k:k + n]
    inside = words.doc[:n] == words.doc[size - 1:]
    first = np.flatnonzero(inside)
    return _mix(grams[first]), first
