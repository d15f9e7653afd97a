"""Quotations no cue claimed: a continuation of the speaker just before, or a quotation signed
by a name ("..." Jessica Brandt, ASD)."""

from __future__ import annotations

import re

from analysis.sources.clauses import (
    MIN_FLOATING_WORDS,
)
from analysis.sources.finder import Attribution, Finder
from analysis.sources.marks import Quotation, word_count
from analysis.sources.phrases import (
    Phrase,
    phrase_between,
)


def floating(finder: Finder) -> None:
    """Quotations no cue claimed: continuations, and quotations signed by a name."""
    for quote in finder.article.quotations:
        if quote.opened_at in finder.claimed or word_count(finder.text, quote.parts) < \
                MIN_FLOATING_WORDS:
            continue
        signer = signed(finder, quote)
        if signer is not None:
            finder.claim(Attribution(list(quote.parts), "direct", None, signer,
                                     quotations=[quote]))
            continue
        before = previous(finder, quote)
        if before is None:
            continue
        if before.kind == "direct" and before.quotations:
            before.parts.extend(quote.parts)
            before.quotations.append(quote)
            finder.claimed.add(quote.opened_at)
        else:
            finder.claim(Attribution(list(quote.parts), "direct", None, before.speaker,
                                     quotations=[quote]))


def signed(finder: Finder, quote: Quotation) -> Phrase | None:
    """"..." Jessica Brandt, Alliance for Securing Democracy: the name after the quote."""
    _, paragraph_end = finder.article.paragraph(quote.start)
    rest = finder.text[quote.mark_end:paragraph_end]
    if not rest.strip():
        nxt = re.match(r"\s*\n+([^\n]{1,80})(?:\n|$)", finder.text[paragraph_end:])
        if nxt is None:
            return None
        start = paragraph_end + nxt.start(1)
        line = nxt.group(1)
    else:
        start = quote.mark_end + len(rest) - len(rest.lstrip())
        line = rest.strip()
    name = re.match(r"[^,]{1,60}", line)
    if name is None or len(line.split()) > 10 or (line.rstrip().endswith((".", "?", "!")) \
            and "," not in line):
        return None
    found = phrase_between(finder.article, start, start + len(name.group().rstrip()))
    if found is None or found.kind != "name" or found.head is None:
        return None
    return found


def previous(finder: Finder, quote: Quotation) -> Attribution | None:
    """The attribution a cue-less quotation continues: made just before it, in the same
    or the previous paragraph, with nothing between but the rest of its sentence."""
    before = [a for a in finder.found if a.end <= quote.opened_at and a.speaker is not None]
    if not before:
        return None
    last = max(before, key=lambda a: max(a.end, a.anchor))
    paragraph_start, _ = finder.article.paragraph(quote.opened_at)
    last_paragraph = finder.article.paragraph(max(last.end, last.anchor))
    between = finder.text[max(last.end, last.anchor, last.speaker.end):quote.opened_at]
    if paragraph_start == last_paragraph[0]:
        if re.search(r"[.!?:]", between) is None and between.strip():
            return None
        return last if len(between) < 200 else None
    gap = finder.text[last_paragraph[1]:paragraph_start]
    if gap.count("\n") > 4 or quote.opened_at != paragraph_start + len(
            finder.text[paragraph_start:quote.opened_at]) - len(
            finder.text[paragraph_start:quote.opened_at].lstrip()):
        return None
    tail = finder.text[max(last.end, last.anchor):last_paragraph[1]]
    return last if len(tail) < 200 else None
