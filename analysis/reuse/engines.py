"""Who runs the reuse pass: this process, or a Dask cluster. Both run the same functions on
the same pieces of work, so both give the same table.

The work comes in two rounds:

1. the index: batches of texts are posted (`index.post`) into `PARTITIONS` partitions by
   n-gram hash, and each partition, holding every occurrence of its n-grams, yields its seeds
   alone (`index.rare_seeds`); the seeds of all partitions are gathered and chained here;
2. the checks: candidate pairs in chunks of about `CHUNK_CHARS` characters of text
   (`checks.check_chunk`), each chunk carrying the texts it needs.

On Dask, batches, partitions and chunks are tasks: the postings of one partition are brought
together on one worker (a shuffle by hash), and the chunks are spread over the workers a few
at a time, so memory stays bounded on a big corpus.
"""

from __future__ import annotations

import multiprocessing
import operator
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.annotate.engines import bounded_results, dask_client, safe_start_method
from analysis.reuse.checks import Chunk, check_chunk
from analysis.reuse.index import Seeds, post, rare_seeds

PARTITIONS = 16
BATCH_CHARS = 16_000_000  # characters of text posted by one task
CHUNK_CHARS = 4_000_000  # characters of text one chunk of checks carries

Checked = tuple[pd.DataFrame, pd.DataFrame]
OnChecked = Callable[[int, Checked], None]  # (chunk index, its results)


def batches(texts: list[str], max_chars: int = BATCH_CHARS) -> list[tuple[int, list[str]]]:
    """(first position, texts) runs of about `max_chars` characters."""
    out, current, first, size = [], [], 0, 0
    for k, text in enumerate(texts):
        if current and size + len(text) > max_chars:
            out.append((first, current))
            current, first, size = [], k, 0
        current.append(text)
        size += len(text)
    if current:
        out.append((first, current))
    return out


@dataclass
class LocalReuse:
    """The reuse pass on this machine: in this process (n_process=1), or in a pool of
    `n_process` worker processes (fork when this process is single-threaded)."""

    n_process: int = 1
    name: str = field(default="local", init=False)
    _pool: object = field(default=None, init=False, repr=False)

    def describe(self) -> dict:
        return {"engine": "local", "n_process": self.n_process}

    def __enter__(self) -> LocalReuse:
        if self.n_process > 1:
            ctx = multiprocessing.get_context(safe_start_method())
            self._pool = ctx.Pool(self.n_process)
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

    def _map(self, function, items: list) -> Iterator:
        """function(*item) for each item, in order."""
        if self._pool is None:
            return (function(*item) for item in items)
        return self._pool.imap(_star, [(function, item) for item in items])

    def seeds(self, texts: list[str], outlets: np.ndarray) -> Seeds:
        pieces: list[list] = [[] for _ in range(PARTITIONS)]
        for posted in self._map(post, [(batch, first, PARTITIONS)
                                       for first, batch in batches(texts, self._batch(texts))]):
            for k, piece in enumerate(posted):
                pieces[k].append(piece)
        return Seeds.concat(list(self._map(rare_seeds, [(pieces.pop(0), outlets)
                                                        for _ in range(PARTITIONS)])))

    def _batch(self, texts: list[str]) -> int:
        # at least a batch per worker, so both cores post
        return min(BATCH_CHARS, sum(map(len, texts)) // self.n_process + 1)

    def check(self, chunks: list[Chunk], on_checked: OnChecked) -> None:
        for k, result in enumerate(self._map(check_chunk, [(c,) for c in chunks])):
            on_checked(k, result)


def _star(task):
    function, item = task
    return function(*item)


@dataclass
class DaskReuse:
    """The reuse pass on a Dask cluster: an existing one (`scheduler`) or a LocalCluster of
    `n_workers` single-threaded processes started (and closed) here."""

    scheduler: str | None = None
    n_workers: int | None = None
    in_flight_per_worker: int = 2
    upload_code: bool = True  # send this package to an existing cluster's workers
    name: str = field(default="dask", init=False)
    workers: int = field(default=0, init=False)
    _client: object = field(default=None, init=False, repr=False)
    _stack: object = field(default=None, init=False, repr=False)

    def describe(self) -> dict:
        return {"engine": "dask", "scheduler": self.scheduler or "LocalCluster",
                "workers": self.workers}

    def __enter__(self) -> DaskReuse:
        self._stack = ExitStack()
        self._client = self._stack.enter_context(dask_client(
            self.scheduler, n_workers=self.n_workers, upload_code=self.upload_code))
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()
        self._client = self._stack = None

    def seeds(self, texts: list[str], outlets: np.ndarray) -> Seeds:
        client = self._client
        shared_outlets = client.scatter(outlets, broadcast=True)
        posted = [client.submit(post, batch, first, PARTITIONS, pure=False)
                  for first, batch in batches(texts)]
        # the shuffle: partition k's pieces from every batch go to one task
        per_partition = [client.submit(rare_seeds, [client.submit(operator.getitem, p, k)
                                                    for p in posted], shared_outlets)
                         for k in range(PARTITIONS)]
        return Seeds.concat(client.gather(per_partition))

    def check(self, chunks: list[Chunk], on_checked: OnChecked) -> None:
        def submit(item):
            return self._client.submit(_check_numbered, *item, pure=False)

        # a few chunks per worker at a time; results as they finish
        for k, result in bounded_results(enumerate(chunks), submit,
                                         limit=max(2, self.workers * self.in_flight_per_worker)):
            on_checked(k, result)


def _check_numbered(k: int, chunk: Chunk) -> tuple[int, Checked]:
    return k, check_chunk(chunk)
