"""A spaCy Doc as character spans: its sentences and its named-entity mentions."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from analysis.annotate.model import NAMED_LABELS

Sentence = tuple[int, int, int, str]  # sentence_id, start, end, text
Mention = tuple[int, int, int, str, str]  # sentence_id, start, end, text, label


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def doc_spans(doc) -> tuple[list[Sentence], list[Mention]]:
    """The doc's sentences and its mentions of NAMED_LABELS, without surrounding whitespace;
    each mention carries the id of the sentence it starts in."""
    text = doc.text
    sentences: list[Sentence] = []
    for sent in doc.sents:
        start, end = _strip_span(text, sent.start_char, sent.end_char)
        if start < end:
            sentences.append((len(sentences), start, end, text[start:end]))
    starts = [s[1] for s in sentences]
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        start, end = _strip_span(text, ent.start_char, ent.end_char)
        if start == end:
            continue
        sentence_id = max(bisect.bisect_right(starts, start) - 1, 0)
        mentions.append((sentence_id, start, end, text[start:end], ent.label_))
    return sentences, mentions


def mention_spans(sentences: Sequence[Sentence],
                  mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Each mention's (start, end) inside its sentence's text, clipped to the sentence (spaCy
    can let an entity run past a sentence boundary)."""
    spans = []
    for sentence_id, start, end, _text, _label in mentions:
        _, sent_start, sent_end, _ = sentences[sentence_id]
        length = sent_end - sent_start
        spans.append((min(max(start - sent_start, 0), length),
                      min(max(end - sent_start, 0), length)))
    return spans
