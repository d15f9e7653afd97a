"""The build: a corpus becomes the tables, saved as a store.

    corpus -> annotate (spaCy + VADER + targeted tone, per article, cached)
    -> canonical entities, places, article tone, quotes and citations -> reuse, duplicates
    -> Tables -> store

`build_store` is what the CLI and the dashboard call. An unchanged corpus built with the same
pipeline is a store hit that loads nothing. Otherwise the annotation cache is asked for a plan
(the records it has, the texts it lacks); only the missing texts go to an engine (this
process, a local process pool, or a Dask cluster), and the models are loaded only when this
process annotates. The corpus-wide steps (canonical entities, place disambiguation, aggregates)
then run again over all the records: changing one article re-annotates that article alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from analysis.annotate import (
    AnnotationCache,
    Progress,
    annotate_corpus,
    article_keys,
    default_workers,
    make_engine,
    model_name,
    pipeline_key,
    pipeline_settings,
    plan_without_cache,
)
from analysis.build.assemble import Timer, assemble
from analysis.build.key import build_key, corpus_files
from analysis.build.resources import Resources
from analysis.entities import load_aliases
from analysis.ingest import Corpus, load_corpus, load_outlets
from analysis.places import GAZETTEER_VERSION
from analysis.reuse import DaskReuse, LocalReuse, PairCache, duplicates_table, find_reuse
from analysis.reuse import namespace as reuse_namespace
from analysis.settings import REPO_ROOT
from analysis.tables import (
    StoreError,
    Tables,
    is_current,
    load_store,
    read_manifest,
    save_store,
    update_manifest,
)
from analysis.tone import SCORER as SENTENCE_SCORER

DEFAULT_ALIASES = REPO_ROOT / "data" / "aliases.csv"
DEFAULT_OUTLETS = REPO_ROOT / "data" / "outlets.csv"  # outlet -> group, country, kind

# Below this many words to annotate, one process: starting workers would cost more than it saves.
POOL_MIN_WORDS = 50_000
# Below this many characters, the reuse pass runs in this process (a few seconds at most).
REUSE_POOL_MIN_CHARS = 5_000_000


def reuse_workers(articles) -> int:
    return default_workers() if int(articles["n_chars"].sum()) > REUSE_POOL_MIN_CHARS else 1


@dataclass(frozen=True)
class BuildResult:
    """A build's manifest and tables. The tables of a store that was already current are read
    when first asked for: the app only needs the manifest, and a big store's tables with their
    texts are gigabytes."""

    manifest: dict
    cached: bool
    store_dir: Path
    built: Tables | None = field(default=None, repr=False)

    @cached_property
    def tables(self) -> Tables:
        return self.built if self.built is not None else load_store(self.store_dir)


def build_store(
    source: Path,
    store_dir: Path,
    *,
    resources: Resources | None = None,
    model: str | None = None,
    aliases_path: Path | None = DEFAULT_ALIASES,
    n_process: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    corpus: Corpus | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | bool | None = None,
    batch_size: int | None = None,
    outlets_path: Path | None = DEFAULT_OUTLETS,
) -> BuildResult:
    """Build `source` into `store_dir`, or load the store when it is current.

    `resources` (spaCy and the tone scorers, the gazetteer, an optional online geocoder) are
    loaded on first use only: a store hit loads nothing, and the models load only when this
    process annotates some text the annotation cache lacks. Default: a fresh `Resources`.

    engine: "local" (this machine; `n_process` worker processes, default: all cores for a
    large corpus) or "dask" (`scheduler` "tcp://host:8786" for an existing cluster, else a
    LocalCluster of `n_process` workers). A `scheduler` implies "dask". Both give the same
    tables. cache_dir: the annotation cache root (None: the default, False: no cache).
    outlets_path: the user's outlet groups (analysis.ingest.groups), None for none.
    """
    timer = Timer()
    started = time.perf_counter()
    resources = resources or Resources(model=model)
    chosen_model = model_name(model or resources.model)
    settings = pipeline_settings(chosen_model)
    pipeline = pipeline_key(settings)

    def key_of(fingerprint: str) -> dict:
        return build_key(fingerprint, model=chosen_model, aliases_path=aliases_path,
                         online=resources.geocoder is not None, pipeline=pipeline,
                         outlets_path=outlets_path)

    files = corpus_files(Path(source)) if corpus is None else None
    recorded = _recorded(store_dir)
    if (not force and files is not None and recorded.get("corpus_files") == files
            and is_current(store_dir, build_key=key_of(recorded.get("corpus_fingerprint")))):
        return BuildResult(read_manifest(store_dir), cached=True, store_dir=Path(store_dir))
    corpus = corpus if corpus is not None else load_corpus(Path(source))
    key = key_of(corpus.fingerprint)
    if not force and is_current(store_dir, build_key=key):
        # the same contents under new file times (a copy, a checkout): remember the new times
        if files is not None:
            update_manifest(store_dir, corpus_files=files)
        return BuildResult(read_manifest(store_dir), cached=True, store_dir=Path(store_dir))
    timer.lap("load corpus")

    cache = (None if cache_dir is False else
             AnnotationCache(None if cache_dir in (None, True) else Path(cache_dir), pipeline,
                             settings=settings))
    keys = article_keys(corpus.articles)
    plan = cache.plan(keys) if cache is not None else plan_without_cache(keys)
    missing = set(plan.missing)
    n_words = corpus.articles["n_words"].to_numpy()
    missing_words = int(sum(w for k, w in zip(keys, n_words, strict=True) if k in missing))
    timer.lap("cache lookup")

    engine = "dask" if scheduler else engine
    workers = n_process or (default_workers() if missing_words > POOL_MIN_WORDS else 1)
    in_process = engine == "local" and workers == 1 and bool(missing)
    runner = make_engine(engine, model=chosen_model, scheduler=scheduler,
                         n_process=workers if engine == "local" else n_process,
                         models=resources.models() if in_process else None,
                         batch_size=batch_size)
    timer.lap("load models")
    records, counts = annotate_corpus(corpus.articles, keys, plan=plan, engine=runner,
                                      cache=cache, progress=progress)
    timer.lap("annotate")
    gazetteer = resources.gazetteer()
    timer.lap("load gazetteer")
    tables = assemble(corpus, keys, records, gazetteer=gazetteer, geocoder=resources.geocoder,
                      aliases=load_aliases(aliases_path), listed=load_outlets(outlets_path),
                      progress=progress, timer=timer)
    reuse_engine = (DaskReuse(scheduler=scheduler, n_workers=n_process) if engine == "dask"
                    else LocalReuse(n_process=n_process or reuse_workers(corpus.articles)))
    reuse_cache = None if cache is None else PairCache(cache.root, reuse_namespace(pipeline))
    with reuse_engine:
        tables = replace(tables, reuse=find_reuse(
            tables.articles, sentences=tables.sentences, mentions=tables.mentions,
            engine=reuse_engine, cache=reuse_cache, progress=progress))
    timer.lap("reuse")
    tables = replace(tables, duplicates=duplicates_table(tables.articles))
    timer.lap("duplicates")
    seconds = time.perf_counter() - started
    words = int(n_words.sum())
    manifest = {
        "build_key": key,
        "source": str(source),
        # the corpus as an absolute path, so the app can find it from anywhere (uploads: None)
        "source_path": str(Path(source).resolve()) if Path(source).exists() else None,
        "model": {"name": chosen_model, "version": key["model_version"]},
        "gazetteer": GAZETTEER_VERSION,
        # which scorer made which tone: sentences (and articles, outlets) and mentions
        "tone_scorers": {"sentence": SENTENCE_SCORER,
                         "entity": settings["targeted_tone"]["name"]},
        "corpus_fingerprint": corpus.fingerprint,
        "corpus_files": files,  # sizes and times of the corpus files: see key.corpus_files
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "n_process": workers if engine == "local" else None,
        "engine": runner.describe(),
        "reuse_engine": reuse_engine.describe(),
        "annotation_cache": {"dir": str(cache.dir) if cache is not None else None, **counts},
        "words": words,
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "rows": {name: len(df) for name, df in tables.items()},
    }
    if progress is not None:
        progress("save", 0, 1)
    manifest = save_store(tables, store_dir, manifest=manifest)
    timer.lap("save")
    manifest["stage_seconds"] = timer.seconds
    return BuildResult(manifest, cached=False, store_dir=Path(store_dir), built=tables)


def _recorded(store_dir: Path) -> dict:
    """The store's manifest as it is (checksums unchecked), or {} when there is none."""
    try:
        return read_manifest(store_dir)
    except (StoreError, OSError):
        return {}
