"""Inputs to items: a folder, a file, a CSV or JSONL file become one item per article or reject.

An item is an input's fields (text, outlet, date, title, url) or a reject reason; a failure
reading one input becomes a reject of that input and the others go on.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.ingest.decode import InputError, decode_bytes
from analysis.ingest.fields import field_keys, first_present, pick_fields
from analysis.ingest.rows import csv_rows, jsonl_rows
from analysis.ingest.webpages import extract_page

# Files in a folder that describe the folder rather than hold an article.
_SKIP = re.compile(r"(?i)(readme|license|licence)(\.(md|txt))?$")


@dataclass
class Item:
    input: str
    text: str = ""
    outlet: str = ""
    date: str = ""
    title: str = ""
    url: str = ""
    reason: str | None = None  # set: a reject


def _kind(name: str) -> str:
    lower = name.lower()
    kinds = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".csv": "csv",
             ".csv.gz": "csv", ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".ndjson": "jsonl",
             ".ndjson.gz": "jsonl"}
    return next((kind for end, kind in kinds.items() if lower.endswith(end)), "other")


def _guard(name: str, items: Iterator, *, as_row: bool = False) -> Iterator:
    """Turn any failure reading one input into a reject of that input; the others go on."""
    try:
        yield from items
        return
    except InputError as exc:
        reason = str(exc)
    except UnicodeError as exc:
        reason = f"could not decode ({exc})"
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        reason = f"could not decompress ({exc})"
    except Exception as exc:
        reason = f"could not read ({type(exc).__name__}: {exc})"
    yield (name, {}, reason) if as_row else Item(name, reason=reason)


def file_items(path: Path, name: str, meta: dict[str, str], max_bytes: int,
                columns: dict[str, str] | None = None) -> Iterator[Item]:
    kind = _kind(name)
    if kind in ("csv", "jsonl"):
        yield from _row_items(path, name, kind, max_bytes, columns)
    elif kind in ("text", "html"):
        yield from _guard(name, _text_item(path, name, meta, max_bytes, html=kind == "html"))
    else:
        suffix = Path(name).suffix.lower()
        yield Item(name, reason=f"unsupported file type {suffix or '(no extension)'}")


def _text_item(path: Path, name: str, meta: dict[str, str], max_bytes: int, *,
               html: bool = False) -> Iterator[Item]:
    size = path.stat().st_size
    # a page carries markup besides its text: allow it more bytes before the text is checked
    limit = max_bytes * 4 if html else max_bytes
    if size > limit:
        yield Item(name, reason=f"too large ({size} bytes, limit {limit})")
        return
    if not html:
        yield Item(name, text=decode_bytes(path.read_bytes()), **meta)
        return
    page = extract_page(path.read_bytes())
    found = {"title": page.title, "date": page.date}
    yield Item(name, text=page.text, **{**found, **{k: v for k, v in meta.items() if v}})


def folder_items(folder: Path, manifest: Path, max_bytes: int) -> Iterator[Item]:
    meta: dict[str, dict[str, str]] = {}
    if manifest.is_file():
        yield from _guard(manifest.name, _manifest_items(manifest, meta, max_bytes))
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not _SKIP.match(p.name)
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    used = set()
    for path in files:
        if path.resolve() == manifest.resolve():
            continue
        rel = path.relative_to(folder).as_posix()
        key = rel if rel in meta else path.name
        used.add(key)
        yield from file_items(path, rel, meta.get(key, {}), max_bytes)
    for missing in meta.keys() - used:
        yield Item(f"{manifest.name} file {missing}", reason=f"no such file: {missing}")


def _manifest_items(manifest: Path, meta: dict, max_bytes: int) -> Iterator[Item]:
    """Fill `meta` (file name -> fields) from the manifest; yield its bad rows as rejects."""
    for where, row, reason in csv_rows(manifest, manifest.name, max_bytes, ("file",),
                                              "file"):
        if reason or not row.get("file", "").strip():
            yield Item(where, reason=reason or "manifest row without a file name")
        else:
            meta[row["file"].strip()] = pick_fields(row, with_text=False)


def _row_items(path: Path, name: str, kind: str, max_bytes: int,
               columns: dict[str, str] | None = None) -> Iterator[Item]:
    """The rows of one CSV or JSONL file as items; a failure rejects the rest of the file."""
    text_keys = field_keys(columns)["text"]
    if kind == "csv":
        rows = csv_rows(path, name, max_bytes, text_keys, "text")
    else:
        rows = jsonl_rows(path, name, max_bytes)
    for where, row, reason in _guard(name, rows, as_row=True):
        if reason is None and first_present(row, text_keys) is None:
            reason = f"missing text column (looked for {', '.join(text_keys)})"
        if reason:
            yield Item(where, reason=reason)
        else:
            yield Item(where, **pick_fields(row, columns=columns))
