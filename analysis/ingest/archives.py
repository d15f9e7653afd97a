"""Unpacking an uploaded .zip without trusting it: zip-slip, zip bombs, nested archives.

Every member ends as a file written under `dest` or as a reject with its reason. Sizes in the
zip's directory can lie, so they are checked before reading and again while reading.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

ARCHIVE_ENDS = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".7z", ".rar", ".gz",
                ".bz2", ".xz", ".jar")
# compressed files the importer reads itself (a gzipped JSONL or CSV export) are not archives
READABLE_GZ = (".jsonl.gz", ".ndjson.gz", ".csv.gz")
CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """Upload limits; all configurable (see dashboard.uploads for the app's settings)."""

    max_file_bytes: int = 20_000_000  # one uploaded file or one zip member, unpacked
    max_total_bytes: int = 200_000_000  # all uploads together, zips counted unpacked
    max_ratio: float = 100.0  # unpacked / compressed size of one zip member
    max_members: int = 20_000


def is_archive(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(ARCHIVE_ENDS) and not lower.endswith(READABLE_GZ)


def safe_member_path(name: str) -> PurePosixPath | None:
    """The member's relative path, or None when it would land outside the folder."""
    name = name.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        return None
    parts = [p for p in path.parts if p not in ("", ".")]
    return PurePosixPath(*parts) if parts else None


def _copy_capped(src: IO[bytes], dst: IO[bytes], cap: int) -> int | None:
    """Copy at most `cap` bytes; None when there was more (the zip's size field lied)."""
    written = 0
    while chunk := src.read(CHUNK):
        written += len(chunk)
        if written > cap:
            return None
        dst.write(chunk)
    return written


def unpack_zip(source: Path | IO[bytes], label: str, dest: Path, limits: Limits,
               budget: int) -> tuple[list[tuple[Path, str]], list[tuple[str, str]], int]:
    """Members of the zip `label` written under `dest`.

    Returns (files as (path, input name "label/member"), rejects as (input, reason), bytes
    used of `budget`, the total unpacked bytes still allowed).
    """
    files: list[tuple[Path, str]] = []
    rejects: list[tuple[str, str]] = []
    used = 0
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [], [(label, f"could not read zip ({exc})")], 0
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if not members:
            rejects.append((label, "empty file (a zip without files)"))
        taken: set[PurePosixPath] = set()
        for i, info in enumerate(members):
            where = f"{label}/{info.filename}"
            rel = safe_member_path(info.filename)
            if rel is not None and rel in taken:
                rejects.append((where, "refused: a second file with the same path"))
                continue
            taken.add(rel)
            reason, written = _member(archive, info, dest, limits, budget - used, i)
            if reason:
                rejects.append((where, reason))
            else:
                used += written
                files.append((dest / safe_member_path(info.filename), where))
    return files, rejects, used


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, limits: Limits,
            budget: int, index: int) -> tuple[str | None, int]:
    """(reject reason or None, bytes written) for one member."""
    rel = safe_member_path(info.filename)
    mode = info.external_attr >> 16
    if index >= limits.max_members:
        return f"refused: more than {limits.max_members} files in the zip", 0
    if rel is None:
        return "refused: path escapes the archive folder", 0
    if stat.S_ISLNK(mode):
        return "refused: a symbolic link", 0
    if is_archive(info.filename):
        return "refused: nested archive", 0
    if info.flag_bits & 0x1:
        return "refused: encrypted", 0
    if info.file_size > limits.max_file_bytes:
        return f"too large ({info.file_size} bytes, limit {limits.max_file_bytes})", 0
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > CHUNK and ratio > limits.max_ratio:
        return f"refused: compression ratio {ratio:.0f}:1 (limit {limits.max_ratio:.0f}:1)", 0
    if info.file_size > budget:
        return f"too large (the total upload limit of {limits.max_total_bytes} bytes is used up)", 0
    target = dest / rel
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as src, open(target, "wb") as dst:
            written = _copy_capped(src, dst, min(info.file_size, budget))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        target.unlink(missing_ok=True)
        return f"could not read from the zip ({exc})", 0
    except RuntimeError as exc:  # e.g. "password required"
        target.unlink(missing_ok=True)
        return f"could not read from the zip ({exc})", 0
    if written is None:
        target.unlink(missing_ok=True)
        return "refused: unpacks to more than its stated size", 0
    return None, written
