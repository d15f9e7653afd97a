"""A cheap check that a text is English: the share of its words that are common stopwords.

English prose runs at 35-50% stopwords; other languages written in Latin script share only a few
of these words ("a", "in", "to"), and other scripts none. No model, no dependency: a verdict for
the import report, not a language identifier.
"""

from __future__ import annotations

import re

STOPWORDS = frozenset("""
a about after all also an and any are as at be been before being between both but by can could
did do does during each for from had has have he her his how i if in into is it its just more
most no not of on one only or other our out over said she so some such than that the their them
then there these they this those through to under up was we were what when where which while who
will with would you
""".split())
MIN_SHARE = 0.12  # below this share an English text is very unlikely (news prose is ~0.4)
SAMPLE_WORDS = 2000
# Most texts are settled by their first words: news prose runs ~0.4, so a share of QUICK_PASS
# in the first QUICK_WORDS words is English beyond doubt. Only the rest (a chart's labels before
# the story, a foreign text) are read further, which keeps a large import quick.
QUICK_WORDS = 150
QUICK_PASS = 0.25
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def english_share(text: str, *, sample: int = SAMPLE_WORDS) -> tuple[float, int]:
    """(share of stopwords among the first `sample` words, number of words looked at)."""
    # English words average about six characters with their space: 8 per word is enough
    words = _WORD.findall(text[: sample * 8].lower())[:sample]
    if not words:
        return 0.0, 0
    hits = sum(map(STOPWORDS.__contains__, words))
    return hits / len(words), len(words)


def not_english_reason(text: str) -> str | None:
    """A reject reason ("not English (...)") or None when the text reads as English."""
    if english_share(text, sample=QUICK_WORDS)[0] >= QUICK_PASS:
        return None
    share, n = english_share(text)
    if share >= MIN_SHARE:
        return None
    if n == 0:
        return "not English (no words found)"
    return f"not English ({share:.0%} common English words, expected at least {MIN_SHARE:.0%})"
