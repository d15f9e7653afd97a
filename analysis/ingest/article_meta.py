"""What an article says about itself: the outlet a sign-off names, a title from its first line.

Used by analysis.ingest.corpus when the input gives no outlet or title.
"""

from __future__ import annotations

import re

_SIGN_OFF_STOP = {"end", "ends", "photo", "photos", "video", "file", "update", "updated"}
_CONNECTORS = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "on", "in", "&"}


def infer_outlet(text: str) -> str | None:
    """The outlet a clear closing line names ("Source: X" or "(Outlet)"), else None."""
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


def shorten(line: str, width: int) -> str:
    if len(line) <= width:
        return line
    cut = line[: width + 1].rsplit(" ", 1)[0] if " " in line[: width + 1] else line[:width]
    return cut.rstrip(" ,;:-–—") + "…"


def title_from(text: str) -> str:
    line = next((s for s in (" ".join(raw.lstrip("#").split()) for raw in text.split("\n")) if s),
                "")
    return shorten(line, 200 if len(line.split()) < 20 and not line.endswith(".") else 80)
