"""Segments: a text's blocks, the kind of text each is, and sentences that never cross a block.

A block ends at a paragraph break (a blank line) and at a line break that ends a line of its
own (a headline, a caption, a paragraph written as one line); a line break inside hard-wrapped
running text (long lines of about the same width, the first not ending a sentence) does not.
spaCy's sentences are cut at every block end, so no sentence runs from one paragraph into the
next. Each block gets a kind, by rules on its text and its place in the article:

- headline: a short first block (or one of the first three) that does not end like a sentence,
  or a short sub-heading between paragraphs;
- byline: "By Jane Doe" near the top;
- dateline: "MOSCOW (AP) —", "MINSK, Aug 17 (Reuters) -", cut off the start of a body block;
- caption: photo captions and credits ("[Pavel Bednyakov/Sputnik via Reuters]",
  "toggle caption", "(AP Photo/...)"), and a short line right before one (an image's title);
- signoff: closing credit lines near the end ("Source: The Associated Press", "(Global Times)",
  "Reporting by ...; Editing by ...", "Copyright ...");
- boilerplate: site furniture ("More On This...", "Advertisement", "Click here to ...");
- body: everything else: the running text, the only kind that counts for tone by default.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from analysis.ingest import read_dateline

KINDS = ("body", "headline", "dateline", "byline", "caption", "signoff", "boilerplate")

_TERMINAL = tuple('.!?:;"”’)]')
_SIGNOFF = re.compile(
    r"(?i)^(sources?\s*:|reporting by\b|reported by\b|writing by\b|written by\b|editing by\b|"
    r"edited by\b|additional reporting\b|compiled by\b|contributing\b|copyright\b|©|\(c\)\s|"
    r"all rights reserved\b)")
# a credit on its own: "(Global Times)", "— Reuters"
_CREDIT_ALONE = re.compile(r"^([(\[][^()\[\]]{2,60}[)\]]|[—–-]{1,2}\s*[A-Z][\w.&' ]{1,30})\.?$")
_BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
_CAPTION = re.compile(
    r"(?i)(toggle caption|enlarge this image|\bphoto(graph)?s?\s*(:|by\b|credit)|"
    r"\b(image|picture)\s*(:|credit|copyright)|\((ap|afp|reuters|xinhua|epa)\s+photo|getty images|"
    r"/\s*(ap|afp|reuters|getty|sputnik|xinhua|epa|tass|shutterstock|bloomberg)\b|"
    r"\[[^\]]*(/|\bphoto\b|\bvia\b)[^\]]*\]\s*$)")
_BOILERPLATE = re.compile(
    r"(?i)^(more on this\b|advertisement\b|click here\b|read more\b|related\s*(:|stories|coverage)|"
    r"see also\b|sign up\b|subscribe\b|follow (us|him|her)\b|share this\b|"
    r"this (story|article) (has been|was) (updated|corrected))")
MAX_HEADLINE_WORDS = 25
MAX_SUBHEAD_WORDS = 12
MAX_LINE_WORDS = 15  # bylines, credits, furniture


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    kind: str


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _words(text: str) -> int:
    return len(text.split())


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text is wrapped at, or None when its lines are paragraphs."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 4:
        return None
    widest = lengths[int(0.9 * (len(lengths) - 1))]
    median = lengths[len(lengths) // 2]
    return widest if 40 <= widest <= 110 and median >= 0.6 * widest else None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) moved inwards past any whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every block of `text`, trimmed of whitespace, in order."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[tuple[int, int]] = []
    start = at = 0
    for i, line in enumerate(lines):
        end = at + len(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        soft_wrap = (width is not None and line.strip() and following.strip()
                     and len(line.rstrip()) >= width - 20 and not _ends_sentence(line))
        if not soft_wrap:
            block = trim(text, start, end)
            if block[0] < block[1]:
                out.append(block)
            start = end + 1
        at = end + 1
    return out


def block_kinds(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The kind of every block (see the module docstring)."""
    pieces = [text[s:e] for s, e in spans]
    kinds = []
    for i, piece in enumerate(pieces):
        words = _words(piece)
        near_end = i >= len(pieces) - 3
        if _BOILERPLATE.match(piece) and words <= MAX_LINE_WORDS:
            kind = "boilerplate"
        elif near_end and i > 0 and words <= MAX_LINE_WORDS and (
                _SIGNOFF.match(piece)
                or (_CREDIT_ALONE.match(piece) and not _CAPTION.search(piece))):
            kind = "signoff"
        elif i < 4 and _BYLINE.match(piece) and words <= MAX_LINE_WORDS \
                and not piece.rstrip().endswith("."):
            kind = "byline"
        elif _CAPTION.search(piece) and words <= 80:
            kind = "caption"
        elif not _ends_sentence(piece) and (
                (i < 3 and words <= MAX_HEADLINE_WORDS)
                or (0 < i < len(pieces) - 1 and words <= MAX_SUBHEAD_WORDS)):
            kind = "headline"
        else:
            kind = "body"
        kinds.append(kind)
    # a short line right before a caption is the image's title, part of the caption
    for i in range(len(kinds) - 1):
        if kinds[i] == "headline" and kinds[i + 1] == "caption" and i > 0:
            kinds[i] = "caption"
    return kinds


def segment(text: str, sentences: list[tuple[int, int]]) -> list[Segment]:
    """The sentences of `text` (spaCy's (start, end), in order) cut at block ends, with the
    dateline of a body block split off, each with its block's kind; a block of any other kind
    is one segment whatever spaCy made of it."""
    spans = blocks(text)
    kinds = block_kinds(text, spans)
    starts = [s for s, _ in spans]
    out: list[Segment] = []
    datelines_left = 2  # only the first body blocks open with a dateline
    seen_blocks: set[int] = set()
    for s_start, s_end in sentences:
        first = max(bisect.bisect_right(starts, s_start) - 1, 0)
        for b in range(first, len(spans)):
            b_start, b_end = spans[b]
            if b_start >= s_end:
                break
            start, end = trim(text, max(s_start, b_start), min(s_end, b_end))
            if start >= end:
                continue
            kind = kinds[b]
            if kind != "body":  # a headline, caption or credit line is one segment, uncut
                if b not in seen_blocks:
                    out.append(Segment(b_start, b_end, kind))
                    seen_blocks.add(b)
                continue
            if b not in seen_blocks and start == b_start and datelines_left:
                datelines_left -= 1
                dateline = read_dateline(text, start, end)
                if dateline is not None:
                    out.append(Segment(start, *trim(text, start, dateline.end)[1:], "dateline"))
                    start = dateline.end
            seen_blocks.add(b)
            start, end = trim(text, start, end)
            if start < end:
                out.append(Segment(start, end, kind))
    return out
