"""The build: a corpus becomes the five tables, saved as a store.

    corpus -> annotate (spaCy) -> canonical entities, sentence tone, places -> Tables -> store

`build_store` is what the CLI and the dashboard call; an unchanged corpus built with the same
pipeline is a cache hit that loads no model at all.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from analysis import nlp as nlp_mod
from analysis import store
from analysis.corpus import Corpus, load_corpus
from analysis.entities import canonicalise, load_aliases
from analysis.gazetteer import GAZETTEER_VERSION, load_gazetteer
from analysis.places import resolve_places
from analysis.schemas import Tables
from analysis.tone import article_tone, new_analyzer, score_texts

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / "data" / "corpus"
DEFAULT_ALIASES = REPO_ROOT / "data" / "aliases.csv"

# progress(stage, done, total)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Resources:
    """The heavy, reusable parts of a build: load once, pass in (the app caches these)."""

    nlp: object
    gazetteer: object
    analyzer: object
    geocoder: object | None = None


def load_resources(*, model: str | None = None, geocoder: object | None = None) -> Resources:
    return Resources(
        nlp=nlp_mod.load_nlp(model),
        gazetteer=load_gazetteer(),
        analyzer=new_analyzer(),
        geocoder=geocoder,
    )


@dataclass(frozen=True)
class BuildResult:
    tables: Tables
    manifest: dict
    cached: bool


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def _file_hash(path: Path | None) -> str:
    if path is None or not Path(path).exists():
        return ""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def build_key(corpus: Corpus, *, model: str, aliases_path: Path | None, online: bool) -> dict:
    """Everything the tables depend on; equal keys mean equal tables."""
    return {
        "corpus": corpus.fingerprint,
        "model": model,
        "model_version": nlp_mod.model_version(model),
        "gazetteer": GAZETTEER_VERSION,
        "aliases": _file_hash(aliases_path),
        "online_geocoder": online,
    }


def build_tables(
    corpus: Corpus,
    *,
    resources: Resources,
    aliases: dict[str, str] | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> Tables:
    """Annotate, enrich and assemble the tables of `corpus`."""
    articles = corpus.articles.copy()
    total = len(articles)
    done = 0

    def on_done(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress("annotate", done, total)

    annotations = nlp_mod.annotate(
        zip(articles["article_id"], articles["text"], strict=True),
        nlp=resources.nlp,
        n_process=n_process,
        batch_size=batch_size,
        on_done=on_done,
    )
    sentences, mentions = nlp_mod.annotation_frames(annotations)

    if progress is not None:
        progress("tone", 0, 1)
    scores = score_texts(sentences["text"], analyzer=resources.analyzer)
    sentences = pd.concat([sentences, scores], axis=1)
    articles["tone"] = articles["article_id"].map(article_tone(sentences))
    articles["n_sentences"] = (
        articles["article_id"].map(sentences.groupby("article_id").size()).fillna(0)
    )

    if progress is not None:
        progress("places", 0, 1)
    mentions["place_id"], places = resolve_places(
        mentions, gazetteer=resources.gazetteer, geocoder=resources.geocoder
    )

    if progress is not None:
        progress("entities", 0, 1)
    mentions["entity_id"], entities = canonicalise(
        mentions,
        outlets=articles.set_index("article_id")["outlet"],
        aliases=aliases,
        place_names=places.set_index("place_id")["name"],
    )
    return Tables.conformed(
        articles=articles,
        sentences=sentences,
        mentions=mentions,
        entities=entities,
        places=places,
        rejects=corpus.rejects,
    )


def build_store(
    source: Path,
    store_dir: Path,
    *,
    resources: Callable[[], Resources] = load_resources,
    model: str | None = None,
    aliases_path: Path | None = DEFAULT_ALIASES,
    n_process: int | None = None,
    force: bool = False,
    online_geocoder: bool = False,
    progress: Progress | None = None,
    corpus: Corpus | None = None,
) -> BuildResult:
    """Build `source` into `store_dir`, or load the store when it is current.

    `resources` is called only when a build is needed, so a cache hit loads no model.
    """
    started = time.perf_counter()
    corpus = corpus if corpus is not None else load_corpus(Path(source))
    model_name = nlp_mod.model_name(model)
    key = build_key(corpus, model=model_name, aliases_path=aliases_path, online=online_geocoder)
    if not force and store.is_current(store_dir, build_key=key):
        return BuildResult(store.load(store_dir), store.read_manifest(store_dir), cached=True)

    res = resources()
    words = int(corpus.articles["n_words"].sum())
    workers = n_process or (default_workers() if words > 50_000 else 1)
    tables = build_tables(
        corpus,
        resources=res,
        aliases=load_aliases(aliases_path),
        n_process=workers,
        progress=progress,
    )
    seconds = time.perf_counter() - started
    manifest = {
        "build_key": key,
        "source": str(source),
        "model": {"name": model_name, "version": key["model_version"]},
        "gazetteer": GAZETTEER_VERSION,
        "corpus_fingerprint": corpus.fingerprint,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "n_process": workers,
        "words": words,
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "rows": {name: len(df) for name, df in tables.items()},
    }
    if progress is not None:
        progress("save", 0, 1)
    manifest = store.save(tables, store_dir, manifest=manifest)
    return BuildResult(tables, manifest, cached=False)
