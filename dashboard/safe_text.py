"""Corpus strings (titles, outlets, urls, names, file names) shown as text, never as markup.

Streamlit renders Markdown, LaTeX and colour directives in captions, headers, buttons, radio
options, expanders and messages; a title holding `![x](http://host/p.png)` would make every
visitor's browser fetch that address. Plotly reads a subset of HTML in chart text. So a corpus
string goes through `for_markdown` before any of those, through `for_chart` before a chart,
and a link is offered only for an http(s) address.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

# every ASCII punctuation character: CommonMark takes a backslash before any of them literally
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def for_markdown(text: object) -> str:
    """`text` on one line with every Markdown, LaTeX and directive character escaped."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def for_chart(values: Iterable[object]) -> list[str]:
    """Strings for plotly text, labels and hovers: its HTML subset shows as text."""
    return [html.escape(str(value), quote=False) for value in values]


def http_link(url: object) -> str | None:
    """The url when it is an http(s) address, else None (no javascript:, data:, file: links)."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme in ("http", "https") and parts.netloc else None
