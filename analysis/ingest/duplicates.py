"""Exact and near-duplicate articles, flagged with the article they repeat.

The importer already rejects the same text from the same outlet. Across outlets a repeated
wire story is a finding, not noise, so here repeats are flags: the user keeps or drops them.
Near means a high overlap of word 5-shingles (Jaccard). Candidate pairs come from a bottom-k
sketch of each article's shingle hashes (pairs sharing several of their smallest hashes), and
only candidates get the exact Jaccard, so 5,000 articles never means 12 million comparisons.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.ingest.corpus import Corpus
from analysis.tables import schema, sorted_unique

SHINGLE = 5
SKETCH = 32  # smallest hashes kept per article
MIN_SHARED = 6  # sketch hashes two articles must share to be compared exactly
MAX_POSTING = 1000  # a hash in more sketches than this is boilerplate, not evidence
THRESHOLD = 0.8
COLUMNS = ["article_id", "source", "outlet", "duplicate_of", "duplicate_of_source",
           "similarity", "kind"]
_WORD = re.compile(r"\w+")
_PRIME = np.uint64(1_000_003)


def normalise(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(words: list[str], size: int = SHINGLE, vocab: dict | None = None) -> np.ndarray:
    """Sorted unique 64-bit hashes of the word `size`-grams (the whole text when shorter).

    Each word is hashed once (crc32, cached in `vocab`), and a gram's hash is a polynomial over
    its words' hashes, computed for all grams at once in numpy (uint64 arithmetic wraps).
    """
    vocab = {} if vocab is None else vocab
    codes = np.fromiter((vocab.get(w) or vocab.setdefault(w, _word_hash(w)) for w in words),
                        dtype=np.uint64, count=len(words))
    if len(codes) < size:
        size = max(len(codes), 1)
        codes = codes if len(codes) else np.zeros(1, dtype=np.uint64)
    n = len(codes) - size + 1
    grams = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(size):
            grams = grams * _PRIME + codes[k:k + n]
    return sorted_unique(grams)


def _word_hash(word: str) -> int:
    data = word.encode("utf-8", "replace")
    return ((zlib.crc32(data) << 32) | zlib.crc32(data, 0x9E3779B9)) or 1


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared) if len(a) + len(b) else 1.0


def near_duplicates(articles: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    """One row per article that repeats an earlier one (in corpus order), with its similarity."""
    vocab: dict[str, int] = {}
    sets: list[np.ndarray] = []
    exact: list[bytes] = []
    for text in articles["text"].astype(str):  # one article's words at a time: memory stays flat
        words = normalise(text)
        sets.append(shingles(words, vocab=vocab))
        exact.append(hashlib.sha1(" ".join(words).encode("utf-8", "replace")).digest())
    postings: dict[int, list[int]] = defaultdict(list)
    for i, hashes in enumerate(sets):
        for h in hashes[:SKETCH].tolist():
            postings[h].append(i)
    shared: Counter = Counter()
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTING:
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    shared[i, j] += 1
    best: dict[int, tuple[int, float]] = {}
    for (i, j), n in sorted(shared.items()):
        small = min(len(sets[i]), len(sets[j]), SKETCH)
        if j in best or n < min(MIN_SHARED, small):
            continue
        similarity = 1.0 if exact[i] == exact[j] else jaccard(sets[i], sets[j])
        if similarity >= threshold:
            best[j] = (i, similarity)
    ids, sources = articles["article_id"].tolist(), articles["source"].tolist()
    outlets = articles["outlet"].tolist()
    rows = [(ids[j], sources[j], outlets[j], ids[i], sources[i], round(s, 4),
             "exact" if exact[i] == exact[j] else "near") for j, (i, s) in sorted(best.items())]
    return pd.DataFrame(rows, columns=COLUMNS)


def drop_flagged(corpus: Corpus, flags: pd.DataFrame) -> Corpus:
    """The corpus without the flagged articles, each moved to the rejects with its reason."""
    if flags.empty:
        return corpus
    gone = set(flags["article_id"])
    kept = corpus.articles[~corpus.articles["article_id"].isin(gone)].reset_index(drop=True)
    reasons = [f"{kind} duplicate of {of} (similarity {s:.2f}); dropped by choice"
               for kind, of, s in zip(flags["kind"], flags["duplicate_of_source"],
                                      flags["similarity"], strict=True)]
    extra = pd.DataFrame({"input": flags["source"], "reason": reasons})
    rejects = schema.conform(pd.concat([corpus.rejects, extra], ignore_index=True), "rejects")
    notes = corpus.notes[~corpus.notes["input"].isin(list(flags["source"]))]
    digest = hashlib.sha256((corpus.fingerprint + "\n" + "\n".join(sorted(gone))).encode())
    return replace(corpus, articles=kept, rejects=rejects, notes=notes.reset_index(drop=True),
                   fingerprint=digest.hexdigest())
