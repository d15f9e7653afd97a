"""The unit of work of every engine: texts in, annotation records out.

spaCy finds each text's sentences and mentions (analysis.annotate.spans); VADER scores the
sentences and the targeted tone scorer each mention in its sentence (analysis.tone). A worker
process loads its models once (`worker_models`) and keeps them for every partition it runs.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

from analysis.annotate.model import load_nlp
from analysis.annotate.records import DOCS_SCHEMA, MENTIONS_SCHEMA, SENTENCES_SCHEMA, Records
from analysis.annotate.segments import segment
from analysis.annotate.spans import doc_spans, mention_spans, sentences_and_mentions
from analysis.tone import TargetedToneScorer, load_scorer, new_analyzer, score_sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Texts per nlp.pipe minibatch. Measured on 2 cores: 4 to 256 run at the same CPU words/s
# (about 11.6k per core for en_core_web_sm); 32 keeps a worker's memory small.
BATCH_SIZE = 32
# spaCy's memory grows with the length of one doc (about 3 GB per MB of text), so a long text
# goes to it in parts of at most PART_CHARS characters, and a batch holds about BATCH_CHARS.
PART_CHARS = 50_000
BATCH_CHARS = 100_000
SENTENCE_FIELDS = ("key", "sentence_id", "start", "end", "text", "kind")
MENTION_FIELDS = ("key", "sentence_id", "start", "end", "text", "label")


@dataclass(frozen=True)
class Models:
    """What annotating needs: the spaCy pipeline, VADER, the targeted tone scorer."""

    nlp: Language
    analyzer: SentimentIntensityAnalyzer
    scorer: TargetedToneScorer


def load_models(model: str | None = None) -> Models:
    analyzer = new_analyzer()
    return Models(load_nlp(model), analyzer, load_scorer(analyzer=analyzer))


def text_parts(text: str, limit: int = PART_CHARS) -> list[tuple[int, str]]:
    """(offset, part) of `text` in parts of at most `limit` characters, each cut at the last
    paragraph break before the limit, else a line break, a sentence end, a space, else at the
    limit itself."""
    parts, at = [], 0
    while len(text) - at > limit:
        window = text[at: at + limit]
        cut = next((window.rfind(mark) + len(mark) for mark in ("\n\n", "\n", ". ", " ")
                    if window.rfind(mark) > limit // 2), limit)
        parts.append((at, text[at: at + cut]))
        at += cut
    parts.append((at, text[at:]))
    return parts


def _batches(pieces: list[tuple[str, int, str]], batch_size: int):
    """Runs of pieces of at most `batch_size` texts and about BATCH_CHARS characters."""
    batch, size = [], 0
    for piece in pieces:
        if batch and (len(batch) >= batch_size or size + len(piece[2]) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[2])
    if batch:
        yield batch


def _spans(nlp, pairs: Sequence[tuple[str, str]], batch_size: int):
    """(key, sentences, mentions) per text, offsets into the whole text: long texts go to spaCy
    in parts (text_parts) and are stitched back; the sentences are cut at block ends and given
    their kinds (analysis.annotate.segments)."""
    pieces = [(key, offset, part) for key, text in pairs for offset, part in text_parts(text)]
    nlp.max_length = max(nlp.max_length, PART_CHARS + 1)
    found: dict[str, tuple[list, list]] = {key: ([], []) for key, _ in pairs}
    for batch in _batches(pieces, batch_size):
        docs = nlp.pipe([part for _, _, part in batch], batch_size=len(batch))
        for (key, offset, _), doc in zip(batch, docs, strict=True):
            sentences, entities = found[key]
            part_sentences, part_entities = doc_spans(doc)
            sentences += [(start + offset, end + offset) for start, end in part_sentences]
            entities += [(start + offset, end + offset, label)
                         for start, end, label in part_entities]
    for key, text in pairs:
        sentences, entities = found.pop(key)
        yield key, *sentences_and_mentions(text, segment(text, sentences), entities)


def annotate_texts(pairs: Sequence[tuple[str, str]], *, models: Models,
                   batch_size: int = BATCH_SIZE) -> Records:
    """Records of (key, text) pairs: sentences with their kind and VADER scores, mentions with
    their entity-targeted tone."""
    docs: dict[str, list] = {"key": [], "n_sentences": [], "n_mentions": []}
    sentences: dict[str, list] = {name: [] for name in SENTENCE_FIELDS}
    mentions: dict[str, list] = {name: [] for name in MENTION_FIELDS}
    target_sentences: list[str] = []  # the sentence of every mention, for one scorer call
    target_spans: list[tuple[int, int]] = []
    for key, sents, ments in _spans(models.nlp, pairs, batch_size):
        docs["key"].append(key)
        docs["n_sentences"].append(len(sents))
        docs["n_mentions"].append(len(ments))
        for row in sents:
            for column, value in zip(SENTENCE_FIELDS, (key, *row), strict=True):
                sentences[column].append(value)
        target_spans.extend(mention_spans(sents, ments))
        for row in ments:
            target_sentences.append(sents[row[0]][3])
            for column, value in zip(MENTION_FIELDS, (key, *row), strict=True):
                mentions[column].append(value)
    sentences.update(score_sentences(sentences["text"], analyzer=models.analyzer))
    # one call per partition: the scorer's matrix products pay off over many targets
    scores, labels = (models.scorer.score_and_label(target_sentences, target_spans)
                      if target_spans else ([], []))
    mentions["tone"], mentions["tone_label"] = list(scores), labels
    return Records(pa.table(docs, schema=DOCS_SCHEMA),
                   pa.table(sentences, schema=SENTENCES_SCHEMA),
                   pa.table(mentions, schema=MENTIONS_SCHEMA))


# -- one set of models per worker process --------------------------------------------------------

_MODELS: dict[str, Models] = {}
_MODELS_LOCK = threading.Lock()


def worker_models(model: str, *, loaded: Models | None = None) -> Models:
    """This process's models for `model`: `loaded` when given and none are kept yet, else
    loaded on first use; kept for every later partition."""
    with _MODELS_LOCK:
        if model not in _MODELS:
            _MODELS[model] = loaded or load_models(model)
        return _MODELS[model]


def annotate_partition(pairs: Sequence[tuple[str, str]], *, model: str,
                       batch_size: int | None = None) -> Records:
    """The task every worker process runs: records of one partition, with its own models."""
    return annotate_texts(pairs, models=worker_models(model), batch_size=batch_size or BATCH_SIZE)
