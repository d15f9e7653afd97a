"""Engines: who runs spaCy + the tone scorers over the texts a build has not annotated before.

Every engine cuts the (key, text) pairs into the same partitions and runs the same function,
`annotate_partition`, on each, so all engines produce the same records (spaCy's output does not
depend on how texts are batched; the build sorts records into corpus order afterwards).

- `LocalEngine(n_process=1)`: in this process, with the model the caller loaded.
- `LocalEngine(n_process=N)`: a pool of N worker processes, each holding the model once
  (inherited through fork when this process is single-threaded, else loaded by each worker).
  The workers also compute the VADER scores and the targeted tone of every mention (each
  worker loads the targeted tone scorer once, like the model); this process only collects
  Arrow tables, so it stays almost idle and the cores go to spaCy.
- `DaskEngine(scheduler=...)`: the partitions are tasks on an existing Dask cluster;
  `DaskEngine(n_workers=N)` starts a LocalCluster of N single-threaded worker processes.
  Each worker loads the model once (a per-process cache keyed by model name) and returns the
  partition's records; this process writes them as Parquet shards into the annotation cache
  and the build merges them. Workers need the packages of requirements.txt (spaCy, the
  model, vaderSentiment, numpy, pyarrow); this package's own code and the targeted tone
  model file are uploaded to the cluster's workers (`Client.upload_file`), so they run
  exactly the client's version of them.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from analysis.records import Records

# Partitions hold about this many characters (about 10 articles of the AllSides corpus): small
# enough that the last partitions do not leave a core idle for long, large enough that sending
# them costs nothing next to spaCy (about 1 s of CPU each).
PARTITION_CHARS = 60_000
PARTITION_MAX_TEXTS = 64

OnRecords = Callable[[Records], None]


def partitions(pairs: Sequence[tuple[str, str]], *, max_chars: int | None = None,
               max_texts: int | None = None) -> list[list[tuple[str, str]]]:
    """Consecutive runs of (key, text) pairs of about `max_chars` characters each."""
    max_chars = max_chars or PARTITION_CHARS
    max_texts = max_texts or PARTITION_MAX_TEXTS
    out: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    size = 0
    for pair in pairs:
        if current and (size + len(pair[1]) > max_chars or len(current) >= max_texts):
            out.append(current)
            current, size = [], 0
        current.append(pair)
        size += len(pair[1])
    if current:
        out.append(current)
    return out


# -- the worker side: one model per process ----------------------------------------------------

_MODELS: dict[str, tuple[object, object, object]] = {}
_MODELS_LOCK = threading.Lock()


def worker_resources(model: str) -> tuple[object, object, object]:
    """(nlp, VADER analyzer, targeted tone scorer) of this process, loaded on first use and
    kept."""
    with _MODELS_LOCK:
        if model not in _MODELS:
            from analysis.nlp import load_nlp
            from analysis.targeted_tone import load_scorer
            from analysis.tone import new_analyzer

            analyzer = new_analyzer()
            _MODELS[model] = (load_nlp(model), analyzer, load_scorer(analyzer=analyzer))
        return _MODELS[model]


def annotate_partition(pairs: Sequence[tuple[str, str]], *, model: str,
                       batch_size: int | None = None) -> Records:
    """The task every worker runs: records of one partition, with the process's model."""
    from analysis.nlp import BATCH_SIZE, annotate_records

    nlp, analyzer, scorer = worker_resources(model)
    return annotate_records(pairs, nlp=nlp, analyzer=analyzer, scorer=scorer,
                            batch_size=batch_size or BATCH_SIZE)


def _limit_threads() -> None:
    # one core per worker process: BLAS or Arrow threads would only fight the other workers
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _pool_init(model: str) -> None:
    _limit_threads()
    worker_resources(model)


# -- engines -----------------------------------------------------------------------------------


@dataclass
class LocalEngine:
    """spaCy in this process (n_process=1) or in a pool of worker processes."""

    model: str
    n_process: int = 1
    nlp: object | None = None  # this process's model, when the caller has one loaded
    analyzer: object | None = None
    scorer: object | None = None  # the targeted tone scorer, when the caller has one loaded
    batch_size: int | None = None
    start_method: str | None = None  # None: fork when safe, else forkserver/spawn
    name: str = field(default="local", init=False)

    def describe(self) -> dict:
        return {"engine": "local", "n_process": self.n_process}

    def run(self, pairs: Sequence[tuple[str, str]], on_records: OnRecords) -> None:
        parts = partitions(pairs)
        if not parts:
            return
        processes = max(1, min(self.n_process, len(parts)))
        if processes == 1:
            self._in_process(parts, on_records)
        else:
            self._pool(parts, processes, on_records)

    def _in_process(self, parts: list, on_records: OnRecords) -> None:
        if self.nlp is not None:
            from analysis.nlp import BATCH_SIZE, annotate_records

            analyzer, scorer = self._tone_resources()
            for part in parts:
                on_records(annotate_records(part, nlp=self.nlp, analyzer=analyzer,
                                            scorer=scorer,
                                            batch_size=self.batch_size or BATCH_SIZE))
            return
        for part in parts:
            on_records(annotate_partition(part, model=self.model, batch_size=self.batch_size))

    def _pool(self, parts: list, processes: int, on_records: OnRecords) -> None:
        method = self.start_method or _safe_start_method()
        ctx = multiprocessing.get_context(method)
        if method == "fork" and self.nlp is not None:
            # the children inherit the loaded model (copy-on-write): nothing to load
            with _MODELS_LOCK:
                _MODELS.setdefault(self.model, (self.nlp, *self._tone_resources()))
        task = partial(annotate_partition, model=self.model, batch_size=self.batch_size)
        with ctx.Pool(processes, initializer=_pool_init, initargs=(self.model,)) as pool:
            for records in pool.imap_unordered(task, parts, chunksize=1):
                on_records(records)

    def _tone_resources(self) -> tuple[object, object]:
        """(VADER analyzer, targeted tone scorer): the caller's, else loaded now."""
        from analysis.targeted_tone import load_scorer
        from analysis.tone import new_analyzer

        analyzer = self.analyzer or new_analyzer()
        return analyzer, self.scorer or load_scorer(analyzer=analyzer)


def _safe_start_method() -> str:
    """fork (instant, shares the loaded model) unless threads make it unsafe (a Streamlit
    server): then forkserver, where each worker loads the model itself."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@dataclass
class DaskEngine:
    """Partitions as tasks on a Dask cluster: an existing one (`scheduler`) or a LocalCluster
    of `n_workers` single-threaded processes started (and closed) here."""

    model: str
    scheduler: str | None = None
    n_workers: int | None = None
    batch_size: int | None = None
    in_flight_per_worker: int = 3
    upload_code: bool = True  # send this package to an existing cluster's workers
    name: str = field(default="dask", init=False)
    workers: int = field(default=0, init=False)

    def describe(self) -> dict:
        return {"engine": "dask", "scheduler": self.scheduler or "LocalCluster",
                "workers": self.workers}

    def run(self, pairs: Sequence[tuple[str, str]], on_records: OnRecords) -> None:
        parts = partitions(pairs)
        if not parts:
            return
        with self._client() as client:
            if self.scheduler and self.upload_code:
                upload_package(client)
            self.workers = max(1, len(client.scheduler_info().get("workers", {})))
            for records in self._stream(client, parts):
                on_records(records)

    def _client(self):
        from contextlib import ExitStack, contextmanager

        from distributed import Client, LocalCluster

        @contextmanager
        def opened():
            with ExitStack() as stack:
                if self.scheduler:
                    client = stack.enter_context(Client(self.scheduler))
                else:
                    one = {var: "1" for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                "MKL_NUM_THREADS")}
                    cluster = stack.enter_context(LocalCluster(
                        n_workers=self.n_workers or _default_workers(), threads_per_worker=1,
                        processes=True, dashboard_address=":0", env=one))
                    client = stack.enter_context(Client(cluster))
                yield client

        return opened()

    def _stream(self, client, parts: list) -> Iterator[Records]:
        """Submit partitions a few per worker at a time (bounded memory on a big corpus) and
        yield their records as they finish."""
        from distributed import as_completed

        limit = max(2, self.workers * self.in_flight_per_worker)
        todo = iter(parts)

        def submit(part):
            return client.submit(annotate_partition, part, model=self.model,
                                 batch_size=self.batch_size, pure=False)

        running = as_completed([submit(p) for _, p in zip(range(limit), todo, strict=False)])
        for future in running:
            records = future.result()
            future.release()
            nxt = next(todo, None)
            if nxt is not None:
                running.add(submit(nxt))
            yield records


def upload_package(client) -> None:
    """Zip this package's Python files and put the zip first on every worker's sys.path
    (now and for workers that join later)."""
    import tempfile
    import zipfile
    from pathlib import Path

    from analysis.targeted_tone import MODEL_FILE

    package = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="coverage-lens-") as tmp:
        path = Path(tmp) / "coverage_lens_analysis.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            # the code, and the targeted tone model the workers score mentions with
            for file in [*sorted(package.rglob("*.py")), MODEL_FILE]:
                zf.write(file, file.relative_to(package.parent).as_posix())
        client.upload_file(str(path))


def _default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
