"""Corpus import: a folder of .txt/.md/.html files, a CSV or JSONL(.gz) -> articles + rejects.

Every input (file, CSV row, JSONL line) ends as an article or as a reject with a reason, and a
bad input never stops the others. Texts are decoded (see analysis.textio), given \\n line
endings, and otherwise kept as they are: later steps take character offsets into them.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from analysis import htmltext, language, schemas, textio
from analysis.articlemeta import infer_outlet, title_from

TEXT_KEYS = ("content_original", "content", "text", "body", "article", "maintext")
OUTLET_KEYS = ("source", "outlet", "media_name", "publisher", "domain")
DATE_KEYS = ("date", "published", "publish_date", "pub_date", "publishedat")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "source_url")
MANIFEST_NAME = "manifest.csv"
UNKNOWN = "Unknown"

# A leading metadata line such as "date 2023-11-13" (not article text): stripped, used as date.
_DATE_PREFIX = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)")
# Files in a folder that describe the folder rather than hold an article.
_SKIP = re.compile(r"(?i)(readme|license|licence)(\.(md|txt))?$")


@dataclass(frozen=True)
class Corpus:
    articles: pd.DataFrame  # schemas "articles"; n_sentences 0 and tone NaN until the NLP step
    rejects: pd.DataFrame  # schemas "rejects": input, reason
    fingerprint: str  # sha256 over the sorted article ids, texts and metadata


@dataclass
class _Item:
    input: str
    text: str = ""
    outlet: str = ""
    date: str = ""
    title: str = ""
    url: str = ""
    reason: str | None = None  # set: a reject


def load_corpus(source: Path, *, manifest: Path | None = None, limit: int | None = None,
                min_words: int = 20, max_bytes: int = 5_000_000) -> Corpus:
    """Import a folder, a .csv, a .jsonl/.ndjson (optionally .gz) or a single .txt/.md file.

    `limit` stops after that many articles; `max_bytes` caps one article's text (UTF-8).
    A `manifest` (columns file, outlet, date, title, url) applies to a folder only; a folder's
    own manifest.csv is used when none is given.
    """
    source = Path(source)
    opts = {"limit": limit, "min_words": min_words, "max_bytes": max_bytes}
    if source.is_dir():
        return load_folder(source, manifest=manifest, **opts)
    if manifest is not None:
        raise ValueError("a manifest applies to a folder source only")
    if not source.is_file():
        raise FileNotFoundError(source)
    return _collect(_file_items(source, source.name, {}, max_bytes), **opts)


def load_folder(folder: Path, *, manifest: Path | None = None, limit: int | None = None,
                min_words: int = 20, max_bytes: int = 5_000_000) -> Corpus:
    """Every file under `folder`, in name order; manifest rows keyed by file name.

    Hidden files and a folder's README/LICENSE (.md, .txt) are not inputs and are skipped.
    """
    folder = Path(folder)
    manifest = Path(manifest) if manifest else folder / MANIFEST_NAME
    return _collect(_folder_items(folder, manifest, max_bytes),
                    limit=limit, min_words=min_words, max_bytes=max_bytes)


def load_csv(path: Path, *, limit: int | None = None, min_words: int = 20,
             max_bytes: int = 5_000_000) -> Corpus:
    """A CSV export with a header row (, ; tab or |); "row N" counts data rows from 1."""
    items = _row_items(Path(path), Path(path).name, "csv", max_bytes)
    return _collect(items, limit=limit, min_words=min_words, max_bytes=max_bytes)


def load_jsonl(path: Path, *, limit: int | None = None, min_words: int = 20,
               max_bytes: int = 5_000_000) -> Corpus:
    """JSON Lines (one object per line), gzip-compressed when the name ends in .gz."""
    items = _row_items(Path(path), Path(path).name, "jsonl", max_bytes)
    return _collect(items, limit=limit, min_words=min_words, max_bytes=max_bytes)


def load_files(files: Iterable[tuple[Path, str]], *,
               columns: dict[str, dict[str, str]] | None = None, min_words: int = 20,
               max_bytes: int = 5_000_000) -> Corpus:
    """Each (path, input name) in order, nothing skipped (uploads: every file gets its line).

    `columns` maps an input name to its column mapping (field -> column: text, outlet, date,
    title, url) for a CSV or JSONL; fields left out fall back to the usual column names.
    """
    columns = columns or {}
    items = itertools.chain.from_iterable(
        _file_items(Path(path), name, {}, max_bytes, columns.get(name)) for path, name in files)
    return _collect(items, limit=None, min_words=min_words, max_bytes=max_bytes)


def article_id(outlet: str, title: str, text: str) -> str:
    """Stable id: the first 16 hex digits of sha1 over outlet, title and text."""
    data = f"{outlet}\x1f{title}\x1f{text}".encode("utf-8", "replace")
    return hashlib.sha1(data).hexdigest()[:16]


# --- inputs -> items ---------------------------------------------------------------------------

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
    except textio.InputError as exc:
        reason = str(exc)
    except UnicodeError as exc:
        reason = f"could not decode ({exc})"
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        reason = f"could not decompress ({exc})"
    except Exception as exc:
        reason = f"could not read ({type(exc).__name__}: {exc})"
    yield (name, {}, reason) if as_row else _Item(name, reason=reason)


def _file_items(path: Path, name: str, meta: dict[str, str], max_bytes: int,
                columns: dict[str, str] | None = None) -> Iterator[_Item]:
    kind = _kind(name)
    if kind in ("csv", "jsonl"):
        yield from _row_items(path, name, kind, max_bytes, columns)
    elif kind in ("text", "html"):
        yield from _guard(name, _text_item(path, name, meta, max_bytes, html=kind == "html"))
    else:
        suffix = Path(name).suffix.lower()
        yield _Item(name, reason=f"unsupported file type {suffix or '(no extension)'}")


def _text_item(path: Path, name: str, meta: dict[str, str], max_bytes: int, *,
               html: bool = False) -> Iterator[_Item]:
    size = path.stat().st_size
    # a page carries markup besides its text: allow it more bytes before the text is checked
    limit = max_bytes * 4 if html else max_bytes
    if size > limit:
        yield _Item(name, reason=f"too large ({size} bytes, limit {limit})")
        return
    if not html:
        yield _Item(name, text=textio.decode_bytes(path.read_bytes()), **meta)
        return
    page = htmltext.extract(path.read_bytes())
    found = {"title": page.title, "date": page.date}
    yield _Item(name, text=page.text, **{**found, **{k: v for k, v in meta.items() if v}})


def _folder_items(folder: Path, manifest: Path, max_bytes: int) -> Iterator[_Item]:
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
        yield from _file_items(path, rel, meta.get(key, {}), max_bytes)
    for missing in meta.keys() - used:
        yield _Item(f"{manifest.name} file {missing}", reason=f"no such file: {missing}")


def _manifest_items(manifest: Path, meta: dict, max_bytes: int) -> Iterator[_Item]:
    """Fill `meta` (file name -> fields) from the manifest; yield its bad rows as rejects."""
    for where, row, reason in textio.csv_rows(manifest, manifest.name, max_bytes, ("file",),
                                              "file"):
        if reason or not row.get("file", "").strip():
            yield _Item(where, reason=reason or "manifest row without a file name")
        else:
            meta[row["file"].strip()] = _pick(row, with_text=False)


FIELD_KEYS = {"text": TEXT_KEYS, "outlet": OUTLET_KEYS, "date": DATE_KEYS, "title": TITLE_KEYS,
              "url": URL_KEYS}


def _first(row: dict, keys: tuple[str, ...]):
    return next((row[k] for k in keys if k in row), None)


def _keys(columns: dict[str, str] | None) -> dict[str, tuple[str, ...]]:
    """Per field, the columns to look in: the user's mapped column, else the usual names."""
    columns = {f: c.strip().lower() for f, c in (columns or {}).items() if c and c.strip()}
    return {f: (columns[f],) if f in columns else keys for f, keys in FIELD_KEYS.items()}


def _pick(row: dict, *, with_text: bool = True,
          columns: dict[str, str] | None = None) -> dict[str, str]:
    """The item fields of a CSV row or JSON object (keys already lower-cased)."""
    keys = _keys(columns)
    if not with_text:
        del keys["text"]
    return {field: textio.as_text(_first(row, names)) for field, names in keys.items()}


def _row_items(path: Path, name: str, kind: str, max_bytes: int,
               columns: dict[str, str] | None = None) -> Iterator[_Item]:
    """The rows of one CSV or JSONL file as items; a failure rejects the rest of the file."""
    text_keys = _keys(columns)["text"]
    if kind == "csv":
        rows = textio.csv_rows(path, name, max_bytes, text_keys, "text")
    else:
        rows = textio.jsonl_rows(path, name, max_bytes)
    for where, row, reason in _guard(name, rows, as_row=True):
        if reason is None and _first(row, text_keys) is None:
            reason = f"missing text column (looked for {', '.join(text_keys)})"
        if reason:
            yield _Item(where, reason=reason)
        else:
            yield _Item(where, **_pick(row, columns=columns))


# --- items -> Corpus ---------------------------------------------------------------------------

def _vet(item: _Item, seen: dict[bytes, str], min_words: int,
         max_bytes: int) -> tuple[str, int, str, str | None]:
    """(text without a date prefix, word count, outlet, reject reason or None).

    A duplicate is the same text from the same outlet: one wire story run by two outlets is
    two articles, since how outlets carry it is what the tool compares.
    """
    if item.reason is not None:
        return "", 0, UNKNOWN, item.reason
    size = len(item.text.encode("utf-8", "replace"))
    text = textio.clean(textio.normalise_newlines(item.text))
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        text, item.date = text[prefix.end():], item.date.strip() or prefix.group(1)
    words = text.split()
    outlet = textio.clean(item.outlet).strip() or infer_outlet(text) or UNKNOWN
    key = hashlib.sha1(f"{outlet}\x1f{' '.join(words)}".casefold().encode("utf-8")).digest()
    if size > max_bytes:
        return text, len(words), outlet, f"too large ({size} bytes, limit {max_bytes})"
    if not words:
        return text, 0, outlet, "empty text"
    if len(words) < min_words:
        return text, len(words), outlet, f"too short ({len(words)} words, minimum {min_words})"
    foreign = language.not_english_reason(text)
    if foreign:
        return text, len(words), outlet, foreign
    if key in seen:
        return text, len(words), outlet, f"duplicate of {seen[key]}"
    seen[key] = item.input
    return text, len(words), outlet, None


def _collect(items: Iterable[_Item], *, limit: int | None, min_words: int,
             max_bytes: int) -> Corpus:
    columns = ("article_id", "outlet", "title", "published", "url", "source", "n_words")
    rows: dict[str, list] = {col: [] for col in columns}
    texts: list[str] = []
    chunks: list[pa.Array] = []  # texts move to Arrow in batches: one copy in memory, not two
    rejects: list[dict] = []
    seen: dict[bytes, str] = {}
    digests: list[str] = []  # per article, for the fingerprint
    for item in items:
        if limit is not None and len(rows["source"]) >= limit:
            break
        text, n_words, outlet, reason = _vet(item, seen, min_words, max_bytes)
        if reason is not None:
            rejects.append({"input": item.input, "reason": reason})
            continue
        title = " ".join(textio.clean(item.title).split()) or title_from(text)
        values = (article_id(outlet, title, text), outlet, title, item.date.strip(),
                  textio.clean(item.url).strip(), item.input, n_words)
        for col, value in zip(columns, values, strict=True):
            rows[col].append(value)
        record = "\x1f".join((*values[1:6], text)).encode("utf-8")
        digests.append(values[0] + hashlib.sha256(record).hexdigest())
        texts.append(text)
        if len(texts) >= 1000:
            chunks.append(pa.array(texts, type=pa.large_string()))
            texts = []
    reject_df = schemas.conform(pd.DataFrame(rejects, columns=["input", "reason"]), "rejects")
    # sha256 over the articles sorted by id, each as id + sha256 of its fields and text
    fingerprint = hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()
    if not rows["source"]:
        return Corpus(schemas.empty("articles"), reject_df, fingerprint)
    chunks.append(pa.array(texts, type=pa.large_string()))
    df = pd.DataFrame(rows)
    df["text"] = pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string()))
    df["published"] = textio.parse_dates(rows["published"])
    df["n_sentences"], df["tone"] = 0, float("nan")
    articles = schemas.conform(df, "articles")
    return Corpus(articles, reject_df, fingerprint)

