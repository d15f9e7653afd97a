"""The per-article annotation cache: what spaCy and the tone scorers found in a text, kept
across builds.

A record is one text's sentences (offsets, text, VADER scores) and named-entity mentions
(offsets, text, label, targeted tone). It is keyed by the sha256 of the text and filed under a
*pipeline key* (model name and version, spaCy and vaderSentiment versions, the targeted tone
scorer's name and model file hash, the pipes and labels kept, the record format), so a
record is reused only by a build that would have computed exactly it.
Nothing in a record depends on the article's outlet, title or id: two outlets running one wire
story share one record, and editing an article's metadata re-annotates nothing.

Layout, under the cache root (default `$COVERAGE_LENS_CACHE/annotations`, else
`~/.cache/coverage-lens/annotations`)::

    pipeline-<hash>/pipeline.json             what the hash stands for
    pipeline-<hash>/shard-<time>-<uuid>/      docs.parquet, sentences.parquet, mentions.parquet

Safety: a shard is written into a temporary folder and renamed into place, so a reader sees
whole shards or none; a build that is interrupted keeps the shards it finished (the next build
resumes from them) and leaves at most a `tmp-*` folder, swept away later. A shard that cannot
be read is deleted and its texts are annotated again: the cache can make a build faster, never
wrong or failing.

Growth: every build that annotates something adds a shard. When a pipeline holds more than
`MAX_SHARDS` shards, the smaller half is merged into one (duplicates dropped). Records of texts
that no corpus uses any more stay until the size cap: when the whole cache exceeds `max_bytes`
(default 2 GiB, `$COVERAGE_LENS_ANNOTATION_CACHE_MB`), other pipelines' folders go first,
then this pipeline's least recently used shards. Other pipelines' folders unused for
`STALE_DAYS` are removed at any build. `python -m analysis cache` shows the size; `--clear`
empties it (analysis.annotate.cache_admin).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

try:  # advisory locks keep a merge from deleting shards a reader is reading (POSIX only)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from analysis.annotate.records import PARTS, Records, cast, dedupe
from analysis.settings import cache_root

log = logging.getLogger(__name__)

# 2: mentions carry their targeted tone; 3: long texts in parts, tone capped; 4: segments
RECORD_FORMAT = 4
MAX_SHARDS = 24
STALE_DAYS = 30
DEFAULT_MAX_MB = 2048
TMP_MAX_AGE_SECONDS = 6 * 3600



def text_key(text: str) -> str:
    """The cache key of a text: sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def pipeline_key(settings: dict) -> str:
    """A short stable hash of everything that shapes a record (model.pipeline_settings)."""
    blob = json.dumps({"record_format": RECORD_FORMAT, **settings}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def default_cache_dir() -> Path:
    return cache_root() / "annotations"


def default_max_bytes() -> int:
    try:
        return int(float(os.environ.get("COVERAGE_LENS_ANNOTATION_CACHE_MB", DEFAULT_MAX_MB))
                   * 2**20)
    except ValueError:
        return DEFAULT_MAX_MB * 2**20


@dataclass(frozen=True)
class Plan:
    """What a build finds in the cache and what it must annotate."""

    found: Records
    missing: list[str]  # keys, each once, in the order asked


def plan_without_cache(keys: Iterable[str]) -> Plan:
    return Plan(Records.empty(), list(dict.fromkeys(keys)))


class AnnotationCache:
    """Records of one pipeline under `root`; see the module docstring for layout and limits."""

    def __init__(self, root: Path | None, pipeline: str, *, settings: dict | None = None,
                 max_bytes: int | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_dir()
        self.pipeline = pipeline
        self.dir = self.root / f"pipeline-{pipeline}"
        self.settings = settings or {}
        self.max_bytes = default_max_bytes() if max_bytes is None else max_bytes

    # -- reading ------------------------------------------------------------------------------

    def shards(self) -> list[Path]:
        try:
            found = [p for p in self.dir.iterdir()
                     if p.name.startswith("shard-") and (p / "docs.parquet").exists()]
        except OSError:  # no cache yet, or not a folder we can read
            return []
        return sorted(found)

    def plan(self, keys: Iterable[str]) -> Plan:
        """The records of the cached keys among `keys`, and the keys that are missing.

        Each key is read from the first (oldest) shard that holds it; the shards read are
        marked used, for the least-recently-used eviction.
        """
        wanted = list(dict.fromkeys(keys))
        remaining = set(wanted)
        found: list[Records] = []
        with self._lock(shared=True):
            for shard in self.shards():
                if not remaining:
                    break
                try:
                    have = pq.read_table(shard / "docs.parquet", columns=["key"]).column("key")
                    hits = pc.filter(have, pc.is_in(have, value_set=pa.array(list(remaining),
                                                                             pa.string())))
                    if len(hits) == 0:
                        continue
                    hits = pc.unique(hits)
                    found.append(self._read_shard(shard).select(hits))
                except Exception as exc:  # a damaged shard is dropped, never fatal
                    log.warning("annotation cache shard %s unreadable (%s); removing it",
                                shard, exc)
                    shutil.rmtree(shard, ignore_errors=True)
                    continue
                remaining.difference_update(hits.to_pylist())
                with contextlib.suppress(OSError):
                    os.utime(shard)
        return Plan(Records.concat(found), [k for k in wanted if k in remaining])

    def _read_shard(self, shard: Path) -> Records:
        return Records(*(cast(pq.read_table(shard / f"{name}.parquet"), schema)
                         for name, schema in PARTS.items()))

    # -- writing ------------------------------------------------------------------------------

    def write(self, records: Records) -> Path | None:
        """Add `records` as a new shard (atomically); returns its folder, None when empty or
        when the cache cannot be written (a read-only disk slows builds, it breaks none)."""
        if len(records) == 0:
            return None
        tmp = self.dir / f"tmp-{uuid.uuid4().hex}"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._describe()
            tmp.mkdir()
            for name, schema in PARTS.items():
                pq.write_table(cast(getattr(records, name), schema), tmp / f"{name}.parquet",
                               compression="zstd")
            final = self.dir / f"shard-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
            os.replace(tmp, final)
            return final
        except OSError as exc:
            log.warning("cannot write to the annotation cache %s: %s", self.dir, exc)
            shutil.rmtree(tmp, ignore_errors=True)
            return None

    def _describe(self) -> None:
        path = self.dir / "pipeline.json"
        if not path.exists():
            tmp = path.with_suffix(f".{uuid.uuid4().hex}.tmp")
            tmp.write_text(json.dumps({"pipeline": self.pipeline, **self.settings}, indent=2))
            os.replace(tmp, path)

    # -- upkeep -------------------------------------------------------------------------------

    def maintain(self) -> None:
        """Merge small shards, sweep old temporary folders and stale pipelines, hold the cap."""
        try:
            with self._lock(shared=False, wait=False) as locked:
                if not locked:
                    return  # another build is tidying up
                self._sweep_tmp()
                self._merge_small()
                self._drop_stale_pipelines()
                self._enforce_cap()
        except OSError as exc:
            log.warning("annotation cache upkeep failed (%s); continuing", exc)

    def _sweep_tmp(self) -> None:
        now = time.time()
        for path in self.dir.glob("tmp-*"):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > TMP_MAX_AGE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)

    def _merge_small(self) -> None:
        """Merge the smaller half of the shards until at most MAX_SHARDS are left (a build
        flushes often, so a big one leaves many)."""
        while len(self.shards()) > MAX_SHARDS and self._merge_smaller_half():
            pass

    def _merge_smaller_half(self) -> bool:
        """Merge the smaller half of the shards into one; False when that could not be done."""
        shards = self.shards()
        by_size = sorted(shards, key=folder_bytes)
        small = sorted(by_size[: len(by_size) // 2 + 1])
        try:
            merged = Records.concat(self._read_shard(s) for s in small)
        except Exception as exc:
            log.warning("cannot merge annotation cache shards (%s); leaving them", exc)
            return False
        # keep each key's first (oldest) record only
        keys = merged.docs.column("key")
        first = pa.array(pc.unique(keys))
        if len(first) != len(keys):
            seen = set()
            keep = []
            for i, k in enumerate(keys.to_pylist()):
                if k not in seen:
                    seen.add(k)
                    keep.append(i)
            merged = dedupe(merged, keep)
        if self.write(merged) is None:
            return False
        for shard in small:
            shutil.rmtree(shard, ignore_errors=True)
        return True

    def _drop_stale_pipelines(self) -> None:
        limit = time.time() - STALE_DAYS * 86400
        for other in self._other_pipelines():
            if last_used(other) < limit:
                shutil.rmtree(other, ignore_errors=True)

    def _enforce_cap(self) -> None:
        total = folder_bytes(self.root)
        if total <= self.max_bytes:
            return
        victims = sorted(self._other_pipelines(), key=last_used)
        victims += sorted(self.shards(), key=last_used)
        for victim in victims:
            if total <= self.max_bytes:
                break
            size = folder_bytes(victim)
            shutil.rmtree(victim, ignore_errors=True)
            total -= size
            log.info("annotation cache over %d MB: removed %s", self.max_bytes // 2**20, victim)

    def _other_pipelines(self) -> list[Path]:
        try:
            return [p for p in self.root.iterdir()
                    if p.is_dir() and p.name.startswith("pipeline-") and p != self.dir]
        except OSError:
            return []

    @contextlib.contextmanager
    def _lock(self, *, shared: bool, wait: bool = True) -> Iterator[bool]:
        if fcntl is None:
            yield True
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fh = open(self.dir / ".lock", "a+b")  # noqa: SIM115 - held for the with-block
        except OSError:
            yield True  # a read-only cache: nothing to protect
            return
        try:
            flags = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB)
            try:
                fcntl.flock(fh, flags)
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            fh.close()

def folder_bytes(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.stat(os.path.join(root, name)).st_size
    return total


def last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
