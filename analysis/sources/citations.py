"""The citations table: the sources each article relies on, from its quotes.

Every attribution cites its speaker; one relayed through an agency, an outlet or a body ("according
to Reuters", "TASS said, quoting ...") also cites that relay. Each cited source gets:
- a type: a news outlet of this corpus (matched by name: "the Associated Press" is the outlet
  "Associated Press", "the Global Times" is "Global Times"; well-known agency initials count:
  "AP", "AFP"), a news agency (a known agency, or "news agency" / "wire service" in the phrase),
  else what its entity or its head word is (person, organisation, country, document, group);
- a channel, from the words around the cue outside the quoted content: statement, press
  briefing, interview, social media, report;
- a stance: "disputes" when the attribution's sentences, outside every quotation content of
  the article, have words with which an outlet takes issue ("groundless", "false",
  "so-called", "hype", "it should be clarified"), or the next sentence has them and takes up
  the quoted words (three in a row) or names the source; else "relies".
"""

from __future__ import annotations

import bisect
import functools
import re

import numpy as np
import pandas as pd

from analysis.sources.lexicon import (
    AGENCY_WORDS,
    CHANNELS,
    DOCUMENT_HEADS,
    NEWS_AGENCIES,
    ORGANISATION_HEADS,
    PEOPLE_HEADS,
    REBUTTALS,
    TOLD_A_NAME,
)
from analysis.sources.quotes import parse_parts
from analysis.tables import conform, empty

CHANNEL_WINDOW = 80  # characters on each side of the cue read for its channel
# every channel's words in one pattern, so an article is read once
CHANNEL_NAMES = {f"c{i}": name for i, (name, _) in enumerate(CHANNELS)}
CHANNEL_WORDS = re.compile("|".join(f"(?P<c{i}>{pattern.pattern})"
                                    for i, (_, pattern) in enumerate(CHANNELS)))
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_SUFFIX = re.compile(r"\s+-\s+.*$|\s+(?:online news|web news|news|online)$")


@functools.lru_cache(maxsize=1 << 16)
def outlet_key(name: str) -> str:
    """A name as outlets and sources are matched: lower case, no "the", no "(Web News)"."""
    key = _BRACKETS.sub("", str(name)).strip().lower()
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"['’]s$", "", key)
    key = _SUFFIX.sub("", key)
    return re.sub(r"[^\w\s-]", "", key).strip()


def _outlet_index(outlets: list[str]) -> dict[str, str]:
    index = {}
    for outlet in outlets:
        key = outlet_key(outlet)
        if key:
            index.setdefault(key, outlet)
    for short, full in NEWS_AGENCIES.items():
        if outlet_key(full) in index:
            index.setdefault(short, index[outlet_key(full)])
    return index


def _source_type(name: str, text: str, label: str | None, outlet: str | None) -> str:
    if outlet is not None:
        return "news outlet"
    lower = text.lower()
    if outlet_key(name) in NEWS_AGENCIES or any(w in lower for w in AGENCY_WORDS):
        return "news agency"
    if label == "PERSON":
        return "person"
    if label in ("ORG", "FAC"):
        return "organisation"
    if label in ("GPE", "LOC"):
        return "country"
    if label == "NORP":
        return "group"
    head = lower.split()[-1].strip(".,’'") if lower.split() else ""
    head = head.removesuffix("’s").removesuffix("'s")
    if head in PEOPLE_HEADS:
        return "group"
    if head in ORGANISATION_HEADS:
        return "organisation"
    if head in DOCUMENT_HEADS:
        return "document"
    return "person" if label is None and text[:1].isupper() else "unnamed"


class _Marks:
    """Where each channel's words and the rebuttals occur in one article, found once."""

    def __init__(self, text: str, contents: list[tuple[int, int]]) -> None:
        lower = text.lower()
        self.contents = contents
        self.content_starts = [s for s, _ in contents]
        found: dict[str, list[int]] = {name: [] for name, _ in CHANNELS}
        for match in CHANNEL_WORDS.finditer(lower):
            found[CHANNEL_NAMES[match.lastgroup]].append(match.start())
        found["interview"] = sorted(found["interview"]
                                    + [m.start() for m in TOLD_A_NAME.finditer(text)])
        self.channels = list(found.items())
        self.rebuttals = [m.start() for m in REBUTTALS.finditer(lower)]

    def outside(self, positions: list[int], start: int, end: int) -> bool:
        """Whether one of `positions` lies in [start, end) outside every content part."""
        for position in positions[bisect.bisect_left(positions, start):
                                  bisect.bisect_left(positions, end)]:
            at = bisect.bisect_right(self.content_starts, position) - 1
            if at < 0 or position >= self.contents[at][1]:
                return True
        return False


def cite_sources(quotes: pd.DataFrame, articles: pd.DataFrame, sentences: pd.DataFrame,
                 entities: pd.DataFrame) -> pd.DataFrame:
    """The citations table: the speaker of every quote, and its relay when there is one.

    `articles` needs article_id, outlet and text; `sentences` article_id, sentence_id, start,
    end; `entities` entity_id, name, label.
    """
    if quotes.empty:
        return empty("citations")
    texts = dict(zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True))
    outlets = _outlet_index(sorted(articles["outlet"].dropna().astype(str).unique()))
    labels = dict(zip(entities["entity_id"].tolist(), entities["label"].tolist(), strict=True))
    names = dict(zip(entities["entity_id"].tolist(), entities["name"].tolist(), strict=True))
    bounds = {key: (frame["start"].to_numpy(), frame["end"].to_numpy(),
                    frame["sentence_id"].to_numpy())
              for key, frame in sentences.groupby("article_id", sort=False)}
    contents = {key: sorted(p for parts in frame["parts"].tolist() for p in parse_parts(parts))
                for key, frame in quotes.groupby("article_id", sort=False)}
    marks: dict[str, _Marks] = {}
    rows = []
    columns = ["article_id", "quote_id", "sentence_id", "end", "text", "cue_start",
               "speaker_text", "speaker_start", "speaker_end", "speaker_entity_id",
               "speaker_name", "via_start", "via_end", "via_entity_id"]
    plain = quotes[columns].astype(object).where(quotes[columns].notna(), None)
    for quote in plain.itertuples(index=False):
        text = texts[quote.article_id]
        found = marks.get(quote.article_id)
        if found is None:
            found = marks[quote.article_id] = _Marks(text, contents[quote.article_id])
        channel = _channel(quote, found)
        stance = _stance(text, quote, bounds.get(quote.article_id), found)
        for role, start, end, entity_id, name in (
                ("speaker", quote.speaker_start, quote.speaker_end, quote.speaker_entity_id,
                 quote.speaker_name),
                ("relay", quote.via_start, quote.via_end, quote.via_entity_id, None)):
            if start is None:
                continue
            written = text[int(start):int(end)]
            if name is None:
                name = names.get(entity_id, re.sub(r"^the\s+", "", written, flags=re.I))
            outlet = outlets.get(outlet_key(name)) or outlets.get(outlet_key(written))
            rows.append({
                "article_id": quote.article_id, "quote_id": quote.quote_id,
                "sentence_id": quote.sentence_id, "start": int(start), "end": int(end),
                "text": written, "entity_id": entity_id, "name": name, "role": role,
                "source_type": _source_type(str(name), written, labels.get(entity_id), outlet),
                "outlet": outlet, "channel": channel, "stance": stance,
            })
    if not rows:
        return empty("citations")
    return conform(pd.DataFrame(rows), "citations")


def _channel(quote, marks: _Marks) -> str:
    anchor = quote.cue_start if quote.cue_start is not None else quote.speaker_start
    if anchor is None:
        return ""
    start, end = max(int(anchor) - CHANNEL_WINDOW, 0), int(anchor) + CHANNEL_WINDOW
    return next((name for name, positions in marks.channels
                 if marks.outside(positions, start, end)), "")


def _stance(text: str, quote, bounds, marks: _Marks) -> str:
    """"disputes" when the attribution's sentences, or the sentence after them if it takes up
    the quoted words (three in a row) or names the source, hold a rebuttal outside every
    quotation content of the article."""
    if bounds is None:
        return "relies"
    starts, ends, ids = bounds
    first = int(np.searchsorted(ids, quote.sentence_id))
    last = max(int(np.searchsorted(starts, quote.end, side="right")) - 1, first)
    window = [(int(starts[first]), int(ends[last]))]
    if last + 1 < len(starts):
        following = text[int(starts[last + 1]):int(ends[last + 1])].lower()
        words = re.findall(r"\w+", str(quote.text).lower())
        echoes = any(" ".join(words[i:i + 3]) in following for i in range(len(words) - 2))
        source = (quote.speaker_text or "").lower()
        if echoes or (len(source) > 3 and source in following):
            window.append((int(starts[last + 1]), int(ends[last + 1])))
    found = any(marks.outside(marks.rebuttals, s, e) for s, e in window)
    return "disputes" if found else "relies"
