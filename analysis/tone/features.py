"""Features of one target in one sentence, for the entity-targeted tone scorer.

The words around the target (by side and distance, as 6-letter prefixes), VADER on the
target's clause, on its left and right context and on a window around it, lexicon valences by
distance, and the target's role (speaker, pronoun, inside a quote). VADER's per-word valences
are computed once per sentence and the part scores are sums over runs of them
(analysis.tone.vader_spans), not four more polarity_scores calls per target: most of v2's speed-up
over v1.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import numpy as np

from analysis.tone.vader_spans import VaderSpans

# Bumped whenever target_features changes, so an old model file is refused, not misread.
FEATURE_VERSION = 2

WINDOW = 8  # words on each side of the target that count as its neighbourhood
PREFIX = 6  # word prefixes stand in for a stemmer: "criticized" and "criticism" share "critic"
TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "but", "while", "although", "though",
     "whereas", "because", "after", "before", "which", "who", "said", "says"}
)
NEGATIONS = frozenset({"not", "no", "never", "without", "nor"})
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their", "it", "its",
                      "i", "we"})
SPEECH_VERBS = frozenset({"said", "says", "told"})
QUOTES = frozenset({'"', "“", "”"})


def _bucket(compound: float) -> str:
    if compound <= -0.5:
        return "n2"
    if compound <= -0.05:
        return "n1"
    if compound >= 0.5:
        return "p2"
    return "p1" if compound >= 0.05 else "z"


def _distance_band(distance: int) -> str:
    return "1" if distance <= 2 else "2" if distance <= 5 else "3" if distance <= 10 else "4"


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))


_VADER_KEYS = {part: (f"v{part}:c", f"v{part}:pos", f"v{part}:neg", f"v{part}:b=",
                      f"v{part}:none") for part in "scwLR"}


def _add_vader(features: dict[str, float], part: str, scores) -> None:
    """The features of one part's VADER scores (None: the part is empty); keys of their own."""
    compound_key, positive_key, negative_key, bucket_key, none_key = _VADER_KEYS[part]
    if scores is None:
        features[none_key] = 1.0
        return
    features[compound_key], features[positive_key], features[negative_key] = scores
    features[bucket_key + _bucket(scores[0])] = 1.0


# a word's feature keys, without the kind (":word", and "p:prefix" for long words), by word
_WORD_KEYS: dict[str, tuple[str, ...]] = {}


class _Sentence:
    """What target_features needs of a sentence whatever the target: its tokens, each token's
    word-feature keys (":word", and "p:prefix" for long words), the counts of those keys over
    the whole sentence (the "u" features before the target's own words are taken out), the
    lexicon words with their valence and whether a negation comes just before, and VADER."""

    __slots__ = ("breaks", "ends", "keys", "lowers", "starts", "tokens", "vader", "valences",
                 "words")

    def __init__(self, sentence: str, analyzer) -> None:
        lowered = sentence.lower()
        if len(lowered) == len(sentence):  # lower-casing kept every offset: one call for all
            self.tokens = [(a, b, lowered[a:b])
                           for a, b in map(re.Match.span, TOKEN.finditer(sentence))]
        else:
            self.tokens = [(m.start(), m.end(), m.group().lower())
                           for m in TOKEN.finditer(sentence)]
        self.starts = [t[0] for t in self.tokens]
        self.ends = [t[1] for t in self.tokens]
        self.lowers = [t[2] for t in self.tokens]
        self.breaks = [i for i, word in enumerate(self.lowers) if word in CLAUSE_BREAKS]
        self.keys = []
        self.words: dict[str, float] = {}
        self.valences = []
        lexicon = analyzer.lexicon
        previous = ""
        if len(_WORD_KEYS) > 200_000:  # a bound on the memo below
            _WORD_KEYS.clear()
        for word in self.lowers:
            keys = _WORD_KEYS.get(word)
            if keys is None:
                keys = _WORD_KEYS[word] = (f":{word}", f"p:{word[:PREFIX]}") if (
                    len(word) > PREFIX and word.isalpha()) else (f":{word}",)
            self.keys.append(keys)
            for key in keys:
                self.words["u" + key] = self.words.get("u" + key, 0.0) + 1.0
            valence = lexicon.get(word)
            if valence is not None:
                self.valences.append((len(self.keys) - 1, valence, _is_negation(previous)))
            previous = word
        self.vader = VaderSpans(sentence, analyzer)
        _add_vader(self.words, "s", self.vader.whole)


def target_features(
    sentence: str, start: int, end: int, *, analyzer, sentence_cache: dict
) -> dict[str, float]:
    """Named feature values for the mention sentence[start:end].

    `analyzer` is a VADER SentimentIntensityAnalyzer; `sentence_cache` (any dict the caller
    owns) keeps per-sentence work when a sentence has several targets.
    """
    cached, first, last, own = target_parts(sentence, start, end, analyzer, sentence_cache)
    # the sentence's words, with the target itself left out so its name carries no tone
    features = dict(cached.words)
    for index in range(first, last):
        for key in cached.keys[index]:
            features["u" + key] -= 1.0
            if not features["u" + key]:
                del features["u" + key]
    features.update(own)  # no key of its own starts with "u" or "vs"
    return features


def target_parts(
    sentence: str, start: int, end: int, analyzer, sentence_cache: dict
) -> tuple[_Sentence, int, int, dict[str, float]]:
    """The sentence's shared part, the target's tokens (first..last-1) and the features that
    depend on the target: target_features without the sentence's words and VADER scores."""
    if sentence not in sentence_cache:
        sentence_cache[sentence] = _Sentence(sentence, analyzer)
    cached: _Sentence = sentence_cache[sentence]
    lowers = cached.lowers
    n_left = bisect_right(cached.ends, start)
    n_before_right = max(n_left, bisect_left(cached.starts, end))
    n_tokens = len(lowers)
    target = lowers[n_left:n_before_right]
    left_words = lowers[:n_left]
    right_words = lowers[n_before_right:]
    vader = cached.vader
    features: dict[str, float] = {}
    get = features.get

    # the words near the target, by side; the nearest two by distance too
    keys = cached.keys
    for side, indices in (("l", range(n_left - 1, max(-1, n_left - 1 - WINDOW), -1)),
                          ("r", range(n_before_right, min(n_tokens, n_before_right + WINDOW)))):
        for distance, index in enumerate(indices, 1):
            for key in keys[index]:
                key = side + key
                features[key] = get(key, 0.0) + 1.0
            if distance <= 2:
                key = f"{side}{distance}:{lowers[index]}"
                features[key] = get(key, 0.0) + 1.0

    # VADER on the parts of the sentence as seen from the target
    breaks = cached.breaks
    at = bisect_left(breaks, n_left)
    clause_from = breaks[at - 1] + 1 if at else 0  # just after the last break on the left
    at = bisect_left(breaks, n_before_right)
    clause_to = breaks[at] if at < len(breaks) else n_tokens  # the first break on the right
    clause_start = cached.starts[clause_from] if clause_from < n_left else start
    clause_end = cached.ends[clause_to - 1] if clause_to > n_before_right else end
    window_start = cached.starts[max(0, n_left - WINDOW)] if n_left else start
    window_end = (cached.ends[min(n_tokens, n_before_right + WINDOW) - 1]
                  if n_before_right < n_tokens else end)
    left = n_left > 0
    right = n_before_right < n_tokens

    def add(key: str, value: float = 1.0) -> None:
        features[key] = get(key, 0.0) + value

    # (the whole sentence's, "vs:...", are among the sentence's features already)
    for part, scores in (
        ("c", vader.overlapping(clause_start, clause_end)),
        ("w", vader.overlapping(window_start, window_end)),
        ("L", vader.before(start) if left else None),
        ("R", vader.after(end) if right else None),
    ):
        _add_vader(features, part, scores)

    # lexicon valence by side and distance; a negation just before a word flips it
    for index, valence, negated in cached.valences:
        if index < n_left:
            distance, side = n_left - index, "L"
            flipped = negated  # the word before it, itself on the left
        elif index >= n_before_right:
            distance, side = index - n_before_right + 1, "R"
            flipped = negated and index > n_before_right
        else:
            continue
        if flipped:
            valence = -valence
        add(f"x{side}{_distance_band(distance)}{'p' if valence > 0 else 'n'}", abs(valence) / 4)

    # the target's role and shape (keys no other feature has)
    if not left:
        features["m:first"] = 1.0
    if not right or right_words == ["."]:
        features["m:last"] = 1.0
    if target and target[0] in PRONOUNS:
        features["m:pronoun"] = 1.0
    if sum(word in QUOTES for word in left_words) % 2:
        features["m:in_quote"] = 1.0
    if SPEECH_VERBS.intersection(right_words[:3]):
        features["m:speaker"] = 1.0
    mention = sentence[start:end]
    words = mention.split()
    if words and words[-1][:1].isupper():
        features["s:capitalised"] = 1.0
    if mention.islower():
        features["s:lowercase"] = 1.0
    features[f"s:length{min(len(target), 4)}"] = 1.0
    if sentence[end:end + 2] in ("'s", "’s"):
        features["s:possessive"] = 1.0
    if sentence[max(0, start - 4):start].lower().endswith(("the ", "a ")):
        features["s:determiner"] = 1.0
    return cached, n_left, n_before_right, features


def sparse_rows(
    feature_dicts: Sequence[dict[str, float]], vocabulary: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) triplets of the known features; unknown features are dropped."""
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    lookup, add_row, add_column, add_value = (vocabulary.get, rows.append, columns.append,
                                              values.append)
    for row, features in enumerate(feature_dicts):
        for key, value in features.items():
            column = lookup(key)
            if column is not None and value:
                add_row(row)
                add_column(column)
                add_value(value)
    return (np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64),
            np.asarray(values, dtype=np.float32))
