"""The store: one Parquet file per table plus manifest.json, written atomically.

manifest.json is written last and records every file's size and row count, so a store that
a crash, a full disk or a hand edit left partial is detected (`StoreError`) rather than read
as if whole.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.tables.csv_export import csv_bytes
from analysis.tables.schema import SCHEMA_VERSION, SCHEMAS, TABLE_NAMES, Tables, conform

MANIFEST = "manifest.json"
# The tables whose `text` can stay on disk, and their Parquet row groups: small enough that
# reading one article's or a few sentences' (or quotes') texts decodes about a megabyte, not
# the table.
TEXT_ROW_GROUPS = {"articles": 256, "sentences": 4_096, "quotes": 4_096}
TEXT_TABLES = tuple(TEXT_ROW_GROUPS)


class StoreError(Exception):
    """The store is missing, partial, corrupt or of another schema version."""


def table_path(store_dir: Path, name: str) -> Path:
    return Path(store_dir) / f"{name}.parquet"


def save_store(tables: Tables, store_dir: Path, *, manifest: dict) -> dict:
    """Write the tables and the manifest; replaces an existing store only once all is written."""
    store_dir = Path(store_dir)
    store_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}-", dir=store_dir.parent))
    try:
        files = {}
        for name, df in tables.items():
            path = table_path(staging, name)
            df.to_parquet(path, index=False, row_group_size=TEXT_ROW_GROUPS.get(name))
            files[name] = {"rows": len(df), "bytes": path.stat().st_size}
        full = {**manifest, "schema_version": SCHEMA_VERSION, "files": files}
        (staging / MANIFEST).write_text(json.dumps(full, indent=2, default=str))
        if store_dir.exists():
            shutil.rmtree(store_dir)
        os.replace(staging, store_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return full


def read_manifest(store_dir: Path) -> dict:
    """The manifest, after checking that every table file is there and whole."""
    path = Path(store_dir) / MANIFEST
    if not path.exists():
        raise StoreError(f"no {MANIFEST} in {store_dir}: not a store, or an unfinished build")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise StoreError(f"{path} is unreadable: {err}") from err
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise StoreError(
            f"{store_dir} has schema version {manifest.get('schema_version')}, "
            f"this code reads {SCHEMA_VERSION}"
        )
    files = manifest.get("files", {})
    for name in TABLE_NAMES:
        table = table_path(store_dir, name)
        expected = files.get(name)
        if expected is None or not table.exists():
            raise StoreError(f"{store_dir} lacks the {name} table")
        if table.stat().st_size != expected["bytes"]:
            raise StoreError(f"{table} has changed size since it was written")
        try:
            rows = pq.read_metadata(table).num_rows
        except Exception as err:  # pyarrow raises several types for a damaged footer
            raise StoreError(f"{table} is not a readable Parquet file: {err}") from err
        if rows != expected["rows"]:
            raise StoreError(f"{table} holds {rows} rows, the manifest says {expected['rows']}")
    return manifest


def load_table(store_dir: Path, name: str, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """One table, or only some of its columns (Parquet reads just those)."""
    if not columns:
        return conform(pd.read_parquet(table_path(store_dir, name)), name)
    df = pd.read_parquet(table_path(store_dir, name), columns=list(columns))
    dtypes = SCHEMAS[name]
    return df.astype({col: dtypes[col] for col in df.columns if str(df[col].dtype) != dtypes[col]})


def load_store(store_dir: Path, *, texts: bool = True) -> Tables:
    """All tables of a checked store; with `texts=False`, articles, sentences and quotes without
    their `text` column, which `analysis.tables.texts.StoreTexts` then reads row by row."""
    read_manifest(store_dir)
    left_out = () if texts else TEXT_TABLES
    return Tables(**{
        name: load_table(store_dir, name, columns=[c for c in SCHEMAS[name] if c != "text"]
                         if name in left_out else None)
        for name in TABLE_NAMES
    })


def read_column_rows(store_dir: Path, name: str, column: str, rows: np.ndarray) -> pa.Array:
    """`column` at row positions `rows` of a table, reading only the row groups that hold them."""
    parquet = pq.ParquetFile(table_path(store_dir, name))
    sizes = np.array([parquet.metadata.row_group(i).num_rows
                      for i in range(parquet.num_row_groups)], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    rows = np.asarray(rows, dtype=np.int64)
    group_of = np.searchsorted(starts, rows, side="right") - 1
    groups = np.unique(group_of)
    if not len(groups):
        return pa.array([], type=parquet.schema_arrow.field(column).type)
    chunk = parquet.read_row_groups(groups.tolist(), columns=[column]).column(column)
    # where each read group begins inside the chunk
    base = np.concatenate([[0], np.cumsum(sizes[groups])[:-1]])
    at = rows - starts[group_of] + base[np.searchsorted(groups, group_of)]
    return chunk.take(pa.array(at)).combine_chunks()


def is_current(store_dir: Path, *, build_key: dict) -> bool:
    """True when a whole store exists and was built from the same inputs and pipeline."""
    try:
        manifest = read_manifest(store_dir)
    except StoreError:
        return False
    return manifest.get("build_key") == build_key


def export_csv(store_dir: Path, out_dir: Path) -> list[Path]:
    """Every table as CSV (formula-safe), one file each."""
    tables = load_store(store_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        path = out_dir / f"{name}.csv"
        path.write_bytes(csv_bytes(df))
        written.append(path)
    return written
