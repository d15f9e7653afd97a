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
SAMPLE_WORDS = 250  # 8 standard errors between news prose (~0.4) and MIN_SHARE by then
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def english_share(text: str) -> tuple[float, int]:
    """(share of stopwords among the first SAMPLE_WORDS words, number of words looked at)."""
    words = _WORD.findall(text[: SAMPLE_WORDS * 12].lower())[:SAMPLE_WORDS]
    if not words:
        return 0.0, 0
    hits = sum(map(STOPWORDS.__contains__, words))
    return hits / len(words), len(words)


def not_english_reason(text: str) -> str | None:
    """A reject reason ("not English (...)") or None when the text reads as English."""
    share, n = english_share(text)
    if share >= MIN_SHARE:
        return None
    if n == 0:
        return "not English (no words found)"
    return f"not English ({share:.0%} common English words, expected at least {MIN_SHARE:.0%})"
