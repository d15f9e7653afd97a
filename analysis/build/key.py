"""The build key: everything a store's tables depend on. A store whose manifest holds the key
of the current corpus, model, pipeline, gazetteer, aliases and code is current (a cache hit)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from analysis.annotate import package_version, pipeline_key, pipeline_settings
from analysis.places import GAZETTEER_VERSION

PACKAGE = Path(__file__).resolve().parents[1]  # analysis/


def file_hash(path: Path | None) -> str:
    if path is None or not Path(path).exists():
        return ""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


# stages that read a store and never shape one: the views come last in the data flow, and
# tests/test_layout.py holds every stage before them to not importing them
READ_ONLY_STAGES = ("views",)


def code_hash() -> str:
    """A hash of the code that makes a store's tables: every module of the analysis package
    but the views'.

    The corpus-wide steps (places, entities, tone, assembly) run on every build, cached
    annotations or not, and a change to their code must make an existing store stale, or an
    upgraded app would show tables the old code made. Every module counts, not a list of them
    that would go stale, except the views: an upgrade that changes only how the app reads its
    tables keeps every store (a rebuild from the annotation cache took 2 minutes for 5,129
    articles).
    """
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE)
        if name.parts[0] in READ_ONLY_STAGES:
            continue
        digest.update(name.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def corpus_files(source: Path) -> str | None:
    """What the file system says of the corpus, no content read: every file's path, size and
    modification time, hashed. An equal signature lets a build trust the corpus fingerprint it
    recorded (reading 37,554 articles to fingerprint them takes seconds); a different one means
    the contents are read and hashed again. None when there is no such file or folder."""
    source = Path(source)
    if source.is_file():
        found = [("", source.stat())]
    elif source.is_dir():
        found = [(os.path.relpath(os.path.join(folder, name), source),
                  os.stat(os.path.join(folder, name)))
                 for folder, _, names in os.walk(source) for name in names]
    else:
        return None
    digest = hashlib.sha256()
    for name, stat in sorted(found, key=lambda pair: pair[0]):
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


def build_key(fingerprint: str, *, model: str, aliases_path: Path | None, online: bool,
              pipeline: str | None = None, outlets_path: Path | None = None) -> dict:
    """Everything the tables depend on; equal keys mean equal tables."""
    return {
        "code": code_hash(),
        "corpus": fingerprint,
        "model": model,
        "model_version": package_version(model),
        "pipeline": pipeline or pipeline_key(pipeline_settings(model)),
        "gazetteer": GAZETTEER_VERSION,
        "aliases": file_hash(aliases_path),
        "online_geocoder": online,
        "outlets": file_hash(outlets_path),
    }
