"""The canonical name of every mention, and the rule that gave it.

Rules, applied in order (general, not written for any one corpus):
1. normalise: straight quotes, collapsed whitespace, no leading "the", no possessive "'s"
   ("same name");
2. people: leading titles are dropped ("Defence Minister Li Shangfu" -> "Li Shangfu"; "title
   dropped"); a name that ends with a full name known in the corpus is that name ("Envoy Li Hui"
   -> "Li Hui"; "full name in the corpus"); middle initials go when the name without them is
   known ("Donald J. Trump" -> "Donald Trump"; "middle initial");
3. a one-word PERSON or ORG name that starts or ends exactly one full PERSON name of its own
   article is that person ("Li" -> "Li Shangfu"; "full name in the article"); failing that, a
   one-word name used as a person's (in its article, or in most of the corpus) is the full
   PERSON name of the corpus that it starts or ends when that name is unambiguous by use: at
   least DOMINANT_SHARE of the mentions of all such names, and RUNNER_UP_FACTOR times the next
   ("Trump" -> "Donald Trump" beside "Ivanka Trump"; a "Johnson" shared by two people in like
   measure stays "Johnson"; "surname or short form in the corpus");
4. curated merges from a user-editable alias file (alias,canonical; "curated alias");
5. mentions resolved to the same place are named as the gazetteer names it ("place").
Per-name work runs once per distinct name; per-mention work is numpy on integer codes, so a
40,000-article corpus takes seconds.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.entities.names import normalise_cached, strip_titles
from analysis.tables import sorted_unique

RULES = ("same name", "title dropped", "full name in the corpus", "middle initial",
         "full name in the article", "surname or short form in the corpus", "curated alias",
         "place")
SAME, TITLE, SUFFIX, INITIAL, ARTICLE, CORPUS, ALIAS, PLACE = range(len(RULES))
DOMINANT_SHARE = 0.8
RUNNER_UP_FACTOR = 4
_INITIAL = re.compile(r"^[A-Z]\.?$")


class Vocab:
    """Distinct names as integer codes."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self._codes: dict[str, int] = {}

    def code(self, word: str) -> int:
        found = self._codes.get(word)
        if found is None:
            found = self._codes[word] = len(self.words)
            self.words.append(word)
        return found

    def remap(self, codes: np.ndarray, mask: np.ndarray, fn) -> np.ndarray:
        """`codes` with fn(word) applied where `mask`; fn returns a new word or None (keep)."""
        if not mask.any():
            return codes
        lookup = np.arange(len(self.words), dtype=np.int64)
        for c in np.unique(codes[mask]).tolist():
            new = fn(self.words[c])
            if new is not None:
                lookup[c] = self.code(new)
        return np.where(mask, lookup[codes], codes)

    def has_space(self) -> np.ndarray:
        return np.fromiter((" " in w for w in self.words), dtype=bool, count=len(self.words))


class _Names:
    """The names as codes and, per mention, the last rule that changed its name."""

    def __init__(self, codes: np.ndarray) -> None:
        self.codes = codes
        self.rule = np.full(len(codes), SAME, dtype=np.int8)

    def apply(self, new: np.ndarray, rule: int) -> None:
        self.rule[new != self.codes] = rule
        self.codes = new


def _pairs(a: np.ndarray, b: np.ndarray, width: int) -> np.ndarray:
    """Distinct (a, b) pairs as one int64 key each."""
    return sorted_unique(a.astype(np.int64) * width + b)


def _is(codes: np.ndarray, values: list, value: str) -> np.ndarray:
    """codes == the code of `value` (all False when absent)."""
    return codes == (values.index(value) if value in values else -2)


def _without_initials(name: str) -> str:
    words = name.split()
    kept = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or not _INITIAL.match(w)]
    return " ".join(kept)


def canonical_codes(mentions: pd.DataFrame, *, aliases: dict[str, str],
                    place_names: pd.Series | None = None
                    ) -> tuple[np.ndarray, np.ndarray, Vocab]:
    """(canonical name code of every mention, the rule that gave it (an index of RULES), the
    vocabulary of the codes)."""
    text_codes, texts = pd.factorize(mentions["text"])
    label_codes, label_values = pd.factorize(mentions["label"])
    label_values = list(label_values)
    is_person = _is(label_codes, label_values, "PERSON")
    vocab = Vocab()
    normal = np.fromiter((vocab.code(normalise_cached(t)) for t in list(texts)),
                         dtype=np.int64, count=len(texts))
    names = _Names(normal[text_codes] if len(texts) else np.zeros(len(mentions), np.int64))
    names.apply(vocab.remap(names.codes, is_person, strip_titles), TITLE)

    spaced = vocab.has_space()
    full = {vocab.words[c] for c in np.unique(names.codes[is_person & spaced[names.codes]])}
    names.apply(vocab.remap(names.codes, is_person, lambda n: _known_suffix(n, full)), SUFFIX)
    names.apply(vocab.remap(names.codes, is_person & vocab.has_space()[names.codes],
                            lambda n: w if (w := _without_initials(n)) != n and w in full
                            else None), INITIAL)

    spaced = vocab.has_space()
    one_word = ~spaced[names.codes] & (is_person | _is(label_codes, label_values, "ORG"))
    if one_word.any():
        _short_forms(mentions, names, is_person, one_word, vocab)

    if aliases:
        names.apply(vocab.remap(names.codes, np.ones(len(names.codes), dtype=bool),
                                lambda w: aliases.get(w.lower())), ALIAS)
    if place_names is not None and "place_id" in mentions and len(names.codes):
        place_codes, place_ids = pd.factorize(mentions["place_id"])
        if len(place_ids):
            named = pd.Series(place_ids).map(place_names).tolist()
            lookup = np.asarray([vocab.code(n) if isinstance(n, str) else -1 for n in named],
                                dtype=np.int64)
            sub = np.where(place_codes >= 0, lookup[np.maximum(place_codes, 0)], -1)
            names.apply(np.where(sub >= 0, sub, names.codes), PLACE)
    return names.codes, names.rule, vocab


def _known_suffix(name: str, full: set[str]) -> str | None:
    """The longest known full name that `name` ends with ("Envoy Li Hui" -> "Li Hui")."""
    words = name.split()
    for i in range(1, len(words) - 1):
        suffix = " ".join(words[i:])
        if suffix in full:
            return suffix
    return None


def _short_forms(mentions: pd.DataFrame, names: _Names, is_person: np.ndarray,
                 one_word: np.ndarray, vocab: Vocab) -> None:
    """Rule 3: one-word names to the full PERSON name of their article, else of the corpus."""
    articles = pd.factorize(mentions["article_id"])[0].astype(np.int64)
    codes = names.codes
    width = len(vocab.words) + 1
    spaced = vocab.has_space()
    people = is_person & spaced[codes]
    # the full PERSON names of each article, by their first and by their last word
    full = _pairs(articles[people], codes[people], width)
    full_article, full_name = full // width, full % width
    edges = pd.DataFrame(
        [(a, edge, f) for a, f in zip(full_article.tolist(), full_name.tolist(), strict=True)
         for edge in _edges(vocab.words[f])], columns=["article", "edge", "full"])
    cand = _pairs(articles[one_word], codes[one_word], width)
    cand = pd.DataFrame({"key": cand, "article": cand // width, "word": cand % width})
    cand["edge"] = cand["word"].map({c: vocab.words[c].lower()
                                     for c in np.unique(cand["word"]).tolist()})
    hits = cand.merge(edges, on=["article", "edge"], how="inner")
    counts = hits.groupby("key")["full"].agg(["nunique", "first"])
    in_article = dict(zip(counts.index[counts["nunique"] == 1].tolist(),
                          counts.loc[counts["nunique"] == 1, "first"].tolist(), strict=True))
    _replace(names, articles, width, one_word, in_article, ARTICLE)

    # failing that, the corpus's full name the word stands for, if it is used as a person's
    dominant = _dominant_full_names(codes, people, vocab)
    person_pairs = _pairs(articles[is_person], codes[is_person], width)
    as_person = _person_words(codes, one_word, is_person)
    rest = cand[~cand["key"].isin(list(in_article))]
    rest = rest[np.isin(rest["key"], person_pairs) | rest["word"].isin(list(as_person))]
    in_corpus = {key: dominant[edge] for key, edge in zip(rest["key"], rest["edge"], strict=True)
                 if edge in dominant}
    _replace(names, articles, width, one_word, in_corpus, CORPUS)


def _edges(name: str) -> set[str]:
    words = name.lower().split()
    return {words[0], words[-1]}


def _replace(names: _Names, articles: np.ndarray, width: int, mask: np.ndarray,
             chosen: dict[int, int], rule: int) -> None:
    """Give the mentions of (article, name) keys in `chosen` the name chosen for them."""
    if not chosen:
        return
    keys = articles * width + names.codes
    at = pd.Index(list(chosen)).get_indexer(keys)
    replacement = np.asarray(list(chosen.values()), dtype=np.int64)
    hit = (at >= 0) & mask
    new = names.codes.copy()
    new[hit] = replacement[at[hit]]
    names.apply(new, rule)


def _dominant_full_names(codes: np.ndarray, people: np.ndarray, vocab: Vocab) -> dict[str, int]:
    """Edge word (lower case) -> the code of the full PERSON name it stands for in the corpus,
    where one full name holds DOMINANT_SHARE of the mentions of those starting or ending with
    it, and RUNNER_UP_FACTOR times the next."""
    counts = pd.Series(codes[people]).value_counts()
    by_edge: dict[str, list[tuple[int, int]]] = {}
    for code, n in counts.items():
        for edge in _edges(vocab.words[code]):
            by_edge.setdefault(edge, []).append((n, code))
    out = {}
    for edge, found in by_edge.items():
        found.sort(reverse=True)
        total = sum(n for n, _ in found)
        best = found[0][0]
        runner_up = found[1][0] if len(found) > 1 else 0
        if best >= DOMINANT_SHARE * total and best >= RUNNER_UP_FACTOR * runner_up:
            out[edge] = found[0][1]
    return out


def _person_words(codes: np.ndarray, one_word: np.ndarray, is_person: np.ndarray) -> set[int]:
    """The one-word names labelled PERSON in most of their mentions across the corpus."""
    words = pd.DataFrame({"word": codes[one_word], "person": is_person[one_word]})
    share = words.groupby("word")["person"].mean()
    return set(share.index[share >= 0.5].tolist())
