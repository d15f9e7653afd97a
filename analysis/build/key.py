"""The build key: everything a store's tables depend on. A store whose manifest holds the key
of the current corpus, model, pipeline, gazetteer, aliases and code is current (a cache hit)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from analysis.annotate import package_version, pipeline_key, pipeline_settings
from analysis.ingest import Corpus
from analysis.places import GAZETTEER_VERSION

PACKAGE = Path(__file__).resolve().parents[1]  # analysis/


def file_hash(path: Path | None) -> str:
    if path is None or not Path(path).exists():
        return ""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def code_hash() -> str:
    """A hash of the analysis package's code.

    The corpus-wide steps (places, entities, tone, assembly) run on every build, cached
    annotations or not, and a change to their code must make an existing store stale, or an
    upgraded app would show tables the old code made. Every module counts, not a list of them
    that would go stale: a rebuild from the annotation cache takes seconds.
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build_key(corpus: Corpus, *, model: str, aliases_path: Path | None, online: bool,
              pipeline: str | None = None, outlets_path: Path | None = None) -> dict:
    """Everything the tables depend on; equal keys mean equal tables."""
    return {
        "code": code_hash(),
        "corpus": corpus.fingerprint,
        "model": model,
        "model_version": package_version(model),
        "pipeline": pipeline or pipeline_key(pipeline_settings(model)),
        "gazetteer": GAZETTEER_VERSION,
        "aliases": file_hash(aliases_path),
        "online_geocoder": online,
        "outlets": file_hash(outlets_path),
    }
