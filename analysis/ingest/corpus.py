"""Corpus import: a folder of .txt/.md/.html files, a CSV or JSONL(.gz) -> articles + rejects.

Every input (file, CSV row, JSONL line) ends as an article or as a reject with a reason, and a
bad input never stops the others. Texts are decoded (analysis.ingest.decode), given \\n line
endings, and otherwise kept as they are: later steps take character offsets into them.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from analysis.ingest.article_meta import infer_outlet, title_from
from analysis.ingest.decode import clean, normalise_newlines
from analysis.ingest.fields import parse_dates
from analysis.ingest.inputs import Item, file_items, folder_items
from analysis.ingest.language import not_english_reason
from analysis.tables import schema

MANIFEST_NAME = "manifest.csv"
UNKNOWN = "Unknown"

# A leading metadata line such as "date 2023-11-13" (not article text): stripped, used as date.
_DATE_PREFIX = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)")


@dataclass(frozen=True)
class Corpus:
    articles: pd.DataFrame  # schema "articles"; n_sentences 0 and tone NaN until the NLP step
    rejects: pd.DataFrame  # schema "rejects": input, reason
    fingerprint: str  # sha256 over the sorted article ids, texts and metadata


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
    return _collect(file_items(source, source.name, {}, max_bytes), **opts)


def load_folder(folder: Path, *, manifest: Path | None = None, limit: int | None = None,
                min_words: int = 20, max_bytes: int = 5_000_000) -> Corpus:
    """Every file under `folder`, in name order; manifest rows keyed by file name.

    Hidden files and a folder's README/LICENSE (.md, .txt) are not inputs and are skipped.
    """
    folder = Path(folder)
    manifest = Path(manifest) if manifest else folder / MANIFEST_NAME
    return _collect(folder_items(folder, manifest, max_bytes),
                    limit=limit, min_words=min_words, max_bytes=max_bytes)


def load_files(files: Iterable[tuple[Path, str]], *,
               columns: dict[str, dict[str, str]] | None = None, min_words: int = 20,
               max_bytes: int = 5_000_000) -> Corpus:
    """Each (path, input name) in order, nothing skipped (uploads: every file gets its line).

    `columns` maps an input name to its column mapping (field -> column: text, outlet, date,
    title, url) for a CSV or JSONL; fields left out fall back to the usual column names.
    """
    columns = columns or {}
    items = itertools.chain.from_iterable(
        file_items(Path(path), name, {}, max_bytes, columns.get(name)) for path, name in files)
    return _collect(items, limit=None, min_words=min_words, max_bytes=max_bytes)


def article_id(outlet: str, title: str, text: str) -> str:
    """Stable id: the first 16 hex digits of sha1 over outlet, title and text."""
    data = f"{outlet}\x1f{title}\x1f{text}".encode("utf-8", "replace")
    return hashlib.sha1(data).hexdigest()[:16]


# --- items -> Corpus ---------------------------------------------------------------------------

def _vet(item: Item, seen: dict[bytes, str], min_words: int,
         max_bytes: int) -> tuple[str, int, str, str | None]:
    """(text without a date prefix, word count, outlet, reject reason or None).

    A duplicate is the same text from the same outlet: one wire story run by two outlets is
    two articles, since how outlets carry it is what the tool compares.
    """
    if item.reason is not None:
        return "", 0, UNKNOWN, item.reason
    size = len(item.text.encode("utf-8", "replace"))
    text = clean(normalise_newlines(item.text))
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        text, item.date = text[prefix.end():], item.date.strip() or prefix.group(1)
    words = text.split()
    outlet = clean(item.outlet).strip() or infer_outlet(text) or UNKNOWN
    key = hashlib.sha1(f"{outlet}\x1f{' '.join(words)}".casefold().encode("utf-8")).digest()
    if size > max_bytes:
        return text, len(words), outlet, f"too large ({size} bytes, limit {max_bytes})"
    if not words:
        return text, 0, outlet, "empty text"
    if len(words) < min_words:
        return text, len(words), outlet, f"too short ({len(words)} words, minimum {min_words})"
    foreign = not_english_reason(text)
    if foreign:
        return text, len(words), outlet, foreign
    if key in seen:
        return text, len(words), outlet, f"duplicate of {seen[key]}"
    seen[key] = item.input
    return text, len(words), outlet, None


def _collect(items: Iterable[Item], *, limit: int | None, min_words: int,
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
        title = " ".join(clean(item.title).split()) or title_from(text)
        values = (article_id(outlet, title, text), outlet, title, item.date.strip(),
                  clean(item.url).strip(), item.input, n_words)
        for col, value in zip(columns, values, strict=True):
            rows[col].append(value)
        record = "\x1f".join((*values[1:6], text)).encode("utf-8")
        digests.append(values[0] + hashlib.sha256(record).hexdigest())
        texts.append(text)
        if len(texts) >= 1000:
            chunks.append(pa.array(texts, type=pa.large_string()))
            texts = []
    reject_df = schema.conform(pd.DataFrame(rejects, columns=["input", "reason"]), "rejects")
    # sha256 over the articles sorted by id, each as id + sha256 of its fields and text
    fingerprint = hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()
    if not rows["source"]:
        return Corpus(schema.empty("articles"), reject_df, fingerprint)
    chunks.append(pa.array(texts, type=pa.large_string()))
    df = pd.DataFrame(rows)
    df["text"] = pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string()))
    df["published"] = parse_dates(rows["published"])
    df["n_chars"] = df["text"].str.len()
    df["n_sentences"], df["tone"] = 0, float("nan")
    articles = schema.conform(df, "articles")
    return Corpus(articles, reject_df, fingerprint)

