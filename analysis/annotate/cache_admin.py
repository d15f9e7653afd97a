"""Looking after the annotation cache from the command line: what it holds, and emptying it
(`python -m analysis cache [--clear]`)."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from analysis.annotate.cache import AnnotationCache, default_cache_dir, folder_bytes, last_used


def cache_stats(cache: AnnotationCache) -> dict:
    """Shards, texts and bytes of one pipeline's folder (and of the whole cache)."""
    shards = cache.shards()
    texts = 0
    for shard in shards:
        with contextlib.suppress(Exception):
            texts += pq.read_metadata(shard / "docs.parquet").num_rows
    return {"dir": str(cache.dir), "shards": len(shards), "texts": texts,
            "bytes": folder_bytes(cache.dir), "root_bytes": folder_bytes(cache.root)}


def clear(root: Path | None = None) -> int:
    """Remove the whole annotation cache; returns the bytes freed."""
    root = Path(root) if root is not None else default_cache_dir()
    size = folder_bytes(root)
    shutil.rmtree(root, ignore_errors=True)
    return size


def describe(root: Path | None = None) -> list[dict]:
    """One row per pipeline folder: its settings, shards, texts and bytes."""
    root = Path(root) if root is not None else default_cache_dir()
    rows = []
    for folder in sorted(root.glob("pipeline-*")):
        try:
            settings = json.loads((folder / "pipeline.json").read_text())
        except (OSError, ValueError):
            settings = {}
        cache = AnnotationCache(root, folder.name.removeprefix("pipeline-"), settings=settings)
        rows.append({**cache_stats(cache), "model": settings.get("model"),
                     "model_version": settings.get("model_version"),
                     "last_used": last_used(folder)})
    return rows
