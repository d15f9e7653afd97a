"""HTML pages -> the article's main text, title and date (trafilatura).

trafilatura drops scripts, styles, navigation, footers and comments and keeps the article body;
title and date come from the page's metadata (<title>, og:/article: tags, JSON-LD) when present.
Why trafilatura: it is maintained, offline, pure Python over lxml (wheels for 3.11-3.12), and
scores at or near the top of the published main-text extraction benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.ingest.decode import InputError, decode_bytes


@dataclass(frozen=True)
class Page:
    text: str
    title: str = ""
    date: str = ""


def extract_page(data: bytes) -> Page:
    """The main text of an HTML page; raises InputError when none is found."""
    import trafilatura  # imported on first use: a plain-text corpus never pays for lxml

    markup = decode_bytes(data)
    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError("empty text (no article text found in the HTML)")
    # one blank line between paragraphs, as in the .txt articles
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return Page(text, (getattr(doc, "title", None) or "").strip(),
                (getattr(doc, "date", None) or "").strip())
