"""The checks already made, kept across builds: a pair of texts is aligned once.

A check (analysis.reuse.checks) depends on the two texts and their sentence bounds only, so
its result is filed under the pair's text keys (sha256 of each text, the same keys as the
annotation cache), in a folder named for everything else that shapes it: the reuse code's
version and parameters and the sentence segmentation (`namespace`). Adding an article to a
corpus then checks only the pairs that involve it; the other pairs come from here.

Layout: `<root>/reuse-<namespace>/shard-<time>-<uuid>/` with checked.parquet (key_x, key_y of
every pair checked, found something or not), passages.parquet and rewrites.parquet. Shards are
written into a temporary folder and renamed into place; past `MAX_SHARDS` they are merged into
one, and past `MAX_ROWS` checked pairs the least recently written shards go. A shard that cannot
be read is dropped (its pairs are checked again): the cache makes builds faster, never wrong.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.reuse.align import PASSAGE_COLUMNS
from analysis.reuse.checks import REWRITE_COLUMNS

log = logging.getLogger(__name__)

MAX_SHARDS = 16
MAX_ROWS = 5_000_000
PARTS = ("checked", "passages", "rewrites")
KEYS = ["key_x", "key_y"]


@dataclass(frozen=True)
class Found:
    """Results of checks, keyed by (key_x, key_y): every pair checked, and what was found."""

    checked: pd.DataFrame
    passages: pd.DataFrame
    rewrites: pd.DataFrame

    @staticmethod
    def empty() -> Found:
        return Found(pd.DataFrame(columns=KEYS), pd.DataFrame(columns=[*KEYS, *PASSAGE_COLUMNS]),
                     pd.DataFrame(columns=[*KEYS, *REWRITE_COLUMNS]))

    @staticmethod
    def concat(parts: list[Found]) -> Found:
        return Found(*(pd.concat([getattr(p, name) for p in parts], ignore_index=True)
                       for name in PARTS))

    def of(self, checked: pd.DataFrame) -> Found:
        """Only the pairs in `checked` (key_x, key_y)."""
        wanted = checked[KEYS].drop_duplicates()
        return Found(*(getattr(self, name).merge(wanted, on=KEYS).drop_duplicates()
                       for name in PARTS))


class PairCache:
    """Check results under `root` for one namespace (see the module docstring)."""

    def __init__(self, root: Path, namespace: str) -> None:
        self.dir = Path(root) / f"reuse-{namespace}"

    def shards(self) -> list[Path]:
        try:
            return sorted(p for p in self.dir.iterdir()
                          if p.name.startswith("shard-") and (p / "checked.parquet").exists())
        except OSError:
            return []

    def _read(self, shard: Path) -> Found:
        return Found(*(pd.read_parquet(shard / f"{name}.parquet") for name in PARTS))

    def lookup(self, wanted: pd.DataFrame) -> Found:
        """The cached results of the pairs in `wanted` (key_x, key_y)."""
        found = []
        for shard in self.shards():
            try:
                found.append(self._read(shard).of(wanted))
            except Exception as exc:  # a damaged shard is dropped, never fatal
                log.warning("reuse cache shard %s unreadable (%s); removing it", shard, exc)
                shutil.rmtree(shard, ignore_errors=True)
        # a pair checked twice (two builds at once) counts once
        return Found.concat([Found.empty(), *found]).of(wanted)

    def write(self, found: Found) -> None:
        """Add results as a new shard, then keep the cache within its limits."""
        if found.checked.empty:
            return
        try:
            self._add(found)
            self._tidy()
        except OSError as exc:  # a read-only disk slows builds, it breaks none
            log.warning("cannot write to the reuse cache %s: %s", self.dir, exc)

    def _add(self, found: Found) -> None:
        tmp = self.dir / f"tmp-{uuid.uuid4().hex}"
        try:
            tmp.mkdir(parents=True)
            for name in PARTS:
                getattr(found, name).to_parquet(tmp / f"{name}.parquet", index=False)
            tmp.rename(self.dir / f"shard-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _tidy(self) -> None:
        shards = self.shards()
        if len(shards) > MAX_SHARDS:
            try:
                merged = Found.concat([self._read(s) for s in shards])
            except Exception as exc:
                log.warning("cannot merge reuse cache shards (%s); leaving them", exc)
                return
            # the most recently written pairs stay
            keep = merged.checked.drop_duplicates(KEYS, keep="last").tail(MAX_ROWS)
            self._add(merged.of(keep))
            for shard in shards:
                shutil.rmtree(shard, ignore_errors=True)
        for stale in self.dir.glob("tmp-*"):
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > 3600:
                    shutil.rmtree(stale, ignore_errors=True)
