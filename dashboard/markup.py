"""HTML for article text with highlights, built from offsets (no Streamlit here).

Article text is untrusted: every piece of text is escaped on its own with
`escape`, and only then are the <mark> tags put around the escaped pieces,
so markup inside an article always shows as text.
"""

from __future__ import annotations

import html
import itertools
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
# spaCy's label names in words, for readers who do not know the OntoNotes scheme.
LABEL_MEANINGS = {
    "PERSON": "people",
    "ORG": "organisations: companies, agencies, institutions",
    "GPE": "countries, cities, states",
    "LOC": "other places: regions, mountains, seas",
    "NORP": "nationalities, religious and political groups",
    "FAC": "buildings, airports, roads, bridges",
    "EVENT": "named events: wars, storms, summits",
}
EVIDENCE_COLOUR = "#ffe08a"
# a quote's parts: what was said, who said it, the word of saying
QUOTE_COLOURS = {"content": "#fff1a8", "speaker": "#b9dcff", "cue": "#c6efc0"}
QUOTED_STYLE = "background:#fff6cc;font-style:italic"  # quoted words in a whole article


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
                   colours: dict[str, str] | None = None,
                   quoted: Iterable[tuple[int, int]] = ()) -> str:
    """`text` as HTML with each span in a <mark>; overlapping spans keep the earlier one.

    A span's colour is `colour`, else `colours` (or LABEL_COLOURS) by its label. Text inside
    a `quoted` range is set in QUOTED_STYLE as well (marks inside it kept).
    """
    colours = colours or LABEL_COLOURS
    marks = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, position), min(span.end, len(text))
        if end > start:
            marks.append((start, end, span))
            position = end
    quoted = sorted((max(s, 0), min(e, len(text))) for s, e in quoted if e > s)
    cuts = sorted({0, len(text), *(p for s, e, _ in marks for p in (s, e)),
                   *(p for s, e in quoted for p in (s, e))})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        mark = next((span for s, e, span in marks if s <= start and end <= e), None)
        if mark is not None:
            background = colour or colours.get(mark.label, OTHER_COLOUR)
            piece = (f'<mark style="background:{background};padding:0 2px;border-radius:3px" '
                     f'title="{escape(mark.title or mark.label)}">{piece}</mark>')
        if any(s <= start and end <= e for s, e in quoted):
            piece = f'<span style="{QUOTED_STYLE}">{piece}</span>'
        pieces.append(piece)
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


def article_html(text: str, sentences: pd.DataFrame, mentions: pd.DataFrame,
                 quoted: Iterable[tuple[int, int]] = ()) -> str:
    """The whole article, sentence by sentence with a tone badge, entities marked by label,
    the content of its quotes (`quoted`, article offsets) in QUOTED_STYLE; a headline,
    dateline, caption or credit line is set in grey italics with its kind instead, as it does
    not count for tone.

    `sentences`: start, end, tone, kind (article offsets); `mentions`: start, end, label, name.
    """
    quoted = list(quoted)
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
        inside = [(s - sentence.start, e - sentence.start) for s, e in quoted
                  if s < sentence.end and e > sentence.start]
        body = highlight_html(text[sentence.start:sentence.end], spans, quoted=inside)
        position = sentence.end
        if sentence.kind != "body":
            pieces.append(f'<span style="color:#6b7785;font-style:italic" '
                          f'title="{escape(sentence.kind)}: not counted for tone">{body}</span>'
                          f'<sup style="color:#6b7785;font-size:0.7em">&nbsp;'
                          f'{escape(sentence.kind)}</sup>')
            continue
        colour = tone_colour(sentence.tone)
        pieces.append(
            f'<span style="border-bottom:2px solid {colour}" title="tone {sentence.tone:+.2f}">'
            f"{body}</span>"
            f'<sup style="color:{colour};font-size:0.7em">&nbsp;{sentence.tone:+.2f}</sup>'
        )
    pieces.append(escape(text[position:]).replace("\n", "<br>"))
    return f'<div style="line-height:1.7">{"".join(pieces)}</div>'


def quotes_html(quotes: pd.DataFrame) -> str:
    """Quote rows (analysis.views.sources.quote_list) as a list: outlet, title, date, speaker,
    kind and tone, then the context with the content, the speaker and the cue marked."""
    items = []
    for row in quotes.itertuples(index=False):
        spans = [Span(s, e, label, label) for label, value in (
            ("content", row.content), ("speaker", row.speaker_span), ("cue", row.cue_span))
            for s, e in parse_highlights(value)]
        published = "" if pd.isna(row.published) else f" · {row.published:%Y-%m-%d}"
        speaker = "no speaker" if pd.isna(row.speaker) else str(row.speaker)
        tone = "" if pd.isna(row.tone) else (
            f' · <span style="color:{tone_colour(row.tone)}">tone {row.tone:+.2f}</span>')
        items.append(
            '<li style="margin-bottom:0.6em">'
            f'<div style="font-size:0.85em;color:#555"><b>{escape(str(row.outlet))}</b> · '
            f"{escape(str(row.title))}{published} · <b>{escape(speaker)}</b> · "
            f"{escape(str(row.kind))}{tone}</div>"
            f"<div>{highlight_html(str(row.sentence), spans, colours=QUOTE_COLOURS)}</div></li>"
        )
    return f'<ol style="padding-left:1.2em">{"".join(items)}</ol>'


def quote_legend_html() -> str:
    return " ".join(
        f'<mark style="background:{colour};padding:0 4px;border-radius:3px">{escape(name)}</mark>'
        for name, colour in (("what was said", QUOTE_COLOURS["content"]),
                             ("speaker", QUOTE_COLOURS["speaker"]),
                             ("cue", QUOTE_COLOURS["cue"])))


def legend_html(labels: Iterable[str]) -> str:
    """Each label's colour, with what the label means in words where it is a known one."""
    marks = [
        f'<mark style="background:{LABEL_COLOURS.get(label, OTHER_COLOUR)};padding:0 4px;'
        f'border-radius:3px">{escape(label)}</mark>'
        + (f" {escape(LABEL_MEANINGS[label])}" if label in LABEL_MEANINGS else "")
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
