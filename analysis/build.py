"""The build: a corpus becomes the five tables, saved as a store.

    corpus -> annotate (spaCy + VADER + targeted tone, per article, cached)
    -> canonical entities, places, article tone -> Tables -> store

`build_store` is what the CLI and the dashboard call. An unchanged corpus built with the same
pipeline is a store hit that loads no model at all. Otherwise each article's text is looked up
in the annotation cache (analysis.annotation_cache, keyed by the text's sha256 and the pipeline
key); only the texts it lacks go to an engine (analysis.engines: this process, a local process
pool, or a Dask cluster), and the corpus-wide steps (canonical entities, place disambiguation,
aggregates) run again over all the cached mentions. Changing one article re-annotates that
article alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import nlp as nlp_mod
from analysis import store
from analysis.annotate import PrefetchedCache, Progress, annotate_corpus, article_keys
from analysis.annotation_cache import AnnotationCache, pipeline_key
from analysis.build_key import build_key
from analysis.corpus import Corpus, load_corpus
from analysis.engines import DaskEngine, LocalEngine
from analysis.entities import canonicalise
from analysis.entitynames import load_aliases
from analysis.gazetteer import GAZETTEER_VERSION, load_gazetteer
from analysis.places import resolve_places
from analysis.records import Records
from analysis.schemas import Tables
from analysis.targeted_tone import load_scorer
from analysis.tone import SCORER as SENTENCE_SCORER
from analysis.tone import article_tone, new_analyzer

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / "data" / "corpus"
DEFAULT_ALIASES = REPO_ROOT / "data" / "aliases.csv"

# Below this many words to annotate, one process: starting workers would cost more than it saves.
POOL_MIN_WORDS = 50_000
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Resources:
    """The heavy, reusable parts of a build: load once, pass in (the app caches these)."""

    nlp: object
    gazetteer: object
    analyzer: object
    geocoder: object | None = None
    scorer: object | None = None  # targeted tone; None: loaded where the annotating runs


def load_resources(*, model: str | None = None, geocoder: object | None = None) -> Resources:
    analyzer = new_analyzer()
    return Resources(
        nlp=nlp_mod.load_nlp(model),
        gazetteer=load_gazetteer(),
        analyzer=analyzer,
        geocoder=geocoder,
        scorer=load_scorer(analyzer=analyzer),
    )


@dataclass(frozen=True)
class BuildResult:
    tables: Tables
    manifest: dict
    cached: bool


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


@dataclass
class Timer:
    """Seconds per build stage, for the manifest and the benchmarks' profile."""

    seconds: dict[str, float] = field(default_factory=dict)
    _last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self._last = now


def _attach(table: pa.Table, order: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Record rows (keyed by text) as rows of the articles in `order` (article_id, key),
    sorted by article position, then by `by`: the same order whichever engine made them."""
    keys = pa.array(order["key"].tolist(), pa.string())
    if order["key"].is_unique:
        pos = pc.index_in(table.column("key"), value_set=keys)
        table = table.filter(pc.is_valid(pos))
        pos = pc.drop_null(pos).to_numpy()
    else:  # one text in several articles (a wire story run by two outlets): one copy each
        positions = pa.table({"key": keys, "_pos": np.arange(len(order))})
        table = table.join(positions, "key", join_type="inner")
        pos = table.column("_pos").to_numpy()
        table = table.drop_columns(["_pos"])
    # np.lexsort sorts by its last key first: article position, then `by` in order
    sort = np.lexsort((*(table.column(col).to_numpy() for col in reversed(by)), pos))
    table = table.take(pa.array(sort)).drop_columns(["key"])
    article_ids = pa.array(order["article_id"].to_numpy(dtype=object)[pos[sort]], pa.string())
    table = table.add_column(0, "article_id", article_ids)
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)


def assemble(
    corpus: Corpus,
    keys: list[str],
    records: Records,
    *,
    gazetteer,
    geocoder=None,
    aliases: dict[str, str] | None = None,
    progress: Progress | None = None,
    timer: Timer | None = None,
) -> Tables:
    """The corpus-wide steps over all records: article tone, places, canonical entities."""
    timer = timer or Timer()
    articles = corpus.articles.copy()
    order = pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "key": keys})
    sentences = _attach(records.sentences, order, ["sentence_id"])
    mentions = _attach(records.mentions, order, ["sentence_id", "start"])
    timer.lap("assemble")

    if progress is not None:
        progress("tone", 0, 1)
    articles["tone"] = articles["article_id"].map(article_tone(sentences))
    articles["n_sentences"] = (
        articles["article_id"].map(sentences.groupby("article_id").size()).fillna(0)
    )
    timer.lap("tone")

    if progress is not None:
        progress("places", 0, 1)
    mentions["place_id"], places = resolve_places(mentions, gazetteer=gazetteer,
                                                  geocoder=geocoder)
    timer.lap("places")

    if progress is not None:
        progress("entities", 0, 1)
    mentions["entity_id"], entities = canonicalise(
        mentions,
        outlets=articles.set_index("article_id")["outlet"],
        aliases=aliases,
        place_names=places.set_index("place_id")["name"],
    )
    timer.lap("entities")
    tables = Tables.conformed(
        articles=articles,
        sentences=sentences,
        mentions=mentions,
        entities=entities,
        places=places,
        rejects=corpus.rejects,
    )
    timer.lap("conform")
    return tables


def build_tables(
    corpus: Corpus,
    *,
    resources: Resources,
    aliases: dict[str, str] | None = None,
    n_process: int = 1,
    batch_size: int | None = None,
    progress: Progress | None = None,
    cache: AnnotationCache | None = None,
    engine=None,
) -> Tables:
    """Annotate (through `cache`, when given), enrich and assemble the tables of `corpus`."""
    keys = article_keys(corpus.articles)
    if engine is None:
        name = nlp_mod.model_name(None)
        engine = LocalEngine(model=name, n_process=n_process, nlp=resources.nlp,
                             analyzer=resources.analyzer, scorer=resources.scorer,
                             batch_size=batch_size)
    records, _ = annotate_corpus(corpus.articles, keys, engine=engine, cache=cache,
                                 progress=progress)
    return assemble(corpus, keys, records, gazetteer=resources.gazetteer,
                    geocoder=resources.geocoder, aliases=aliases, progress=progress)


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
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | bool | None = None,
    batch_size: int | None = None,
) -> BuildResult:
    """Build `source` into `store_dir`, or load the store when it is current.

    `resources` is called only when a build is needed, so a store hit loads no model; with the
    default `load_resources`, the model is loaded only when some text is not in the
    annotation cache and this process annotates it.

    engine: "local" (this machine; `n_process` worker processes, default: all cores for a
    large corpus) or "dask" (`scheduler` "tcp://host:8786" for an existing cluster, else a
    LocalCluster of `n_process` workers). A `scheduler` implies "dask". Both give the same
    tables. cache_dir: the annotation cache root (None: the default, False: no cache).
    """
    timer = Timer()
    started = time.perf_counter()
    corpus = corpus if corpus is not None else load_corpus(Path(source))
    model_name = nlp_mod.model_name(model)
    settings = nlp_mod.pipeline_settings(model_name)
    pipeline = pipeline_key(settings)
    key = build_key(corpus, model=model_name, aliases_path=aliases_path, online=online_geocoder,
                    pipeline=pipeline)
    if not force and store.is_current(store_dir, build_key=key):
        return BuildResult(store.load(store_dir), store.read_manifest(store_dir), cached=True)
    timer.lap("load corpus")

    engine = "dask" if scheduler else engine
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    cache = (None if cache_dir is False else
             AnnotationCache(None if cache_dir in (None, True) else Path(cache_dir), pipeline,
                             settings=settings))
    keys = article_keys(corpus.articles)
    words = int(corpus.articles["n_words"].sum())

    # what must be annotated decides what must be loaded
    found, missing = (cache.lookup(dict.fromkeys(keys)) if cache is not None
                      else (Records.empty(), list(dict.fromkeys(keys))))
    missing_set = set(missing)
    missing_words = int(corpus.articles["n_words"].to_numpy()[
        [k in missing_set for k in keys]].sum()) if missing else 0
    timer.lap("cache lookup")
    workers = n_process or (default_workers() if missing_words > POOL_MIN_WORDS else 1)
    in_process = engine == "local" and workers == 1 and bool(missing)
    if resources is load_resources:
        analyzer = new_analyzer()
        res = Resources(nlp=nlp_mod.load_nlp(model_name) if in_process else None,
                        gazetteer=load_gazetteer(), analyzer=analyzer,
                        scorer=load_scorer(analyzer=analyzer) if in_process else None)
    else:
        res = resources()
    timer.lap("load resources")

    if engine == "dask":
        runner = DaskEngine(model=model_name, scheduler=scheduler, n_workers=n_process,
                            batch_size=batch_size)
    else:
        runner = LocalEngine(model=model_name, n_process=workers, nlp=res.nlp,
                             analyzer=res.analyzer, scorer=res.scorer,
                             batch_size=batch_size)
    prefetched = PrefetchedCache(cache, found, missing) if cache is not None else None
    records, counts = annotate_corpus(corpus.articles, keys, engine=runner, cache=prefetched,
                                      progress=progress)
    timer.lap("annotate")
    tables = assemble(corpus, keys, records, gazetteer=res.gazetteer, geocoder=res.geocoder,
                      aliases=load_aliases(aliases_path), progress=progress, timer=timer)
    seconds = time.perf_counter() - started
    manifest = {
        "build_key": key,
        "source": str(source),
        "model": {"name": model_name, "version": key["model_version"]},
        "gazetteer": GAZETTEER_VERSION,
        # which scorer made which tone: sentences (and articles, outlets) and mentions
        "tone_scorers": {"sentence": SENTENCE_SCORER,
                         "entity": settings["targeted_tone"]["name"]},
        "corpus_fingerprint": corpus.fingerprint,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "n_process": workers if engine == "local" else None,
        "engine": runner.describe(),
        "annotation_cache": {"dir": str(cache.dir) if cache is not None else None, **counts},
        "words": words,
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "rows": {name: len(df) for name, df in tables.items()},
    }
    if progress is not None:
        progress("save", 0, 1)
    manifest = store.save(tables, store_dir, manifest=manifest)
    timer.lap("save")
    manifest["stage_seconds"] = timer.seconds
    return BuildResult(tables, manifest, cached=False)
