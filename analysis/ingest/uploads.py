"""Uploaded files -> a Corpus: staged in a folder the caller owns, zips unpacked, then imported.

Uploads are written to a folder the caller owns (the app: a per-session temporary directory)
under names of our own; zips are unpacked there safely (analysis.ingest.archives), gzipped
exports are measured through the capped reader (analysis.ingest.limits), then every file is
imported in upload order by analysis.ingest.corpus.load_files. Nothing is dropped without its
line in the report (analysis.ingest.report).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from analysis.ingest.archives import is_archive, unpack_zip
from analysis.ingest.corpus import Corpus, load_files
from analysis.ingest.decode import InputError
from analysis.ingest.limits import UPLOAD_LIMITS, Limits, is_gzip, unpacked_size
from analysis.tables import schema


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def distinct_names(uploads: list[Upload]) -> list[Upload]:
    """The uploads with names that tell them apart: a second "x.csv" becomes "x (2).csv", so its
    column choices and its lines in the report are its own."""
    seen: dict[str, int] = {}
    out = []
    for upload in uploads:
        seen[upload.name] = seen.get(upload.name, 0) + 1
        count = seen[upload.name]
        if count == 1:
            out.append(upload)
            continue
        ending = "".join(Path(upload.name).suffixes[-2:]) if upload.name.lower().endswith(
            ".gz") else Path(upload.name).suffix
        stem = upload.name[: len(upload.name) - len(ending)]
        out.append(replace(upload, name=f"{stem} ({count}){ending}"))
    return out


def upload_fingerprint(uploads: list[Upload], columns: dict | None = None) -> str:
    """sha256 over the uploads' names, bytes and column mappings: the key of their store."""
    digest = hashlib.sha256()
    for upload in uploads:
        digest.update(upload.name.encode("utf-8", "replace") + b"\0")
        digest.update(hashlib.sha256(upload.data).digest())
    digest.update(json.dumps(columns or {}, sort_keys=True).encode())
    return digest.hexdigest()


def _staged_name(name: str, index: int) -> str:
    """Our own file name for an upload: its position and the endings the importer reads by."""
    endings = "".join(Path(name).suffixes[-2:]).lower()
    keep = "".join(ch for ch in endings if ch.isalnum() or ch == ".")[:20]
    return f"upload-{index:04d}{keep}"


def stage(uploads: list[Upload], folder: Path,
          limits: Limits = UPLOAD_LIMITS) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Write the uploads (zips unpacked) under `folder`: (files to import, rejects)."""
    files: list[tuple[Path, str]] = []
    rejects: list[tuple[str, str]] = []
    used = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i, upload in enumerate(uploads):
        size = len(upload.data)
        target = folder / _staged_name(upload.name, i)
        if upload.name.lower().endswith(".zip"):
            if size > limits.max_total_bytes - used:
                rejects.append((upload.name, _over_total(limits)))
                continue
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
        else:
            try:  # a gzipped export counts with what it unpacks to, measured under the caps
                unpacked = unpacked_size(io.BytesIO(upload.data), upload.name, limits) \
                    if is_gzip(upload.name) else size
            except InputError as exc:
                rejects.append((upload.name, str(exc)))
                continue
            except (OSError, EOFError, ValueError):
                unpacked = size  # not gzip after all: the importer says "could not decompress"
            if unpacked > limits.max_total_bytes - used:
                rejects.append((upload.name, _over_total(limits)))
                continue
            target.write_bytes(upload.data)
            files.append((target, upload.name))
            used += unpacked
    return files, rejects


def _over_total(limits: Limits) -> str:
    return f"too large (the total upload limit of {limits.max_total_bytes} bytes is used up)"


def import_uploads(uploads: list[Upload], folder: Path, *, columns: dict | None = None,
                   limits: Limits = UPLOAD_LIMITS, min_words: int = 20) -> Corpus:
    """The corpus of the uploads; staging rejects come first in its rejects table.

    `columns` maps an upload's name (as `distinct_names` gives it) to its column mapping.
    """
    files, staged_rejects = stage(distinct_names(uploads), folder, limits)
    corpus = load_files(files, columns=columns, min_words=min_words, limits=limits)
    if not staged_rejects:
        return corpus
    extra = pd.DataFrame(staged_rejects, columns=["input", "reason"])
    rejects = schema.conform(pd.concat([extra, corpus.rejects], ignore_index=True), "rejects")
    return replace(corpus, rejects=rejects)
