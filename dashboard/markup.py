"""HTML for article text with highlights, built from offsets (no Streamlit here).

Article text is untrusted: every piece of text is escaped on its own with
`escape`, and only then are the <mark> tags put around the escaped pieces,
so markup inside an article always shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.tone import NEGATIVE_AT, POSITIVE_AT
from analysis.views.evidence import parse_highlights

LABEL_COLOURS = {
    "PERSON": "#ffe08a",
    "ORG": "#b9dcff",
    "GPE": "#c6efc0",
    "LOC": "#d5f5d0",
    "NORP": "#f6c9ef",
    "FAC": "#ffd1b3",
    "EVENT": "#e2d4ff",
}
OTHER_COLOUR = "#e4e6ea"
EVIDENCE_COLOUR = "#ffe08a"


def escape(text: str) -> str:
    """Corpus text for HTML: markup in an article shows as text, never runs."""
    return html.escape(text, quote=True)


def tone_colour(tone: float) -> str:
    if pd.isna(tone):
        return "#8a8f98"
    if tone >= POSITIVE_AT:
        return "#1a7f37"
    if tone <= NEGATIVE_AT:
        return "#c62828"
    return "#8a8f98"


@dataclass(frozen=True)
class Span:
    """A highlight: offsets into the text, the entity label, a tooltip."""

    start: int
    end: int
    label: str = ""
    title: str = ""


def highlight_html(text: str, spans: Iterable[Span], *, colour: str | None = None,
                   colours: dict[str, str] | None = None) -> str:
    """`text` as HTML with each span in a <mark>; overlapping spans keep the earlier one.

    The mark's colour: `colour` for all, else by the span's label in `colours` (default: the
    entity label colours)."""
    colours = LABEL_COLOURS if colours is None else colours
    pieces = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, position), min(span.end, len(text))
        if end <= start:
            continue
        background = colour or colours.get(span.label, OTHER_COLOUR)
        title = escape(span.title or span.label)
        pieces.append(escape(text[position:start]))
        pieces.append(
            f'<mark style="background:{background};padding:0 2px;border-radius:3px" '
            f'title="{title}">{escape(text[start:end])}</mark>'
        )
        position = end
    pieces.append(escape(text[position:]))
    return "".join(pieces).replace("\n", "<br>")


def evidence_html(evidence: pd.DataFrame) -> str:
    """Sentence evidence rows as a list: outlet, title, date, tone, the highlighted sentence."""
    items = []
    for row in evidence.itertuples(index=False):
        spans = [Span(start, end) for start, end in parse_highlights(row.highlights)]
        published = "" if pd.isna(row.published) else f" · {row.published:%Y-%m-%d}"
        items.append(
            '<li style="margin-bottom:0.6em">'
            f'<div style="font-size:0.85em;color:#555"><b>{escape(str(row.outlet))}</b> · '
            f"{escape(str(row.title))}{published} · "
            f'<span style="color:{tone_colour(row.tone)}">tone {row.tone:+.2f}</span></div>'
            f"<div>{highlight_html(str(row.sentence), spans, colour=EVIDENCE_COLOUR)}</div></li>"
        )
    return f'<ol style="padding-left:1.2em">{"".join(items)}</ol>'


def article_html(text: str, sentences: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """The whole article, sentence by sentence with a tone badge, entities marked by label.

    `sentences`: start, end, tone (article offsets); `mentions`: start, end, label, name.
    """
    pieces = []
    position = 0
    for sentence in sentences.sort_values("start").itertuples(index=False):
        if sentence.start < position:
            continue
        pieces.append(escape(text[position:sentence.start]).replace("\n", "<br>"))
        inside = mentions[(mentions["start"] < sentence.end) & (mentions["end"] > sentence.start)]
        spans = [
            Span(int(m.start) - sentence.start, int(m.end) - sentence.start, str(m.label),
                 f"{m.label}: {m.name}" if isinstance(m.name, str) else str(m.label))
            for m in inside.itertuples(index=False)
        ]
        body = highlight_html(text[sentence.start:sentence.end], spans)
        colour = tone_colour(sentence.tone)
        pieces.append(
            f'<span style="border-bottom:2px solid {colour}" title="tone {sentence.tone:+.2f}">'
            f"{body}</span>"
            f'<sup style="color:{colour};font-size:0.7em">&nbsp;{sentence.tone:+.2f}</sup>'
        )
        position = sentence.end
    pieces.append(escape(text[position:]).replace("\n", "<br>"))
    return f'<div style="line-height:1.7">{"".join(pieces)}</div>'


def legend_html(labels: Iterable[str]) -> str:
    marks = [
        f'<mark style="background:{LABEL_COLOURS.get(label, OTHER_COLOUR)};padding:0 4px;'
        f'border-radius:3px">{escape(label)}</mark>'
        for label in labels
    ]
    return " ".join(marks)


def side_by_side_html(left: tuple[str, str, list[Span]], right: tuple[str, str, list[Span]], *,
                      colours: dict[str, str]) -> str:
    """Two articles in two columns, each (heading, text, spans) with its spans marked."""
    columns = []
    for side, (heading, text, spans) in (("source", left), ("target", right)):
        columns.append(
            f'<div class="reuse-{side}"><div style="font-weight:600;margin-bottom:0.4em">'
            f"{escape(heading)}</div>"
            '<div style="max-height:640px;overflow:auto;line-height:1.6;padding-right:0.5em">'
            f"{highlight_html(text, spans, colours=colours)}</div></div>")
    return ('<div style="display:grid;grid-template-columns:1fr 1fr;gap:1.5em">'
            f"{''.join(columns)}</div>")
