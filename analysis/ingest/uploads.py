"""Uploaded files -> a Corpus and an import report with one line per input file or row.

Uploads are written to a folder the caller owns (the app: a per-session temporary directory),
zips are unpacked there safely (analysis.ingest.archives), then every file is imported in upload
order by analysis.ingest.corpus.load_files. Nothing is dropped without its line in the report.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from analysis.ingest.archives import Limits, is_archive, unpack_zip
from analysis.ingest.corpus import Corpus, load_files
from analysis.ingest.decode import InputError, decode_bytes
from analysis.ingest.fields import FIELD_KEYS, FIELDS
from analysis.tables import schema

REPORT_COLUMNS = ["input", "status", "detail", "article_id"]
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def upload_fingerprint(uploads: list[Upload], columns: dict | None = None) -> str:
    """sha256 over the uploads' names, bytes and column mappings: the key of their store."""
    digest = hashlib.sha256()
    for upload in uploads:
        digest.update(upload.name.encode("utf-8", "replace") + b"\0")
        digest.update(hashlib.sha256(upload.data).digest())
    digest.update(json.dumps(columns or {}, sort_keys=True).encode())
    return digest.hexdigest()


def _safe_name(name: str, index: int) -> str:
    """A file name that stays inside the folder (a browser sends a base name, but check)."""
    base = re.sub(r"[\\/:\x00]", "_", name).strip(". ") or "upload"
    return f"{index:04d}-{base}"[:200]


def stage(uploads: list[Upload], folder: Path,
          limits: Limits = DEFAULT_LIMITS) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Write the uploads (zips unpacked) under `folder`: (files to import, rejects)."""
    files: list[tuple[Path, str]] = []
    rejects: list[tuple[str, str]] = []
    used = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i, upload in enumerate(uploads):
        size = len(upload.data)
        target = folder / _safe_name(upload.name, i)
        if upload.name.lower().endswith(".zip"):
            if size > limits.max_total_bytes - used:
                rejects.append((upload.name, _over_total(limits)))
                continue
            target.mkdir(parents=True, exist_ok=True)
            got, bad, unpacked = unpack_zip(io.BytesIO(upload.data), upload.name, target,
                                            limits, limits.max_total_bytes - used)
            files += got
            rejects += bad
            used += unpacked
        elif is_archive(upload.name):
            rejects.append((upload.name, "unsupported archive (only .zip is unpacked)"))
        elif size > limits.max_file_bytes:
            rejects.append((upload.name, f"too large ({size} bytes, limit "
                                         f"{limits.max_file_bytes})"))
        elif size > limits.max_total_bytes - used:
            rejects.append((upload.name, _over_total(limits)))
        elif (unpacked := _gz_size(upload, limits.max_total_bytes - used)) is None:
            rejects.append((upload.name, "too large (unpacks to more than the total upload "
                                         f"limit of {limits.max_total_bytes} bytes)"))
        else:
            target.write_bytes(upload.data)
            files.append((target, upload.name))
            used += max(size, unpacked)
    return files, rejects


def _gz_size(upload: Upload, cap: int) -> int | None:
    """Unpacked size of a .gz upload (0 for others), None past `cap`: a gzip bomb stops here."""
    if not upload.name.lower().endswith(".gz"):
        return 0
    total = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(upload.data)) as fh:
            while chunk := fh.read(1 << 20):
                total += len(chunk)
                if total > cap:
                    return None
    except (OSError, EOFError, zlib.error):
        return 0  # the importer reports it as "could not decompress"
    return total


def _over_total(limits: Limits) -> str:
    return f"too large (the total upload limit of {limits.max_total_bytes} bytes is used up)"


def import_uploads(uploads: list[Upload], folder: Path, *, columns: dict | None = None,
                   limits: Limits = DEFAULT_LIMITS, min_words: int = 20) -> Corpus:
    """The corpus of the uploads; staging rejects come first in its rejects table."""
    files, staged_rejects = stage(uploads, folder, limits)
    corpus = load_files(files, columns=columns, min_words=min_words,
                        max_bytes=limits.max_file_bytes)
    if not staged_rejects:
        return corpus
    extra = pd.DataFrame(staged_rejects, columns=["input", "reason"])
    rejects = schema.conform(pd.concat([extra, corpus.rejects], ignore_index=True), "rejects")
    return replace(corpus, rejects=rejects)


# --- column mapping for CSV and JSONL ----------------------------------------------------------

def columns_of(upload: Upload, max_lines: int = 50) -> list[str]:
    """The column names of a CSV or JSONL upload (lower-cased, as the importer sees them)."""
    name = upload.name.lower()
    try:
        data = upload.data
        if name.endswith(".gz"):
            try:
                data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(1 << 20)
            except (OSError, EOFError, zlib.error):
                return []
        head = decode_bytes(data[: 1 << 20]) if data else ""
    except InputError:
        return []
    if ".csv" in name:
        first = head.split("\n", 1)[0]
        delimiter = max((",", ";", "\t", "|"), key=first.count)
        return [c.strip().lower() for c in next(csv.reader([first], delimiter=delimiter), [])]
    seen: dict[str, None] = {}
    for line in head.split("\n")[:max_lines]:
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            seen.update(dict.fromkeys(str(k).strip().lower() for k in obj))
    return list(seen)


def guess_columns(columns: list[str]) -> dict[str, str]:
    """field -> column, from the common names (content, body, source, media_name, ...)."""
    return {field: next((k for k in FIELD_KEYS[field] if k in columns), "") for field in FIELDS}


def needs_mapping(name: str) -> bool:
    lower = name.lower()
    return any(lower.endswith(e) for e in (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson",
                                           ".ndjson.gz"))


# --- the report ----------------------------------------------------------------------------------

def _order(name: str) -> tuple:
    """Natural order: "x.csv row 10" after "x.csv row 9"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def import_report(corpus: Corpus, flags: pd.DataFrame | None = None,
                  uploads: list[Upload] | None = None) -> pd.DataFrame:
    """One line per input file or row: accepted (maybe flagged) or rejected, with the reason.

    `flags` (duplicates.near_duplicates) marks accepted articles that repeat another.
    Lines follow the upload order, then the row order within a file.
    """
    arts = corpus.articles
    detail = pd.Series("", index=arts.index, dtype="object")
    if flags is not None and len(flags):
        note = dict(zip(flags["article_id"], "near-duplicate of " + flags["duplicate_of_source"]
                        + flags["similarity"].map(lambda s: f" (similarity {s:.2f})"),
                        strict=True))
        detail = arts["article_id"].map(note).fillna("").astype("object")
    accepted = pd.DataFrame({"input": arts["source"].astype("object"), "status": "accepted",
                             "detail": detail.to_numpy(),
                             "article_id": arts["article_id"].astype("object")})
    rejected = pd.DataFrame({"input": corpus.rejects["input"].astype("object"),
                             "status": "rejected",
                             "detail": corpus.rejects["reason"].astype("object"),
                             "article_id": ""})
    report = pd.concat([accepted, rejected], ignore_index=True)[REPORT_COLUMNS]
    rank = {u.name: i for i, u in enumerate(uploads or [])}

    def key(name: str) -> tuple:
        top = next((u for u in rank if name == u or name.startswith((u + " ", u + "/"))), None)
        return (rank.get(top, len(rank)), _order(name))

    order = sorted(range(len(report)), key=lambda i: key(report["input"].iat[i]))
    return report.iloc[order].reset_index(drop=True)
