"""Canonical entities: the many spellings of one person or organisation become one row.

Rules, applied in order (general, not written for any one corpus):
1. normalise: straight quotes, collapsed whitespace, no leading "the", no possessive "'s";
2. people: leading titles are dropped ("Defence Minister Li Shangfu" -> "Li Shangfu");
3. a one-word name that starts or ends a multi-word PERSON name in the same article is that
   person ("Li", "Shangfu" -> "Li Shangfu"); failing that, when the article labels the word
   PERSON somewhere, the one multi-word PERSON in the corpus that it starts or ends, if
   exactly one does;
4. curated merges from a user-editable alias file (alias,canonical);
5. mentions resolved to the same place are one entity named as the gazetteer names it
   ("US", "U.S." and "United States" -> "United States");
6. the same normalised name across articles is one entity; its label is the majority label.
"""

from __future__ import annotations

import hashlib
import itertools
import operator

import numpy as np
import pandas as pd

from analysis.entities.names import normalise_cached, strip_titles
from analysis.tables import conform

ENTITY_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def entity_id_for(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


class _NameIndex:
    """Multi-word PERSON names indexed by their first and by their last word."""

    def __init__(self, full_names: set[str]) -> None:
        self.full_names = full_names
        self.by_edge: dict[str, set[str]] = {}
        for full in full_names:
            words = full.lower().split()
            self.by_edge.setdefault(words[0], set()).add(full)
            self.by_edge.setdefault(words[-1], set()).add(full)

    def partial(self, word: str) -> str | None:
        """The one full name that starts or ends with `word`; None when none or several do."""
        hits = self.by_edge.get(word.lower(), set())
        return next(iter(hits)) if len(hits) == 1 else None

    def longest_suffix(self, name: str) -> str | None:
        """The longest known full name that `name` ends with ("Envoy Li Hui" -> "Li Hui")."""
        words = name.split()
        for i in range(1, len(words) - 1):
            suffix = " ".join(words[i:])
            if suffix in self.full_names:
                return suffix
        return None


class _Vocab:
    """Distinct names as integer codes, so per-mention work is numpy and per-name work small."""

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


def _pairs(a: np.ndarray, b: np.ndarray, width: int) -> np.ndarray:
    """Distinct (a, b) pairs as one int64 key each."""
    return np.unique(a.astype(np.int64) * width + b)


def _is(codes: np.ndarray, values: list, value: str) -> np.ndarray:
    """codes == the code of `value` (all False when absent)."""
    return codes == (values.index(value) if value in values else -2)


def _name_codes(
    mentions: pd.DataFrame, *, aliases: dict[str, str], place_names: pd.Series | None = None
) -> tuple[np.ndarray, _Vocab]:
    """Canonical names as codes into a vocabulary. Per-name work runs once per distinct name;
    per-mention work is numpy on integer codes, so a 40k-article corpus takes seconds."""
    text_codes, texts = pd.factorize(mentions["text"])
    label_codes, label_values = pd.factorize(mentions["label"])
    label_values = list(label_values)
    is_person = _is(label_codes, label_values, "PERSON")
    vocab = _Vocab()
    normal = np.fromiter((vocab.code(normalise_cached(t)) for t in list(texts)),
                         dtype=np.int64, count=len(texts))
    names = normal[text_codes] if len(texts) else np.zeros(len(mentions), dtype=np.int64)
    # rule 2: a person's leading titles go
    names = vocab.remap(names, is_person, strip_titles)

    # rule 3, corpus-wide: "Envoy Li Hui" -> "Li Hui" when "Li Hui" is a known full name
    spaced = vocab.has_space()
    full_codes = np.unique(names[is_person & spaced[names]])
    corpus_people = _NameIndex({vocab.words[c] for c in full_codes.tolist()})
    names = vocab.remap(names, is_person, corpus_people.longest_suffix)

    # rule 3, per article: a one-word PERSON or ORG that starts or ends a full PERSON name
    spaced = vocab.has_space()
    one_word = ~spaced[names] & (is_person | _is(label_codes, label_values, "ORG"))
    if one_word.any():
        names = _article_partials(mentions, names, is_person, one_word, spaced, vocab,
                                  corpus_people)

    if aliases:
        names = vocab.remap(names, np.ones(len(names), dtype=bool),
                            lambda w: aliases.get(w.lower()))
    if place_names is not None and "place_id" in mentions and len(names):
        # rule 5: a mention resolved to a place is named as the gazetteer names the place
        place_codes, place_ids = pd.factorize(mentions["place_id"])
        if len(place_ids):
            named = pd.Series(place_ids).map(place_names).tolist()
            lookup = np.asarray([vocab.code(n) if isinstance(n, str) else -1 for n in named],
                                dtype=np.int64)
            sub = np.where(place_codes >= 0, lookup[np.maximum(place_codes, 0)], -1)
            names = np.where(sub >= 0, sub, names)
    return names, vocab


def _article_partials(mentions: pd.DataFrame, names: np.ndarray, is_person: np.ndarray,
                      one_word: np.ndarray, spaced: np.ndarray, vocab: _Vocab,
                      corpus_people: _NameIndex) -> np.ndarray:
    """Rule 3 within each article: a one-word name becomes the one full PERSON name of its
    article that it starts or ends; failing that, when the article labels the word PERSON
    somewhere, the one full PERSON name of the corpus that it starts or ends."""
    articles = pd.factorize(mentions["article_id"])[0].astype(np.int64)
    width = len(vocab.words) + 1
    # the full PERSON names of each article, by their first and by their last word
    full = _pairs(articles[is_person & spaced[names]], names[is_person & spaced[names]], width)
    full_article, full_name = full // width, full % width
    edge_words: dict[int, set[str]] = {}
    for c in np.unique(full_name).tolist():
        words = vocab.words[c].lower().split()
        edge_words[c] = {words[0], words[-1]}
    edges = pd.DataFrame(
        [(a, e, f) for a, f in zip(full_article.tolist(), full_name.tolist(), strict=True)
         for e in edge_words[f]],
        columns=["article", "edge", "full"],
    )
    # the one-word candidates, once per article
    cand = _pairs(articles[one_word], names[one_word], width)
    cand = pd.DataFrame({"key": cand, "article": cand // width, "word": cand % width})
    cand["edge"] = cand["word"].map({c: vocab.words[c].lower()
                                     for c in np.unique(cand["word"]).tolist()})
    hits = cand.merge(edges, on=["article", "edge"], how="inner")
    counts = hits.groupby("key")["full"].agg(["nunique", "first"])
    chosen = dict(zip(counts.index[counts["nunique"] == 1].tolist(),
                      counts.loc[counts["nunique"] == 1, "first"].tolist(), strict=True))
    # failing that: the corpus's one full name, if the article labels the word PERSON
    person_pairs = _pairs(articles[is_person], names[is_person], width)
    fallback = cand[~cand["key"].isin(list(chosen)) & np.isin(cand["key"], person_pairs)]
    partial = {c: corpus_people.partial(vocab.words[c])
               for c in np.unique(fallback["word"]).tolist()}
    for key, word in zip(fallback["key"].tolist(), fallback["word"].tolist(), strict=True):
        if partial[word] is not None:
            chosen[key] = vocab.code(partial[word])
    if not chosen:
        return names
    keys = articles * width + names
    wanted = pd.Index(list(chosen))
    at = wanted.get_indexer(keys)
    replacement = np.asarray(list(chosen.values()), dtype=np.int64)
    hit = (at >= 0) & one_word
    out = names.copy()
    out[hit] = replacement[at[hit]]
    return out


def canonicalise(
    mentions: pd.DataFrame,
    *,
    outlets: pd.Series,
    aliases: dict[str, str] | None = None,
    place_names: pd.Series | None = None,
) -> tuple[pd.Series, pd.DataFrame]:
    """Assign every mention an entity id and build the entities table.

    `outlets` maps article_id -> outlet; `place_names` maps place_id -> name for mentions that
    carry a place_id. Returns (entity_id aligned to mentions.index,
    entities table).
    """
    if mentions.empty:
        return pd.Series(index=mentions.index, dtype="string"), conform(
            pd.DataFrame(columns=["entity_id", "name", "label", "n_mentions", "n_articles",
                                  "n_outlets", "aliases"]),
            "entities",
        )
    codes, vocab = _name_codes(mentions, aliases=aliases or {}, place_names=place_names)
    name_codes, used = pd.factorize(codes)
    name_values = [vocab.words[c] for c in used.tolist()]
    key_of_name = [v.lower() for v in name_values]
    key_codes, key_values = pd.factorize(pd.Series(key_of_name, dtype=object))
    key_values = key_values.tolist()
    # entities in order of first appearance (as a groupby without sorting would give)
    ent_of_mention, ent_keys = pd.factorize(key_codes[name_codes])
    ent_ids = np.asarray([entity_id_for(key_values[k]) for k in ent_keys.tolist()],
                         dtype=object)
    entity_ids = pd.Series(ent_ids[ent_of_mention], index=mentions.index, dtype="string",
                           name="text")
    n_ent = len(ent_keys)
    ent = ent_of_mention.astype(np.int64)
    position = np.arange(len(ent), dtype=np.int64)

    def most_common(codes: np.ndarray, rank: np.ndarray | None = None) -> np.ndarray:
        """Per entity: the code it carries most often; ties by `rank`, then first appearance."""
        frame = pd.DataFrame({"ent": ent, "code": codes, "pos": position})
        agg = frame.groupby(["ent", "code"], sort=False)["pos"].agg(["size", "min"])
        agg = agg.reset_index()
        tie = rank[agg["code"].to_numpy()] if rank is not None else np.zeros(len(agg))
        order = np.lexsort((agg["min"].to_numpy(), tie, -agg["size"].to_numpy(),
                            agg["ent"].to_numpy()))
        best = agg.iloc[order].drop_duplicates("ent")
        out = np.empty(n_ent, dtype=np.int64)
        out[best["ent"].to_numpy()] = best["code"].to_numpy()
        return out

    display = most_common(name_codes)
    label_codes, label_values = pd.factorize(mentions["label"])
    # a label of ENTITY_LABEL_PRIORITY wins a tie in that order; other labels by appearance
    priority = {lab: i for i, lab in enumerate(ENTITY_LABEL_PRIORITY)}
    label_rank = np.asarray([priority.get(lab, len(priority)) for lab in label_values])
    label = most_common(label_codes, label_rank)

    article_codes, article_ids = pd.factorize(mentions["article_id"])
    outlet_codes = pd.factorize(pd.Series(article_ids).map(outlets))[0][article_codes]
    n_mentions = np.bincount(ent, minlength=n_ent)
    n_articles = np.bincount(_pairs(ent, article_codes, len(mentions) + 1) // (len(mentions) + 1),
                             minlength=n_ent)
    known = outlet_codes >= 0
    n_outlets = np.bincount(
        _pairs(ent[known], outlet_codes[known], len(mentions) + 1) // (len(mentions) + 1),
        minlength=n_ent)

    # aliases: the other normalised spellings, sorted case-insensitively (ties by the name)
    surface_codes, surface_values = pd.factorize(mentions["text"])
    normal = np.asarray([normalise_cached(t) for t in list(surface_values)], dtype=object)
    display_names = np.asarray(name_values, dtype=object)[display]
    spellings = pd.DataFrame({"ent": ent, "surface": normal[surface_codes]}).drop_duplicates()
    spellings = spellings[spellings["surface"].to_numpy() != display_names[
        spellings["ent"].to_numpy()]]
    spellings["lower"] = spellings["surface"].str.lower()
    spellings = spellings.sort_values(["ent", "lower", "surface"], kind="stable")
    alias_text = np.full(n_ent, "", dtype=object)
    for e, group in itertools.groupby(zip(spellings["ent"].tolist(),
                                          spellings["surface"].tolist(), strict=True),
                                      key=operator.itemgetter(0)):
        alias_text[e] = " | ".join(surface for _, surface in group)

    entities = pd.DataFrame(
        {
            "entity_id": ent_ids,
            "name": display_names,
            "label": np.asarray(label_values, dtype=object)[label],
            "n_mentions": n_mentions,
            "n_articles": n_articles,
            "n_outlets": n_outlets,
            "aliases": alias_text,
        }
    )
    entities = entities.sort_values(["n_mentions", "name"], ascending=[False, True])
    return entity_ids, conform(entities, "entities")
