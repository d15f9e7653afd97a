"""The shingle index: which article pairs share a run of rare n-grams (Passim's blocking).

Every article's word n-grams are posted as (hash, article, position). Postings are split into
partitions by hash, so one partition holds every occurrence of its n-grams and can be worked on
alone (a Dask task, or one step of a loop). In a partition an n-gram is *rare* when it occurs
in at least two and at most `max_df` articles, and no outlet repeats it in `max_repeats` or
more of its own articles (an outlet's footer, "All rights reserved ...", recurring under
unrelated stories, is boilerplate, not reuse). Each rare n-gram shared by two articles of
different outlets is a *seed* (article a, article b, position in a, position in b).

Seeds of one pair that lie on nearly the same diagonal (position in b minus position in a),
close together, form a *chain*; a chain spanning `min_words` words or more makes the pair a
candidate, and only candidates are aligned (analysis.reuse.align). So a corpus is never
compared pair by pair: the work grows with the text it shares, not with its size squared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.reuse.tokens import NGRAM, ngrams, words

MAX_DF = 100  # an n-gram in more articles than this is a stock phrase (Passim's max series)
MAX_REPEATS = 3  # an n-gram one outlet prints in this many of its articles is its boilerplate
CHAIN_GAP = 20  # words between two seeds of one chain, at most
CHAIN_SHIFT = 20  # change of diagonal between two seeds of one chain (words inserted, dropped)
MIN_WORDS = 7  # a chain shorter than this cannot hold a passage of 50 characters


@dataclass(frozen=True)
class Postings:
    """N-gram occurrences: `hash`, `doc` (the article's position in the corpus), `pos` (the
    position of the n-gram's first word in the article)."""

    hash: np.ndarray
    doc: np.ndarray
    pos: np.ndarray

    @staticmethod
    def concat(parts: list[Postings]) -> Postings:
        if not parts:
            return Postings(np.zeros(0, np.uint64), np.zeros(0, np.int32), np.zeros(0, np.int32))
        return Postings(*(np.concatenate([getattr(p, f) for p in parts])
                          for f in ("hash", "doc", "pos")))

    def take(self, index: np.ndarray) -> Postings:
        return Postings(self.hash[index], self.doc[index], self.pos[index])


@dataclass(frozen=True)
class Seeds:
    """Rare n-grams two articles share: articles a < b, word positions in each."""

    a: np.ndarray
    b: np.ndarray
    pos_a: np.ndarray
    pos_b: np.ndarray

    @staticmethod
    def concat(parts: list[Seeds]) -> Seeds:
        parts = [p for p in parts if len(p.a)] or [Seeds(*(np.zeros(0, np.int32),) * 4)]
        return Seeds(*(np.concatenate([getattr(p, f) for p in parts])
                       for f in ("a", "b", "pos_a", "pos_b")))


def post(texts: list[str], first_doc: int, parts: int) -> list[Postings]:
    """The postings of a batch of texts (articles first_doc, first_doc + 1, ...), split into
    `parts` partitions by hash."""
    batch = words(texts)
    grams, first = ngrams(batch, NGRAM)
    doc = batch.doc[first]
    # position in its own article: the word's index minus the index of the article's first word
    article_start = np.searchsorted(batch.doc, np.arange(len(texts)))
    postings = Postings(grams, (doc + first_doc).astype(np.int32),
                        (first - article_start[doc]).astype(np.int32))
    part = (grams % np.uint64(parts)).astype(np.int64)
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange(parts + 1))
    return [postings.take(order[bounds[k]:bounds[k + 1]]) for k in range(parts)]


def rare_seeds(pieces: list[Postings], outlets: np.ndarray, *, max_df: int = MAX_DF,
               max_repeats: int = MAX_REPEATS) -> Seeds:
    """The seeds of one hash partition (all its pieces, from every batch).

    `outlets`: each article's outlet as an integer code; seeds never join two articles of
    one outlet.
    """
    p = Postings.concat(pieces)
    # most n-grams occur once: drop them before the full sort
    by_hash = np.sort(p.hash)
    repeated = by_hash[np.flatnonzero(by_hash[1:] == by_hash[:-1])]
    p = p.take(np.flatnonzero(np.isin(p.hash, repeated)))
    order = np.lexsort((p.pos, p.doc, p.hash))
    p = p.take(order)
    if not len(p.hash):
        return Seeds.concat([])
    new_gram = np.concatenate([[True], p.hash[1:] != p.hash[:-1]])
    gram = np.cumsum(new_gram) - 1
    new_doc = new_gram | np.concatenate([[True], p.doc[1:] != p.doc[:-1]])
    df = np.bincount(gram, weights=new_doc).astype(np.int64)
    # the most articles any one outlet has with this n-gram
    per_outlet = gram[new_doc].astype(np.int64) * (int(outlets.max()) + 1) + outlets[p.doc[new_doc]]
    keys, counts = np.unique(per_outlet, return_counts=True)
    repeats = np.zeros(len(df), dtype=np.int64)
    np.maximum.at(repeats, keys // (int(outlets.max()) + 1), counts)
    rare = (df >= 2) & (df <= max_df) & (repeats < max_repeats)
    keep = rare[gram]
    p, gram = p.take(np.flatnonzero(keep)), gram[keep]
    starts = np.flatnonzero(np.concatenate([[True], gram[1:] != gram[:-1]]))
    sizes = np.diff(np.append(starts, len(gram)))
    found = []
    # every pair of occurrences of each n-gram, one size class at a time (vectorised)
    for size in np.unique(sizes):
        first = starts[sizes == size][:, None]
        i, j = np.triu_indices(int(size), 1)
        a, b = p.doc[first + i].ravel(), p.doc[first + j].ravel()
        ok = outlets[a] != outlets[b]
        found.append(Seeds(a[ok], b[ok], p.pos[first + i].ravel()[ok],
                           p.pos[first + j].ravel()[ok]))
    return Seeds.concat(found)


@dataclass(frozen=True)
class Chains:
    """Runs of seeds of one pair: articles a < b, word ranges [a0, a1) and [b0, b1)."""

    a: np.ndarray
    b: np.ndarray
    a0: np.ndarray
    a1: np.ndarray
    b0: np.ndarray
    b1: np.ndarray

    def __len__(self) -> int:
        return len(self.a)


def chains(seeds: Seeds, *, gap: int = CHAIN_GAP, shift: int = CHAIN_SHIFT,
           min_words: int = MIN_WORDS) -> Chains:
    """Seeds joined into chains (vectorised), those whose seeds cover `min_words` words.

    First runs: seeds of one pair on one diagonal at most `gap` words apart (sorting by
    diagonal first keeps a passage printed twice from interleaving with itself). Then runs,
    in order of their start in a, continue the run before them when it is of the same pair,
    at most `gap` words before them in both articles, and its diagonal differs by at most
    `shift` (words inserted or dropped).
    """
    a, b = seeds.a.astype(np.int64), seeds.b.astype(np.int64)
    pa, pb = seeds.pos_a.astype(np.int64), seeds.pos_b.astype(np.int64)
    if not len(a):
        empty = np.zeros(0, np.int64)
        return Chains(*(empty,) * 6)
    diagonal = pb - pa
    order = np.lexsort((pa, diagonal, b, a))
    a, b, pa, diagonal = a[order], b[order], pa[order], diagonal[order]
    step = pa[1:] - pa[:-1]
    same_run = (a[1:] == a[:-1]) & (b[1:] == b[:-1]) & (diagonal[1:] == diagonal[:-1]) & (
        step <= gap)
    starts = np.flatnonzero(np.concatenate([[True], ~same_run]))
    # words the seeds of each run cover (two far-apart stock phrases make no passage)
    new_words = np.minimum(np.concatenate([[NGRAM], step]), NGRAM)
    new_words[starts] = NGRAM
    run_a, run_b, run_d = a[starts], b[starts], diagonal[starts]
    run_a0, run_a1 = pa[starts], np.maximum.reduceat(pa, starts) + NGRAM
    run_words = np.add.reduceat(new_words, starts)
    order = np.lexsort((run_a1, run_a0, run_b, run_a))
    run_a, run_b, run_d = run_a[order], run_b[order], run_d[order]
    run_a0, run_a1, run_words = run_a0[order], run_a1[order], run_words[order]
    joined = ((run_a[1:] == run_a[:-1]) & (run_b[1:] == run_b[:-1])
              & (run_a0[1:] - run_a1[:-1] <= gap) & (run_a0[1:] >= run_a0[:-1])
              & (np.abs(run_d[1:] - run_d[:-1]) <= shift)
              & (run_a0[1:] + run_d[1:] - (run_a1[:-1] + run_d[:-1]) <= gap)
              & (run_a0[1:] + run_d[1:] > run_a0[:-1] + run_d[:-1]))
    first = np.flatnonzero(np.concatenate([[True], ~joined]))
    a0 = run_a0[first]
    a1 = np.maximum.reduceat(run_a1, first)
    b0 = np.minimum.reduceat(run_a0 + run_d, first)
    b1 = np.maximum.reduceat(run_a1 + run_d, first)
    covered = np.add.reduceat(run_words, first)
    long = covered >= min_words
    return Chains(run_a[first][long], run_b[first][long], a0[long], a1[long], b0[long],
                  b1[long])
