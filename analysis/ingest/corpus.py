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
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from analysis.ingest.article_meta import (
    dateline_date,
    infer_outlet,
    is_unknown,
    title_from,
    unknown_outlet,
)
from analysis.ingest.decode import clean, normalise_newlines
from analysis.ingest.fields import parse_dates
from analysis.ingest.groups import metadata_groups
from analysis.ingest.inputs import Item, file_items, folder_items
from analysis.ingest.language import not_english_reason
from analysis.ingest.limits import CLI_LIMITS, UPLOAD_LIMITS, Limits
from analysis.tables import schema

MANIFEST_NAME = "manifest.csv"

# A leading metadata line such as "date 2023-11-13" (not article text): stripped, used as date.
_DATE_PREFIX = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)")


@dataclass(frozen=True)
class Corpus:
    articles: pd.DataFrame  # schema "articles"; n_sentences 0 and tone NaN until the NLP step
    rejects: pd.DataFrame  # schema "rejects": input, reason
    fingerprint: str  # sha256 over the sorted article ids, texts and metadata
    # schema "notes": what reading an accepted input took (a line decoded as cp1252, ...)
    notes: pd.DataFrame = field(default_factory=lambda: schema.empty("notes"))
    # outlet, group: the group the import's group column gives each outlet (analysis.ingest.groups)
    groups: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["outlet", "group"], dtype="string"))


def load_corpus(source: Path, *, manifest: Path | None = None, limit: int | None = None,
                min_words: int = 20, limits: Limits = CLI_LIMITS) -> Corpus:
    """Import a folder, a .csv, a .jsonl/.ndjson (optionally .gz) or a single .txt/.md file.

    `limit` stops after that many articles; `limits` caps what is read (an article's size,
    unpacked bytes, compression ratio, lines and rejects per file).
    A `manifest` (columns file, outlet, date, title, url) applies to a folder only; a folder's
    own manifest.csv is used when none is given.
    """
    source = Path(source)
    if source.is_dir():
        return load_folder(source, manifest=manifest, limit=limit, min_words=min_words,
                           limits=limits)
    if manifest is not None:
        raise ValueError("a manifest applies to a folder source only")
    if not source.is_file():
        raise FileNotFoundError(source)
    return _collect(file_items(source, source.name, {}, limits), limit=limit,
                    min_words=min_words, limits=limits)


def load_folder(folder: Path, *, manifest: Path | None = None, limit: int | None = None,
                min_words: int = 20, limits: Limits = CLI_LIMITS) -> Corpus:
    """Every file under `folder`, in name order; manifest rows keyed by file name.

    Hidden files and a folder's README/LICENSE (.md, .txt) are not inputs and are skipped; a
    symbolic link that leaves the folder is refused.
    """
    folder = Path(folder)
    manifest = Path(manifest) if manifest else folder / MANIFEST_NAME
    return _collect(folder_items(folder, manifest, limits), limit=limit, min_words=min_words,
                    limits=limits)


def load_files(files: Iterable[tuple[Path, str]], *,
               columns: dict[str, dict[str, str]] | None = None, min_words: int = 20,
               limits: Limits = UPLOAD_LIMITS) -> Corpus:
    """Each (path, input name) in order, nothing skipped (uploads: every file gets its line).

    `columns` maps an input name to its column mapping (field -> column: text, outlet, date,
    title, url) for a CSV or JSONL; fields left out fall back to the usual column names.
    """
    columns = columns or {}
    items = itertools.chain.from_iterable(
        file_items(Path(path), name, {}, limits, columns.get(name)) for path, name in files)
    return _collect(items, limit=None, min_words=min_words, limits=limits)


def article_id(outlet: str, title: str, text: str) -> str:
    """Stable id: the first 16 hex digits of sha1 over outlet, title and text."""
    data = f"{outlet}\x1f{title}\x1f{text}".encode("utf-8", "replace")
    return hashlib.sha1(data).hexdigest()[:16]


# --- items -> Corpus ---------------------------------------------------------------------------

@dataclass
class _Vetted:
    text: str
    n_words: int
    outlet: str
    outlet_from: str  # metadata | signoff | dateline | unknown
    reason: str | None  # set: a reject


def _outlet(item: Item, text: str) -> tuple[str, str]:
    """(outlet, where it came from): the input's own field unless it says nothing, else what the
    text says (a sign-off, a dateline's agency), else a source of its own."""
    given = clean(item.outlet).strip()
    if not is_unknown(given):
        return given, "metadata"
    found = infer_outlet(text)
    return found if found else (unknown_outlet(item.input), "unknown")


def _vet(item: Item, seen: dict[bytes, str], min_words: int, max_bytes: int) -> _Vetted:
    """The item's text (without a date prefix), words and outlet, and its reject reason if any.

    A duplicate is the same text from the same outlet (or from no known outlet): one wire story
    run by two outlets is two articles, since how outlets carry it is what the tool compares.
    """
    if item.reason is not None:
        return _Vetted("", 0, "", "unknown", item.reason)
    size = len(item.text.encode("utf-8", "replace"))
    text = clean(normalise_newlines(item.text))
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        text, item.date = text[prefix.end():], item.date.strip() or prefix.group(1)
    if not item.date.strip():
        item.date = dateline_date(text) or ""
    words = text.split()
    outlet, outlet_from = _outlet(item, text)
    vetted = _Vetted(text, len(words), outlet, outlet_from, None)
    same = outlet if outlet_from != "unknown" else ""
    key = hashlib.sha1(f"{same}\x1f{' '.join(words)}".casefold().encode("utf-8")).digest()
    if size > max_bytes:
        vetted.reason = f"too large ({size} bytes, limit {max_bytes})"
    elif not words:
        vetted.reason = "empty text"
    elif len(words) < min_words:
        vetted.reason = f"too short ({len(words)} words, minimum {min_words})"
    elif foreign := not_english_reason(text):
        vetted.reason = foreign
    elif key in seen:
        vetted.reason = f"duplicate of {seen[key]}"
    else:
        seen[key] = item.input
    return vetted


def _collect(items: Iterable[Item], *, limit: int | None, min_words: int,
             limits: Limits) -> Corpus:
    columns = ("article_id", "outlet", "outlet_from", "title", "published", "url", "source",
               "n_words")
    rows: dict[str, list] = {col: [] for col in columns}
    texts: list[str] = []
    chunks: list[pa.Array] = []  # texts move to Arrow in batches: one copy in memory, not two
    rejects: list[dict] = []
    notes: list[dict] = []
    seen: dict[bytes, str] = {}
    digests: list[str] = []  # per article, for the fingerprint
    groups: list[str] = []  # per article, the group its input gives its outlet
    for item in items:
        if limit is not None and len(rows["source"]) >= limit:
            break
        vetted = _vet(item, seen, min_words, limits.max_article_bytes)
        if vetted.reason is not None:
            rejects.append({"input": item.input, "reason": vetted.reason})
            continue
        text, outlet = vetted.text, vetted.outlet
        notes += [{"input": item.input, "note": note} for note in dict.fromkeys(item.notes)]
        title = " ".join(clean(item.title).split()) or title_from(text)
        values = (article_id(outlet, title, text), outlet, vetted.outlet_from, title,
                  item.date.strip(), clean(item.url).strip(), item.input, vetted.n_words)
        for col, value in zip(columns, values, strict=True):
            rows[col].append(value)
        group = " ".join(clean(item.group).split()) if vetted.outlet_from != "unknown" else ""
        groups.append(group)
        # the group joins the record only when there is one: corpora without stay as they were
        record = "\x1f".join((*values[1:7], *([group] if group else []), text)).encode("utf-8")
        digests.append(values[0] + hashlib.sha256(record).hexdigest())
        texts.append(text)
        if len(texts) >= 1000:
            chunks.append(pa.array(texts, type=pa.large_string()))
            texts = []
    reject_df = schema.conform(pd.DataFrame(rejects, columns=["input", "reason"]), "rejects")
    # sha256 over the articles sorted by id, each as id + sha256 of its fields and text
    fingerprint = hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()
    if not rows["source"]:
        return Corpus(schema.empty("articles"), reject_df, fingerprint, _notes(notes))
    chunks.append(pa.array(texts, type=pa.large_string()))
    df = pd.DataFrame(rows)
    df["text"] = pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string()))
    df["published"] = parse_dates(rows["published"])
    df["n_chars"] = df["text"].str.len()
    raw_dates = pd.Series(rows["published"], dtype="object")
    unread = df["published"].isna() & (raw_dates.str.strip() != "")
    notes += [{"input": source, "note": f"date {raw!r} not understood; left undated"}
              for source, raw in zip(df.loc[unread, "source"], raw_dates[unread], strict=True)]
    df["n_sentences"], df["tone"] = 0, float("nan")
    articles = schema.conform(df, "articles")
    return Corpus(articles, reject_df, fingerprint, _notes(notes),
                  metadata_groups(rows["outlet"], groups))


def _notes(notes: list[dict]) -> pd.DataFrame:
    return schema.conform(pd.DataFrame(notes, columns=["input", "note"]), "notes")

