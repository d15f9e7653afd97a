"""Unpacking an uploaded .zip without trusting it: zip-slip, zip bombs, nested archives.

Every member ends as a file written under `dest` or as a reject with its reason. Sizes in the
zip's directory can lie, so they are checked before reading and counted again while reading
(analysis.ingest.limits). Members are written under names of our own (their position in the
zip), so neither a member's path nor a clash of names ("d" and "d/x.txt") can touch the disk
outside `dest` or break the import; the input name in the report stays "zip/member".
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO

from analysis.ingest.decode import InputError
from analysis.ingest.limits import Limits, capped_member, is_gzip, unpacked_size

ARCHIVE_ENDS = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".7z", ".rar", ".gz",
                ".bz2", ".xz", ".jar")
# compressed files the importer reads itself (a gzipped JSONL or CSV export) are not archives
READABLE_GZ = (".jsonl.gz", ".ndjson.gz", ".csv.gz")
CHUNK = 1 << 16


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


def staged_name(index: int, member: str) -> str:
    """Our own file name for a member: its position, and the endings the importer reads by."""
    endings = "".join(PurePosixPath(member).suffixes[-2:]).lower()
    keep = "".join(ch for ch in endings if ch.isalnum() or ch == ".")[:20]
    return f"member-{index:06d}{keep}"


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
    dest.mkdir(parents=True, exist_ok=True)
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
            target = dest / staged_name(i, info.filename)
            reason, written = _member(archive, info, target, limits, budget - used, i)
            if reason:
                rejects.append((where, reason))
            else:
                used += written
                files.append((target, where))
    return files, rejects, used


def _refusal(info: zipfile.ZipInfo, limits: Limits, budget: int, index: int) -> str | None:
    """Why a member is refused before reading it, or None."""
    mode = info.external_attr >> 16
    if index >= limits.max_members:
        return f"refused: more than {limits.max_members} files in the zip"
    if safe_member_path(info.filename) is None:
        return "refused: path escapes the archive folder"
    if stat.S_ISLNK(mode):
        return "refused: a symbolic link"
    if is_archive(info.filename):
        return "refused: nested archive"
    if info.flag_bits & 0x1:
        return "refused: encrypted"
    if info.file_size > limits.max_file_bytes:
        return f"too large ({info.file_size} bytes, limit {limits.max_file_bytes})"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > CHUNK and ratio > limits.max_ratio:
        return f"refused: compression ratio {ratio:.0f}:1 (limit {limits.max_ratio:.0f}:1)"
    if info.file_size > budget:
        return f"too large (the total upload limit of {limits.max_total_bytes} bytes is used up)"
    return None


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limits: Limits,
            budget: int, index: int) -> tuple[str | None, int]:
    """(reject reason or None, bytes it unpacks to) for one member, written to `target`."""
    refusal = _refusal(info, limits, budget, index)
    if refusal:
        return refusal, 0
    written = 0
    try:
        with capped_member(archive, info, limits) as src, open(target, "wb") as dst:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise InputError("refused: unpacks to more than its stated size")
                dst.write(chunk)
        # a gzipped export inside the zip counts with what it unpacks to
        unpacked = unpacked_size(target, info.filename, limits) if is_gzip(info.filename) \
            else written
    except InputError as exc:
        target.unlink(missing_ok=True)
        return str(exc), 0
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:  # RuntimeError: "password required"
        target.unlink(missing_ok=True)
        return f"could not read from the zip ({exc})", 0
    if unpacked > budget:
        target.unlink(missing_ok=True)
        return f"too large (the total upload limit of {limits.max_total_bytes} bytes is used up)", 0
    return None, unpacked
