"""Inputs to items: a folder, a file, a CSV or JSONL file become one item per article or reject.

An item is an input's fields (text, outlet, date, title, url) with the notes of what reading it
took, or a reject reason; a failure reading one input becomes a reject of that input and the
others go on.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.ingest.decode import InputError, decode_document
from analysis.ingest.fields import field_keys, has_any, pick_fields
from analysis.ingest.limits import Limits
from analysis.ingest.rows import Row, csv_rows, jsonl_rows
from analysis.ingest.webpages import extract_page

# Files in a folder that describe the folder rather than hold an article.
_SKIP = re.compile(r"(?i)(readme|license|licence)(\.(md|txt))?$")
# a page carries markup besides its text: it may be this many times an article's size
HTML_OVERHEAD = 4


@dataclass
class Item:
    input: str
    text: str = ""
    outlet: str = ""
    date: str = ""
    title: str = ""
    url: str = ""
    group: str = ""  # the outlet's group, when the input says (analysis.ingest.groups)
    reason: str | None = None  # set: a reject
    notes: list[str] = field(default_factory=list)


def _kind(name: str) -> str:
    lower = name.lower()
    kinds = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".csv": "csv",
             ".csv.gz": "csv", ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".ndjson": "jsonl",
             ".ndjson.gz": "jsonl"}
    return next((kind for end, kind in kinds.items() if lower.endswith(end)), "other")


def _failure(exc: BaseException) -> str:
    """The reject reason for a failure while reading an input."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, UnicodeError):
        return f"could not decode ({exc})"
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"could not decompress ({exc})"
    return f"could not read ({type(exc).__name__}: {exc})"


def _guarded_rows(name: str, rows: Iterator[Row]) -> Iterator[Row]:
    """The rows; a failure reading on becomes one last reject of the rest of the file."""
    try:
        yield from rows
    except Exception as exc:
        yield Row(name, {}, _failure(exc))


def file_items(path: Path, name: str, meta: dict[str, str], limits: Limits,
               columns: dict[str, str] | None = None) -> Iterator[Item]:
    kind = _kind(name)
    if kind in ("csv", "jsonl"):
        yield from _row_items(path, name, kind, limits, columns)
    elif kind in ("text", "html"):
        try:
            yield _text_item(path, name, meta, limits, html=kind == "html")
        except Exception as exc:
            yield Item(name, reason=_failure(exc))
    else:
        suffix = Path(name).suffix.lower()
        yield Item(name, reason=f"unsupported file type {suffix or '(no extension)'}")


def _text_item(path: Path, name: str, meta: dict[str, str], limits: Limits, *,
               html: bool = False) -> Item:
    size = path.stat().st_size
    limit = limits.max_article_bytes * (HTML_OVERHEAD if html else 1)
    if size > limit:
        return Item(name, reason=f"too large ({size} bytes, limit {limit})")
    if not html:
        decoded = decode_document(path.read_bytes())
        return Item(name, text=decoded.text, notes=decoded.notes, **meta)
    page = extract_page(path.read_bytes())
    found = {"title": page.title, "date": page.date}
    return Item(name, text=page.text, **{**found, **{k: v for k, v in meta.items() if v}})


def _folder_files(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """(file, None) for every file to import under `folder`, in name order, or (path, reason)
    for a symbolic link that leaves the folder or names a folder. Hidden files and the folder's
    README/LICENSE are not inputs."""
    root = folder.resolve()
    found: list[tuple[Path, str | None]] = []
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:
            if (here / name).is_symlink():
                found.append((here / name, "refused: a symbolic link to a folder (not followed)"))
        for name in files:
            path = here / name
            if name.startswith(".") or _SKIP.match(name):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                found.append((path, "refused: a symbolic link to a file outside the corpus "
                                    "folder"))
            elif path.is_file():
                found.append((path, None))
    yield from sorted(found, key=lambda pair: pair[0].relative_to(folder).as_posix())


def folder_items(folder: Path, manifest: Path, limits: Limits) -> Iterator[Item]:
    meta: dict[str, dict[str, str]] = {}
    if manifest.is_file():
        yield from _manifest_items(manifest, meta, limits)
    used = set()
    for path, refused in _folder_files(folder):
        rel = path.relative_to(folder).as_posix()
        if refused:
            yield Item(rel, reason=refused)
            continue
        if path.resolve() == manifest.resolve():
            continue
        key = rel if rel in meta else path.name
        used.add(key)
        yield from file_items(path, rel, meta.get(key, {}), limits)
    for missing in meta.keys() - used:
        yield Item(f"{manifest.name} file {missing}", reason=f"no such file: {missing}")


def _manifest_items(manifest: Path, meta: dict, limits: Limits) -> Iterator[Item]:
    """Fill `meta` (file name -> fields) from the manifest; yield its bad rows as rejects."""
    rows = csv_rows(manifest, manifest.name, limits, ("file",), "file")
    for row in _guarded_rows(manifest.name, rows):
        if row.reason or not row.fields.get("file", "").strip():
            yield Item(row.input, reason=row.reason or "manifest row without a file name")
        else:
            meta[row.fields["file"].strip()] = pick_fields(row.fields, with_text=False)


def _row_items(path: Path, name: str, kind: str, limits: Limits,
               columns: dict[str, str] | None = None) -> Iterator[Item]:
    """The rows of one CSV or JSONL file as items, each row on its own."""
    text_keys = field_keys(columns)["text"]
    if kind == "csv":
        rows = csv_rows(path, name, limits, text_keys, "text")
    else:
        rows = jsonl_rows(path, name, limits)
    for row in _guarded_rows(name, rows):
        reason = row.reason
        if reason is None and not has_any(row.fields, text_keys):
            reason = f"missing text column (looked for {', '.join(text_keys)})"
        if reason:
            yield Item(row.input, reason=reason)
        else:
            yield Item(row.input, notes=list(row.notes), **pick_fields(row.fields,
                                                                       columns=columns))
