"""The store: one Parquet file per table, the rejects as CSV, and manifest.json, written
atomically into a folder the project owns.

Safety: a store is only ever written into a new or empty folder, or over a folder that is a
store of ours (its manifest says so and it holds nothing else); anything else is refused with
`StoreError`, so `--out` pointed at a thesis folder or at the corpus itself deletes nothing.
manifest.json is written last and records every file's size, row count and sha256; every page
of the Parquet files carries a checksum too. So a store that a crash, a full disk, a flipped
byte or a hand edit left partial is detected (`StoreError`) rather than read as if whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.tables.csv_export import csv_bytes
from analysis.tables.schema import SCHEMA_VERSION, SCHEMAS, TABLE_NAMES, Tables, conform
from analysis.tables.sorted_runs import sorted_unique

MANIFEST = "manifest.json"
REJECTS_CSV = "rejects.csv"  # the import's rejects, beside the tables, for a reader of the folder
STORE_FORMAT = "coverage-lens-store"
# The tables whose `text` can stay on disk, and their Parquet row groups: small enough that
# reading one article's or a few sentences' (or quotes') texts decodes about a megabyte, not
# the table.
TEXT_ROW_GROUPS = {"articles": 256, "sentences": 4_096, "quotes": 4_096}
TEXT_TABLES = tuple(TEXT_ROW_GROUPS)


class StoreError(Exception):
    """The store is missing, partial, corrupt, of another schema version, or the folder is not
    one the project may write."""


def table_path(store_dir: Path, name: str) -> Path:
    return Path(store_dir) / f"{name}.parquet"


def store_files() -> set[str]:
    """Every file name a store of ours holds."""
    return {f"{name}.parquet" for name in TABLE_NAMES} | {MANIFEST, REJECTS_CSV}


def refusal(store_dir: Path) -> str | None:
    """Why `store_dir` may not be written as a store, or None: it does not exist, is empty, or
    is a store of ours (whole or damaged) that holds nothing else."""
    store_dir = Path(store_dir)
    if not store_dir.exists() and not store_dir.is_symlink():
        return None
    if not store_dir.is_dir() or store_dir.is_symlink():
        return f"{store_dir} is not a folder"
    entries = {p.name for p in store_dir.iterdir()}
    if not entries:
        return None
    foreign = sorted(entries - store_files())
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        return (f"{store_dir} holds files Coverage Lens did not write ({shown}); choose a new "
                "or empty folder")
    # a damaged store of ours (its manifest unreadable) still holds our tables and nothing else
    if not _marked(store_dir) and not any(name.endswith(".parquet") for name in entries):
        return f"{store_dir} is not a Coverage Lens store; choose a new or empty folder"
    return None


def _marked(store_dir: Path) -> bool:
    """Whether the folder's manifest says it is a store of ours."""
    try:
        manifest = json.loads((store_dir / MANIFEST).read_text())
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and (manifest.get("format") == STORE_FORMAT or {
        "schema_version", "files", "build_key"} <= manifest.keys())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def save_store(tables: Tables, store_dir: Path, *, manifest: dict) -> dict:
    """Write the tables, the rejects CSV and the manifest; an existing store of ours is replaced
    only once all is written. Raises StoreError for a folder the project may not write."""
    store_dir = Path(store_dir)
    why = refusal(store_dir)
    if why:
        raise StoreError(f"refused to write the store: {why}")
    try:
        store_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}-", dir=store_dir.parent))
    except OSError as err:
        raise StoreError(f"cannot write the store beside {store_dir}: {err}") from err
    try:
        files = {}
        for name, df in tables.items():
            path = table_path(staging, name)
            df.to_parquet(path, index=False, row_group_size=TEXT_ROW_GROUPS.get(name),
                          write_page_checksum=True)
            files[name] = {"rows": len(df), "bytes": path.stat().st_size,
                           "sha256": sha256_of(path)}
        (staging / REJECTS_CSV).write_bytes(csv_bytes(tables.rejects))
        full = {**manifest, "format": STORE_FORMAT, "schema_version": SCHEMA_VERSION,
                "files": files}
        (staging / MANIFEST).write_text(json.dumps(full, indent=2, default=str))
        _swap_in(staging, store_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return full


def _swap_in(staging: Path, store_dir: Path) -> None:
    """Put `staging` where `store_dir` is; the old store (ours, checked) goes only after."""
    if not store_dir.exists():
        os.replace(staging, store_dir)
        return
    old = store_dir.with_name(f".{store_dir.name}-old-{uuid.uuid4().hex[:8]}")
    os.replace(store_dir, old)
    try:
        os.replace(staging, store_dir)
    except BaseException:
        os.replace(old, store_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(store_dir: Path, *, checksums: bool = False) -> dict:
    """The manifest, after checking its shape and that every table file is there and whole:
    its size, its rows, its columns and, with `checksums`, its sha256."""
    store_dir = Path(store_dir)
    path = store_dir / MANIFEST
    if not path.exists():
        raise StoreError(f"no {MANIFEST} in {store_dir}: not a store, or an unfinished build")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise StoreError(f"{path} is unreadable: {err}") from err
    if not isinstance(manifest, dict):
        raise StoreError(f"{path} is not a store manifest (a JSON object was expected)")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise StoreError(f"{store_dir} has schema version {manifest.get('schema_version')!r}, "
                         f"this code reads {SCHEMA_VERSION}")
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise StoreError(f"{path} lists no table files")
    for name in TABLE_NAMES:
        _check_table(store_dir, name, files.get(name), checksums=checksums)
    return manifest


def _check_table(store_dir: Path, name: str, expected, *, checksums: bool) -> None:
    table = table_path(store_dir, name)
    if not isinstance(expected, dict) or not table.exists():
        raise StoreError(f"{store_dir} lacks the {name} table")
    rows, size, digest = expected.get("rows"), expected.get("bytes"), expected.get("sha256")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (rows, size)) \
            or not isinstance(digest, str):
        raise StoreError(f"the manifest's entry for {name} is not rows, bytes and sha256")
    if table.stat().st_size != size:
        raise StoreError(f"{table} has changed size since it was written")
    try:
        metadata = pq.read_metadata(table)
    except Exception as err:  # pyarrow raises several types for a damaged footer
        raise StoreError(f"{table} is not a readable Parquet file: {err}") from err
    if metadata.num_rows != rows:
        raise StoreError(f"{table} holds {metadata.num_rows} rows, the manifest says {rows}")
    if metadata.schema.to_arrow_schema().names != list(SCHEMAS[name]):
        raise StoreError(f"{table} does not have the {name} table's columns")
    if checksums and sha256_of(table) != digest:
        raise StoreError(f"{table} has changed since it was written (its sha256 differs)")


def load_table(store_dir: Path, name: str, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """One table, or only some of its columns (Parquet reads just those, checking each page)."""
    df = pd.read_parquet(table_path(store_dir, name), columns=list(columns) if columns else None,
                         page_checksum_verification=True)
    if not columns:
        return conform(df, name)
    dtypes = SCHEMAS[name]
    return df.astype({col: dtypes[col] for col in df.columns if str(df[col].dtype) != dtypes[col]})


def load_store(store_dir: Path, *, texts: bool = True, checksums: bool = False) -> Tables:
    """All tables of a checked store; with `texts=False`, articles, sentences and quotes without
    their `text` column, which `analysis.tables.texts.StoreTexts` then reads row by row. Any failure
    to read is a StoreError."""
    read_manifest(store_dir, checksums=checksums)
    left_out = () if texts else TEXT_TABLES
    try:
        return Tables(**{
            name: load_table(store_dir, name, columns=[c for c in SCHEMAS[name] if c != "text"]
                             if name in left_out else None)
            for name in TABLE_NAMES
        })
    except Exception as err:
        raise StoreError(f"{store_dir} could not be read: {type(err).__name__}: {err}") from err


READ_GROUPS = 16  # row groups read at once by read_column_rows (a few MB of text)


def read_column_rows(store_dir: Path, name: str, column: str, rows: np.ndarray) -> pa.Array:
    """`column` at row positions `rows` of a table, reading only the row groups that hold them,
    a few at a time: rows spread over a whole big store never have all its texts in memory."""
    parquet = pq.ParquetFile(table_path(store_dir, name), page_checksum_verification=True)
    sizes = np.array([parquet.metadata.row_group(i).num_rows
                      for i in range(parquet.num_row_groups)], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    rows = np.asarray(rows, dtype=np.int64)
    group_of = np.searchsorted(starts, rows, side="right") - 1
    groups = sorted_unique(group_of)
    if not len(groups):
        return pa.array([], type=parquet.schema_arrow.field(column).type)
    by_group = np.argsort(group_of, kind="stable")
    pieces = []
    for batch in np.array_split(groups, -(-len(groups) // READ_GROUPS)):
        chunk = parquet.read_row_groups(batch.tolist(), columns=[column]).column(column)
        wanted = by_group[np.isin(group_of[by_group], batch)]
        # where each read group begins inside the chunk
        base = np.concatenate([[0], np.cumsum(sizes[batch])[:-1]])
        at = rows[wanted] - starts[group_of[wanted]] + base[np.searchsorted(batch,
                                                                            group_of[wanted])]
        pieces.append(chunk.take(pa.array(at)).combine_chunks())
    # the pieces hold the rows by group: put them back in the order asked
    return pa.concat_arrays(pieces).take(pa.array(np.argsort(by_group)))


def is_current(store_dir: Path, *, build_key: dict) -> bool:
    """True when a whole store (checksums checked) exists and was built from the same inputs
    and pipeline; any failure reading it means not current."""
    try:
        manifest = read_manifest(store_dir, checksums=True)
    except (StoreError, OSError):
        return False
    return manifest.get("build_key") == build_key


def update_manifest(store_dir: Path, **fields: object) -> None:
    """Set `fields` in a store's manifest, replaced whole (never half-written); a store that
    cannot be written is left as it is, since the fields only save work next time."""
    path = Path(store_dir) / MANIFEST
    # staged beside the store, as save_store stages its tables: the store holds only its files
    staged = path.parent.with_name(f".{path.parent.name}-{MANIFEST}-{uuid.uuid4().hex[:8]}")
    try:
        manifest = json.loads(path.read_text())
        staged.write_text(json.dumps({**manifest, **fields}, indent=2, default=str))
        os.replace(staged, path)
    except (OSError, ValueError):
        staged.unlink(missing_ok=True)


EXPORT_MANIFEST = "export.json"


def export_csv(store_dir: Path, out_dir: Path) -> list[Path]:
    """Every table as CSV (formula-safe), one file each, into a new or empty folder or one that
    holds an earlier export of ours (export.json lists what it wrote)."""
    tables = load_store(store_dir)
    out_dir = Path(out_dir)
    names = [f"{name}.csv" for name, _ in tables.items()]
    if out_dir.exists():
        earlier = _exported(out_dir)
        clashes = sorted(p.name for p in out_dir.iterdir() if p.name in names
                         and p.name not in earlier)
        if clashes:
            raise StoreError(f"refused to export into {out_dir}: it holds files Coverage Lens "
                             f"did not write ({', '.join(clashes)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        path = out_dir / f"{name}.csv"
        path.write_bytes(csv_bytes(df))
        written.append(path)
    (out_dir / EXPORT_MANIFEST).write_text(json.dumps({"format": STORE_FORMAT + "-export",
                                                       "files": names}))
    return written


def _exported(out_dir: Path) -> set[str]:
    try:
        listed = json.loads((out_dir / EXPORT_MANIFEST).read_text())
        return set(listed.get("files", [])) if isinstance(listed, dict) else set()
    except (OSError, ValueError):
        return set()
