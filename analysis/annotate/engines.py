"""Engines: who runs spaCy + the tone scorers over the texts a build has not annotated before.

Every engine cuts the (key, text) pairs into the same partitions and runs the same function
(analysis.annotate.worker) on each, so all engines produce the same records (spaCy's output does not
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial

from analysis.annotate.records import Records
from analysis.annotate.worker import (
    BATCH_SIZE,
    Models,
    annotate_partition,
    annotate_texts,
    worker_models,
)

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


def _limit_threads() -> None:
    # one core per worker process: BLAS or Arrow threads would only fight the other workers
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _pool_init(model: str) -> None:
    _limit_threads()
    worker_models(model)


# -- engines -----------------------------------------------------------------------------------


@dataclass
class LocalEngine:
    """spaCy in this process (n_process=1) or in a pool of worker processes.

    `models`: the caller's loaded models, used in this process and, when the pool forks,
    inherited by its workers; None: each process loads its own.
    """

    model: str
    n_process: int = 1
    models: Models | None = None
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
            models = worker_models(self.model, loaded=self.models)
            for part in parts:
                on_records(annotate_texts(part, models=models,
                                          batch_size=self.batch_size or BATCH_SIZE))
        else:
            self._pool(parts, processes, on_records)

    def _pool(self, parts: list, processes: int, on_records: OnRecords) -> None:
        method = self.start_method or safe_start_method()
        ctx = multiprocessing.get_context(method)
        if method == "fork" and self.models is not None:
            # the children inherit the loaded models (copy-on-write): nothing to load
            worker_models(self.model, loaded=self.models)
        task = partial(annotate_partition, model=self.model, batch_size=self.batch_size)
        with ctx.Pool(processes, initializer=_pool_init, initargs=(self.model,)) as pool:
            for records in pool.imap_unordered(task, parts, chunksize=1):
                on_records(records)


def safe_start_method() -> str:
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
        with dask_client(self.scheduler, n_workers=self.n_workers,
                         upload_code=self.upload_code) as client:
            self.workers = max(1, len(client.scheduler_info().get("workers", {})))

            def submit(part):
                return client.submit(annotate_partition, part, model=self.model,
                                     batch_size=self.batch_size, pure=False)

            # a few partitions per worker at a time: bounded memory on a big corpus
            for records in bounded_results(parts, submit,
                                           limit=max(2, self.workers * self.in_flight_per_worker)):
                on_records(records)


@contextmanager
def dask_client(scheduler: str | None, *, n_workers: int | None,
                upload_code: bool) -> Iterator:
    """A client of an existing Dask cluster (`scheduler`; this package's code uploaded to
    its workers when `upload_code`), or of a LocalCluster of `n_workers` single-threaded
    processes started and closed here."""
    from distributed import Client, LocalCluster

    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
            if upload_code:
                upload_package(client)
        else:
            one = {var: "1" for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                        "MKL_NUM_THREADS")}
            cluster = stack.enter_context(LocalCluster(
                n_workers=n_workers or default_workers(), threads_per_worker=1,
                processes=True, dashboard_address=":0", env=one))
            client = stack.enter_context(Client(cluster))
        yield client


def bounded_results(items: Iterable, submit: Callable, *, limit: int) -> Iterator:
    """The results of `submit(item)` (a Dask future) for every item, as they finish, with at
    most `limit` submitted and unfinished at any time."""
    from distributed import as_completed

    todo = iter(items)
    running = as_completed([submit(item) for _, item in zip(range(limit), todo, strict=False)])
    for future in running:
        result = future.result()
        future.release()
        nxt = next(todo, None)
        if nxt is not None:
            running.add(submit(nxt))
        yield result


def upload_package(client) -> None:
    """Zip this package's Python files and put the zip first on every worker's sys.path
    (now and for workers that join later)."""
    import tempfile
    import zipfile
    from pathlib import Path

    from analysis.tone.targeted import MODEL_FILE

    package = Path(__file__).resolve().parents[1]  # analysis/
    with tempfile.TemporaryDirectory(prefix="coverage-lens-") as tmp:
        path = Path(tmp) / "coverage_lens_analysis.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            # the code, and the targeted tone model the workers score mentions with
            for file in [*sorted(package.rglob("*.py")), MODEL_FILE]:
                zf.write(file, file.relative_to(package.parent).as_posix())
        client.upload_file(str(path))


def default_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


ENGINES = ("local", "dask")
Engine = LocalEngine | DaskEngine


def make_engine(engine: str, *, model: str, n_process: int | None,
                scheduler: str | None = None,
                models: Models | None = None, batch_size: int | None = None) -> Engine:
    """The engine a build asked for: "local" (`n_process` processes) or "dask" (`scheduler`, or
    a LocalCluster of `n_process` workers)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if engine == "dask":
        return DaskEngine(model=model, scheduler=scheduler, n_workers=n_process,
                          batch_size=batch_size)
    return LocalEngine(model=model, n_process=n_process or 1, models=models,
                       batch_size=batch_size)
