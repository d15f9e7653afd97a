"""Character spans: what spaCy finds in a doc, and the sentences and mentions made of them.

spaCy gives sentence and entity spans (`doc_spans`); the segmenter (analysis.annotate.segments)
cuts the sentences at block ends and gives them kinds; `sentences_and_mentions` then numbers the
sentences and puts every mention in the sentence it starts in, cut at that sentence's end
(spaCy can let an entity run over a boundary).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from analysis.annotate.model import NAMED_LABELS
from analysis.annotate.segments import Segment, trim

Sentence = tuple[int, int, int, str, str]  # sentence_id, start, end, text, kind
Mention = tuple[int, int, int, str, str]  # sentence_id, start, end, text, label
Found = tuple[int, int, str]  # start, end, label: an entity span of spaCy's


def doc_spans(doc) -> tuple[list[tuple[int, int]], list[Found]]:
    """The doc's sentence spans and its entity spans of NAMED_LABELS, without surrounding
    whitespace, in character offsets into the doc's text."""
    text = doc.text
    sentences = [span for sent in doc.sents
                 if (span := trim(text, sent.start_char, sent.end_char))[0] < span[1]]
    entities = []
    for ent in doc.ents:
        if ent.label_ in NAMED_LABELS:
            start, end = trim(text, ent.start_char, ent.end_char)
            if start < end:
                entities.append((start, end, ent.label_))
    return sentences, entities


def sentences_and_mentions(text: str, segments: Sequence[Segment],
                           entities: Sequence[Found]) -> tuple[list[Sentence], list[Mention]]:
    """Numbered sentences, and every entity as a mention of the sentence it starts in, cut at
    that sentence's end."""
    sentences = [(i, s.start, s.end, text[s.start:s.end], s.kind) for i, s in enumerate(segments)]
    starts = [s.start for s in segments]
    mentions = []
    for start, end, label in entities:
        sentence_id = bisect.bisect_right(starts, start) - 1
        if sentence_id < 0 or start >= segments[sentence_id].end:
            continue  # whitespace between segments cannot start a name; an edge case of cuts
        end = min(end, segments[sentence_id].end)
        start, end = trim(text, start, end)
        if start < end:
            mentions.append((sentence_id, start, end, text[start:end], label))
    return sentences, mentions


def mention_spans(sentences: Sequence[Sentence],
                  mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Each mention's (start, end) inside its sentence's text."""
    return [(start - sentences[sentence_id][1], end - sentences[sentence_id][1])
            for sentence_id, start, end, _text, _label in mentions]
