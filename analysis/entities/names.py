"""Entity names as a reader would write them: normalised spellings, people without their
titles, and the curated merges of the alias file (data/aliases.csv)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\s\"'(\[.,;:-]+|[\s\"')\].,;:-]+$")

# Honorifics and offices that precede a person's name in news copy.
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
    president vice minister prime premier chancellor secretary general gen. gen
    colonel col. lt. lieutenant major maj. captain capt. admiral commander
    senator sen. sen representative rep. rep congressman congresswoman governor gov. gov
    mayor judge justice ambassador envoy spokesman spokeswoman spokesperson chairman
    chairwoman chair director chief leader king queen prince princess pope cardinal
    bishop archbishop sheikh emir councilor councillor state defense defence foreign
    interior finance deputy former acting national chinese russian belarusian american
    """.split()
)


def normalise_name(text: str) -> str:
    """Surface form without quotes, possessive, leading article or stray punctuation."""
    name = " ".join(text.translate(_QUOTES).split())
    name = _EDGE_PUNCT.sub("", name)
    name = _POSSESSIVE.sub("", name)
    if name.lower().startswith("the "):
        name = name[4:]
    return _EDGE_PUNCT.sub("", name).strip()


# a build normalises each distinct spelling twice (names, then aliases): remember the last ones
normalise_cached = functools.lru_cache(maxsize=1 << 18)(normalise_name)


def strip_titles(name: str) -> str:
    """Drop leading titles from a person's name, keeping at least one word."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


def load_aliases(path: Path | None) -> dict[str, str]:
    """Curated merges: lower-cased alias -> canonical name. A missing file means none."""
    if path is None or not Path(path).exists():
        return {}
    table = pd.read_csv(path, dtype="string", comment="#").dropna()
    return {
        normalise_name(alias).lower(): normalise_name(canonical)
        for alias, canonical in zip(table["alias"], table["canonical"], strict=True)
    }
