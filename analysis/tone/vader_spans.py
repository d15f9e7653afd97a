"""VADER's scores for any run of a sentence's words, from one pass over the sentence: what the
targeted tone features (analysis.tone.features) score a target's clause and contexts with."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right

VADER_WORD = re.compile(r"\S+")  # VADER's words are str.split()'s, kept here with offsets


class _Words:
    """The two attributes of vaderSentiment's SentiText that sentiment_valence reads."""

    __slots__ = ("is_cap_diff", "words_and_emoticons")

    def __init__(self, is_cap_diff: bool) -> None:
        self.is_cap_diff = is_cap_diff
        self.words_and_emoticons: list[str] = []


class VaderSpans:
    """VADER's scores for any run of a sentence's words, from one pass over the sentence.

    VADER (vaderSentiment's polarity_scores) gives each word a valence from its neighbours
    (boosters, negations, idioms), halves those before the first "but" and raises those after
    it by half, adds "!" and "?" emphasis, and normalises the sum. Here the per-word valences
    are computed once per sentence, and the compound, pos and neg of a run of words come from
    prefix sums, with the "but" rule applied to the run's own first "but". That is what
    polarity_scores on the run's text gives, except that words at the run's edges keep the
    negations and boosters just outside it (emoji are not spelled out).
    """

    __slots__ = ("buts", "ends", "nonzero", "sentence", "starts", "valences", "whole")

    def __init__(self, sentence: str, analyzer) -> None:
        from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText, allcap_differential

        self.sentence = sentence
        spans = [m.span() for m in VADER_WORD.finditer(sentence)]
        # SentiText's words: str.split()'s, stripped of punctuation unless that leaves <= 2
        words = [SentiText._strip_punc_if_word(sentence[a:b]) for a, b in spans]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        lowered = [w.lower() for w in words]
        self.buts = [i for i, w in enumerate(lowered) if w == "but"]
        lexicon = analyzer.lexicon
        near = _Words(allcap_differential(words))
        # VADER gives 0 to boosters, to "kind" before "of" and to words off the lexicon; the
        # other words' valences, kept where not 0, in word order
        self.nonzero: list[int] = []
        self.valences: list[float] = []
        for i, word in enumerate(lowered):
            if word not in lexicon or word in BOOSTER_DICT or (
                    word == "kind" and i + 1 < len(words) and lowered[i + 1] == "of"):
                continue
            # sentiment_valence reads words i-3 .. i+2 only, but lower-cases the whole list
            # several times per call: hand it just those words
            low = max(0, i - 3)
            near.words_and_emoticons = words[low:i + 3]
            valence = analyzer.sentiment_valence(0, near, words[i], i - low, [])[0]
            if valence:
                self.nonzero.append(i)
                self.valences.append(valence)
        self.whole = self._scores(0, len(words), 0, len(sentence))

    def before(self, position: int) -> tuple[float, float, float]:
        """Words ending at or before `position` (sentence[:position])."""
        return self._scores(0, bisect_right(self.ends, position), 0, position)

    def after(self, position: int) -> tuple[float, float, float]:
        """Words starting at or after `position` (sentence[position:])."""
        return self._scores(bisect_left(self.starts, position), len(self.starts), position,
                            len(self.sentence))

    def overlapping(self, begin: int, end: int) -> tuple[float, float, float]:
        """Words overlapping sentence[begin:end]."""
        return self._scores(bisect_right(self.ends, begin), bisect_left(self.starts, end),
                            begin, end)

    def _scores(self, first: int, last: int, begin: int, end: int) -> tuple[float, float, float]:
        """(compound, pos, neg) of words first..last-1, as VADER scores their text."""
        if last <= first:
            return 0.0, 0.0, 0.0
        at = bisect_left(self.buts, first)
        but = self.buts[at] if at < len(self.buts) and self.buts[at] < last else -1
        total = positive = negative = 0.0
        n_positive = n_negative = 0
        for at in range(bisect_left(self.nonzero, first), bisect_left(self.nonzero, last)):
            valence = self.valences[at]
            if but >= 0:  # before the run's first "but" counts half, after it one and a half
                index = self.nonzero[at]
                valence *= 0.5 if index < but else 1.5 if index > but else 1.0
            total += valence
            if valence > 0:
                positive += valence
                n_positive += 1
            else:
                negative += valence
                n_negative += 1
        n_zero = last - first - n_positive - n_negative
        # punctuation emphasis: "!" up to 4, "?" from 2
        marks = min(self.sentence.count("!", begin, end), 4) * 0.292
        questions = self.sentence.count("?", begin, end)
        if questions > 1:
            marks += questions * 0.18 if questions <= 3 else 0.96
        if total > 0:
            total += marks
        elif total < 0:
            total -= marks
        compound = max(-1.0, min(1.0, total / math.sqrt(total * total + 15)))
        positive_sum = positive + n_positive
        negative_sum = -(negative - n_negative)
        if positive_sum > negative_sum:
            positive_sum += marks
        elif positive_sum < negative_sum:
            negative_sum += marks
        share = positive_sum + negative_sum + n_zero
        return compound, positive_sum / share, negative_sum / share
