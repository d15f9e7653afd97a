"""Rewritten sentences: two articles saying the same thing in other words, sentence by sentence.

A weaker kind of reuse than a verbatim passage, and flagged apart from it. Two sentences are a
rewritten pair when

- their content words (words outside a list of English function words) overlap strongly:
  at least `MIN_SHARED` shared and a Dice coefficient of at least `MIN_DICE`, each being the
  other's best match (`candidates`, which depends on the two texts and their sentences only,
  so it is cached with the passages);
- they name the same entities: at least one shared canonical entity and a Jaccard of at least
  `MIN_ENTITY_JACCARD` over the entities each names (`same_entities`, from the mentions table);
- they keep their order: taken with the pair's verbatim passages, they lie on the longest
  chain that runs forward in both articles (`in_order`), and that chain holds at least two
  pieces;
- the pair has at least `MIN_REWRITTEN` such sentences: an article rewritten sentence by
  sentence. Read on the AllSides corpus, pairs with one or two similar sentences were mostly
  two outlets reporting one fact (or one quotation) each in its own words, or two different
  claims about the same people (bench/data/reuse_verdicts_rewritten.csv).

Sentences mostly inside a verbatim passage are left to it.
"""

from __future__ import annotations

import numpy as np

from analysis.reuse.tokens import Words, words

MIN_SHARED = 4
MIN_DICE = 0.5
MIN_ENTITY_JACCARD = 0.5
MIN_CHAIN = 2
MIN_REWRITTEN = 3

FUNCTION_WORDS = """
a about above after again against all almost also although am among an and another any are
around as at be because been before being below between both but by can could did do does
doing down during each either else even ever every few for from further had has have having
he her here hers herself him himself his how however i if in into is it its itself just last
least less like made make many may me might more most much must my myself near neither never
new no nor not now of off often on once one only or other others our ours ourselves out over
own per perhaps put rather said same say says see seen several she should since so some still
such than that the their theirs them themselves then there these they this those though
through thus to too toward towards under until up upon us very via was we well were what
whatever when where whether which while who whom whose why will with within without would yet
you your yours yourself also told tell according mr mrs ms s t
""".split()


def _function_hashes() -> np.ndarray:
    return np.unique(words([" ".join(FUNCTION_WORDS)]).hash)


_FUNCTION = _function_hashes()


def sentence_words(text_words: Words, starts: np.ndarray, ends: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(sentence index, word hash) of each distinct content word of each sentence."""
    if len(starts) == 0:  # no body sentences: nothing to compare
        return np.zeros(0, np.int64), text_words.hash[:0]
    sentence = np.searchsorted(starts, text_words.start, side="right") - 1
    inside = (sentence >= 0) & (text_words.end <= ends[np.maximum(sentence, 0)])
    content = inside & ~np.isin(text_words.hash, _FUNCTION) & (
        text_words.end - text_words.start > 1)
    sentence, hashes = sentence[content], text_words.hash[content]
    order = np.lexsort((hashes, sentence))
    sentence, hashes = sentence[order], hashes[order]
    first = np.ones(len(sentence), dtype=bool)
    first[1:] = (sentence[1:] != sentence[:-1]) | (hashes[1:] != hashes[:-1])
    return sentence[first].astype(np.int64), hashes[first]


def candidates(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], *,
               n_a: int, n_b: int, covered_a: np.ndarray, covered_b: np.ndarray
               ) -> list[tuple[int, int, float]]:
    """(sentence index in a, in b, Dice) of the mutually best content-word matches.

    `a`, `b`: sentence_words of each text; `covered_*`: True for sentences mostly inside a
    verbatim passage of the pair (left out).
    """
    sent_a, hash_a = a
    sent_b, hash_b = b
    if not len(hash_a) or not len(hash_b):
        return []
    order = np.argsort(hash_b, kind="stable")
    sorted_b = hash_b[order]
    lo = np.searchsorted(sorted_b, hash_a, "left")
    count = np.searchsorted(sorted_b, hash_a, "right") - lo
    left = np.repeat(sent_a, count)
    nth = np.arange(len(left)) - np.repeat(np.cumsum(count) - count, count)
    right = sent_b[order[np.repeat(lo, count) + nth]]
    if not len(left):
        return []
    cells, shared = np.unique(left * n_b + right, return_counts=True)
    sa, sb = cells // n_b, cells % n_b
    size_a = np.bincount(sent_a, minlength=n_a)
    size_b = np.bincount(sent_b, minlength=n_b)
    dice = 2 * shared / (size_a[sa] + size_b[sb])
    ok = (shared >= MIN_SHARED) & (dice >= MIN_DICE) & ~covered_a[sa] & ~covered_b[sb]
    sa, sb, dice = sa[ok], sb[ok], dice[ok]
    if not len(sa):
        return []
    # mutual best: the best b for its a and the best a for its b
    best_for_a = _best(sa, dice, n_a)
    best_for_b = _best(sb, dice, n_b)
    index = np.arange(len(sa))
    mutual = (best_for_a[sa] == index) & (best_for_b[sb] == index)
    return [(int(x), int(y), round(float(d), 4))
            for x, y, d in zip(sa[mutual], sb[mutual], dice[mutual], strict=True)]


def _best(group: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    """For each group, the index of its highest score (the first among equals)."""
    order = np.lexsort((np.arange(len(group)), -score, group))
    best = np.full(n, -1, dtype=np.int64)
    firsts = np.flatnonzero(np.concatenate([[True], group[order][1:] != group[order][:-1]]))
    best[group[order][firsts]] = order[firsts]
    return best


def covered(starts: np.ndarray, ends: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """True for sentences at least half inside one of the character `spans`."""
    inside = np.zeros(len(starts), dtype=np.int64)
    for lo, hi in spans:
        inside += np.clip(np.minimum(ends, hi) - np.maximum(starts, lo), 0, None)
    return inside * 2 >= np.maximum(ends - starts, 1)


def same_entities(entities_a: set, entities_b: set) -> bool:
    shared = len(entities_a & entities_b)
    return shared >= 1 and shared >= MIN_ENTITY_JACCARD * len(entities_a | entities_b)


def in_order(pieces: list[tuple[int, int, str]]) -> set[int]:
    """Indices of the pieces (position in a, position in b, kind) on the longest chain that
    runs forward in both articles, each piece weighing one; empty when that chain is shorter
    than MIN_CHAIN. Ties go to the earlier pieces."""
    if len(pieces) < MIN_CHAIN:
        return set()
    order = sorted(range(len(pieces)), key=lambda k: (pieces[k][0], pieces[k][1]))
    length = [1] * len(order)
    back = [-1] * len(order)
    for x, k in enumerate(order):
        for y in range(x):
            m = order[y]
            if (pieces[m][0] < pieces[k][0] and pieces[m][1] < pieces[k][1]
                    and length[y] + 1 > length[x]):
                length[x], back[x] = length[y] + 1, y
    end = max(range(len(order)), key=lambda x: (length[x], -x))
    if length[end] < MIN_CHAIN:
        return set()
    chain = set()
    while end >= 0:
        chain.add(order[end])
        end = back[end]
    return chain
