"""What an article says about itself: its outlet (a sign-off, a dateline's agency), its date (a
dateline's), a title from its first line; and how outlet names compare.

Used by analysis.ingest.corpus when the input gives no outlet, date or title, and by the
segmenter (analysis.annotate.segments, the dateline) and the entities stage (self-mentions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SIGN_OFF_STOP = {"end", "ends", "photo", "photos", "video", "file", "update", "updated"}
_CONNECTORS = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "on", "in", "&"}
# values of an outlet field that say it is not known
UNKNOWN_WORDS = frozenset({"", "unknown", "n/a", "na", "none", "null", "-", "?"})
UNKNOWN_PREFIX = "unknown: "
# short names wire services go by in datelines and credits, and the name they stand for
OUTLET_ALIASES = {
    "ap": "associated press", "the associated press": "associated press",
    "afp": "agence france-presse", "agence france presse": "agence france-presse",
    "upi": "united press international", "dpa": "deutsche presse-agentur",
    "xinhua news agency": "xinhua", "tass news agency": "tass", "itar-tass": "tass",
    "ria": "ria novosti", "bbc news": "bbc", "cnn wire": "cnn",
}
# "MOSCOW (AP) —", "KYIV, Ukraine (AP) —", "MINSK, Aug 17 (Reuters) -", "BEIJING, Aug. 17 --"
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’ -]{2,40}[A-Z.])"
    r"(,\s*(?P<region>[A-Z][\w.]*(\s[A-Z][\w.]*){0,2}))?"
    r"(,?\s*(?P<date>(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(,\s*(?P<year>\d{4}))?))?"
    r"\s*(\((?P<agency>[A-Za-z][\w .&'-]{1,40})\))?"
    r"\s*(—|–|--|-)\s*")
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass(frozen=True)
class Dateline:
    end: int  # where the text after the dateline's dash starts
    place: str
    agency: str | None
    date: str | None  # "2023-08-17" when the dateline gives the year


def read_dateline(text: str, start: int = 0, end: int | None = None) -> Dateline | None:
    """The dateline opening `text[start:end]`, or None. Its place is in capitals ("MOSCOW"), so
    the first words of an ordinary sentence never read as one."""
    end = len(text) if end is None else end
    match = DATELINE.match(text, start, end)
    if match is None or match.end() >= end:
        return None
    place = match.group("place")
    if sum(ch.isupper() for ch in place) < 3 or not place.replace(" ", "").isupper():
        return None
    date = None
    month = MONTHS.get((match.group("month") or "")[:3].lower())
    if month and match.group("year"):
        date = f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"
    return Dateline(match.end(), place.strip(), match.group("agency"), date)


def outlet_key(name: str) -> str:
    """An outlet's name as names are compared: case, "the", punctuation and the short names of
    wire services ("AP", "The Associated Press") set aside."""
    key = re.sub(r"[^\w&' -]", " ", name.casefold()).strip()
    key = " ".join(key.split())
    key = OUTLET_ALIASES.get(key, key)
    key = key.removeprefix("the ")
    return OUTLET_ALIASES.get(key, key)


def is_unknown(outlet: str) -> bool:
    """Whether an outlet field says nothing ("", "Unknown", "N/A", ...)."""
    return outlet.strip().casefold() in UNKNOWN_WORDS


def unknown_outlet(source: str) -> str:
    """The outlet of an article whose outlet is not known: a source of its own, never pooled
    with other unknown ones."""
    return f"{UNKNOWN_PREFIX}{source}"


def infer_outlet(text: str) -> tuple[str, str] | None:
    """(outlet, where it was found: "signoff" or "dateline") from a clear closing line
    ("Source: X" or "(Outlet)") or a dateline's agency ("MINSK, Aug 17 (Reuters) -"), else
    None."""
    signoff = _signoff_outlet(text)
    if signoff:
        return signoff, "signoff"
    dateline = _opening_dateline(text)
    if dateline and dateline.agency:
        return dateline.agency.strip(), "dateline"
    return None


def _opening_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the text's first lines (after a headline, a
    byline), else None."""
    lines = [line.strip() for line in text.split("\n", 8)[:8] if line.strip()]
    return next((d for line in lines[:4] if (d := read_dateline(line[:300]))), None)


def _signoff_outlet(text: str) -> str | None:
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    match = re.fullmatch(r"(?i:source)\s*:\s*(.+?)\.?", last) or re.fullmatch(r"\((.+)\)", last)
    if not match:
        return None
    name = match.group(1).strip()
    words = name.split()
    if not 0 < len(words) <= 8 or len(name) > 60 or re.search(r"[/:;@=<>|]", name):
        return None
    if words[0].lower().strip(".,") in _SIGN_OFF_STOP:
        return None
    if all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words):
        return name
    return None


def dateline_date(text: str) -> str | None:
    """The date a dateline opening the text gives with its year ("2023-08-17"), else None."""
    dateline = _opening_dateline(text)
    return dateline.date if dateline else None


def shorten(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    cut = line[: width + 1].rsplit(" ", 1)[0] if " " in line[: width + 1] else line[:width]
    return cut.rstrip(" ,;:-–—") + "…"


def title_from(text: str) -> str:
    line = next((s for s in (" ".join(raw.lstrip("#").split()) for raw in text.split("\n")) if s),
                "")
    return shorten(line, 200 if len(line.split()) < 20 and not line.endswith(".") else 80)
