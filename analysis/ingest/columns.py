"""Column mapping for an uploaded CSV or JSONL: which column holds the text, the outlet, the
date, the title and the url, pre-filled from the common names and from what the rows hold."""

from __future__ import annotations

import csv
import io
import itertools
import json

from analysis.ingest.decode import InputError, decode_bytes
from analysis.ingest.fields import FIELD_KEYS, FIELDS, as_text
from analysis.ingest.limits import Limits, is_gzip, open_capped
from analysis.ingest.rows import DELIMITERS
from analysis.ingest.uploads import Upload

SAMPLE_BYTES = 1 << 20
SAMPLE_ROWS = 50
MAPPED_ENDINGS = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def needs_mapping(name: str) -> bool:
    return name.lower().endswith(MAPPED_ENDINGS)


def _head(upload: Upload) -> str:
    """The first megabyte of the upload as text ("" when it cannot be read)."""
    try:
        if is_gzip(upload.name):
            caps = Limits(max_file_bytes=SAMPLE_BYTES * 4)
            with open_capped(io.BytesIO(upload.data), upload.name, caps) as stream:
                data = stream.read(SAMPLE_BYTES)
        else:
            data = upload.data[:SAMPLE_BYTES]
        return decode_bytes(data) if data else ""
    except (InputError, OSError, EOFError, ValueError):
        return ""


def sample_rows(upload: Upload) -> list[dict]:
    """The first rows of a CSV or JSONL upload, keys lower-cased as the importer sees them."""
    head = _head(upload)
    if ".csv" in upload.name.lower():
        return _csv_sample(head)
    rows = []
    for line in head.split("\n")[:SAMPLE_ROWS]:
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):  # a line too deep to read is no sample
            continue
        if isinstance(obj, dict):
            rows.append({str(k).strip().lower(): v for k, v in obj.items()})
    return rows


def _csv_sample(head: str) -> list[dict]:
    first = head.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    header: list[str] = []
    rows: list[dict] = []
    try:
        reader = csv.reader(io.StringIO(head), delimiter=delimiter)
        header = [c.strip().lower() for c in next(reader, [])]
        for record in itertools.islice(reader, SAMPLE_ROWS):
            rows.append(dict(zip(header, record, strict=False)))
    except csv.Error:
        pass  # the sample ends where the CSV goes wrong; the importer reports the row
    return rows or [dict.fromkeys(header, "")]


def columns_of(upload: Upload) -> list[str]:
    """The column names of a CSV or JSONL upload (lower-cased, as the importer sees them)."""
    seen: dict[str, None] = {}
    for row in sample_rows(upload):
        seen.update(dict.fromkeys(row))
    return list(seen)


def guess_columns(rows: list[dict]) -> dict[str, str]:
    """field -> column: of the common names (content, body, source, media_name, ...) the first
    that the sampled rows fill, else the first they have."""
    present = {k for row in rows for k in row}
    filled = {k for row in rows for k, v in row.items() if as_text(v).strip()}
    return {field: next((k for k in FIELD_KEYS[field] if k in filled),
                        next((k for k in FIELD_KEYS[field] if k in present), ""))
            for field in FIELDS}
