"""VADER's scores for runs of a sentence's words, from one pass over the sentence."""

import pytest

from analysis.tone import new_analyzer
from analysis.tone.vader_spans import VaderSpans


@pytest.fixture(scope="module")
def analyzer():
    return new_analyzer()


VADER_SENTENCES = [
    "Jones won praise for her honesty, while critics accused Smith of corruption.",
    "The plan is not good, but the mayor is very happy with it!!",
    "He said the deal was a disaster and nobody was pleased??",
    "Nothing happened.",
    "",
]


@pytest.mark.parametrize("sentence", VADER_SENTENCES)
def test_one_vader_pass_gives_polarity_scores(analyzer, sentence):
    """The per-word valences, computed once per sentence, add up to what VADER's
    polarity_scores gives the whole sentence and the text before and after a word (where no
    negation or booster just outside the text changes the words at its edge: those the
    per-word valences keep, by design)."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, negated

    spans = VaderSpans(sentence, analyzer)
    checks = [(spans.whole, sentence)]
    for position in [i for i, c in enumerate(sentence) if c == " "]:
        checks.append((spans.before(position), sentence[:position]))
        outside = sentence[:position].lower().split()[-3:]
        if not negated(outside) and not BOOSTER_DICT.keys() & set(outside):
            checks.append((spans.after(position + 1), sentence[position + 1:]))
    for (compound, positive, negative), text in checks:
        expected = analyzer.polarity_scores(text)
        assert compound == pytest.approx(expected["compound"], abs=1e-3), text
        assert positive == pytest.approx(expected["pos"], abs=2e-3), text
        assert negative == pytest.approx(expected["neg"], abs=2e-3), text
