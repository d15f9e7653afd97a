"""Reading line-based inputs as a stream: lines, CSV rows and JSON Lines objects.

Every reader goes through `limits.open_capped` (decompression capped while it runs) and yields
one `Row` per record, a reject reason instead of stopping at a bad one: a row too large, a row
that is not valid CSV or JSON, a line in another encoding (decoded on its own, with a note).
Past `Limits.max_lines` lines or `Limits.max_rejects` rejected rows the rest of a file is
skipped, and one last row says so.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from analysis.ingest.decode import (
    MAX_NUL_SHARE,
    SNIFF_BYTES,
    DecodeError,
    fallback_encoding,
    sniff_bom,
    sniff_utf16,
)
from analysis.ingest.limits import Limits, open_capped

SLACK = 65_536  # a CSV row or JSON line may exceed the article limit by this much metadata
DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Row:
    input: str  # "name row N" or "name line N", or the file's name for a file-level row
    fields: dict  # lower-cased keys
    reason: str | None = None  # set: a reject
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    number: int  # from 1
    text: str | None  # None: longer than the limit, not kept
    size: int  # bytes
    quotes: int  # quote characters in it (counted even when the text is not kept)
    note: str | None = None


def read_lines(stream: IO[bytes], *, max_line: int, limits: Limits) -> Iterator[Line]:
    """The lines of a byte stream, decoded one by one (UTF-16/32 by its BOM or its NULs); a line
    longer than `max_line` is given without its text. A lone \\r (old Mac line end) ends a line
    too."""
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    encoding = sniff_bom(head) or sniff_utf16(head)
    src: IO = stream
    if encoding and encoding.startswith(("utf-16", "utf-32")):
        src = io.TextIOWrapper(stream, encoding=encoding, newline="")
    elif encoding == "utf-8-sig":
        stream.read(3)
    elif head.count(0) > MAX_NUL_SHARE * len(head):
        raise DecodeError("binary file")
    fallback: str | None = None
    number = 0
    while chunk := src.readline(max_line):
        number += 1
        if number > limits.max_lines:
            raise _TooMany(f"more than {limits.max_lines} lines; the lines after "
                           f"{limits.max_lines} were not read")
        if len(chunk) >= max_line and not _ends_line(chunk):
            size, quotes = len(chunk), _quotes(chunk)
            while more := src.readline(max_line):
                size, quotes = size + len(more), quotes + _quotes(more)
                if _ends_line(more):
                    break
            yield Line(number, None, size, quotes)
            continue
        note = None
        if isinstance(chunk, bytes):
            if b"\x00" in chunk:
                chunk, note = chunk.replace(b"\x00", b""), "NUL bytes removed"
            try:
                chunk = chunk.decode("utf-8")
            except UnicodeDecodeError:
                fallback = fallback or fallback_encoding(chunk)
                chunk, note = chunk.decode(fallback, errors="replace"), \
                    f"not UTF-8, decoded as {fallback}"
        pieces = re.split(r"(?<=\r)(?!\n|\Z)", chunk) if "\r" in chunk else (chunk,)
        number += len(pieces) - 1  # each old-Mac line counts as a line
        for at, piece in enumerate(pieces, start=number - len(pieces) + 1):
            yield Line(at, piece, len(piece), piece.count('"'), note)


def _ends_line(chunk: str | bytes) -> bool:
    return chunk.endswith("\n" if isinstance(chunk, str) else b"\n")


def _quotes(chunk: str | bytes) -> int:
    return chunk.count('"' if isinstance(chunk, str) else b'"')


class _TooMany(Exception):
    """The rest of a file is skipped: the message says why."""


def _rows(path: Path, name: str, limits: Limits, body) -> Iterator[Row]:
    """`body(stream)`'s rows, with the per-file caps: past `max_rejects` rejected rows (or
    `max_lines` lines) one last row says the rest was skipped."""
    rejects = 0
    try:
        with open_capped(path, name, limits) as stream:
            for row in body(stream):
                yield row
                if row.reason is not None:
                    rejects += 1
                    if rejects >= limits.max_rejects:
                        raise _TooMany(f"more than {limits.max_rejects} rejected rows; the rest "
                                       "of the file was not read")
    except _TooMany as stop:
        yield Row(f"{name} (rest)", {}, f"skipped: {stop}")


# -- CSV --------------------------------------------------------------------------------------

def _inside_quotes(line: str, inside: bool, delimiter: str) -> bool:
    """Whether a record is still inside a quoted field after `line`, read as Python's csv
    module reads it: a quote opens a field only at its start, "" inside one is a quote."""
    at = 0
    field_start = not inside
    while at < len(line):
        if inside:
            end = line.find('"', at)
            if end < 0:
                return True
            if line.startswith('""', end):
                at = end + 2
                continue
            inside, at, field_start = False, end + 1, False
            continue
        next_quote = line.find('"', at)
        next_delim = line.find(delimiter, at)
        if next_quote < 0:
            return False
        if 0 <= next_delim < next_quote:
            at, field_start = next_delim + 1, True
            continue
        if field_start and next_quote == at:
            inside, at = True, next_quote + 1
        else:
            at = next_quote + 1
        field_start = False
    return inside


def _records(lines: Iterator[Line], delimiter: str,
             max_record: int) -> Iterator[tuple[int, str | None, int, tuple[str, ...]]]:
    """(first line number, record text or None when too large, size, notes) per CSV record,
    a record running over the lines a quoted field spans."""
    parts: list[str] | None = []
    start, size, inside, notes = 0, 0, False, []
    for line in lines:
        start = start or line.number
        size += line.size
        notes += [line.note] if line.note else []
        if line.text is None:  # its quotes decide whether the field it is in goes on
            parts, inside = None, inside != (line.quotes % 2 == 1)
        else:
            inside = _inside_quotes(line.text, inside, delimiter)
            if parts is not None and size <= max_record:
                parts.append(line.text)
            else:
                parts = None
        if not inside:
            yield start, None if parts is None else "".join(parts), size, tuple(notes)
            parts, start, size, notes = [], 0, 0, []
    if start:
        yield start, None if parts is None else "".join(parts), size, tuple(notes)


def _delimiter(header: str, required: tuple[str, ...]) -> str:
    """The first of , ; tab | that splits the header into a `required` column (else ",")."""
    for delimiter in DELIMITERS:
        names = next(csv.reader([header], delimiter=delimiter), [])
        if {h.strip().lower() for h in names} & set(required):
            return delimiter
    return ","


def csv_rows(path: Path, name: str, limits: Limits, required: tuple[str, ...],
             label: str) -> Iterator[Row]:
    """One Row per data row ("name row N", N from 1 after the header).

    A header with none of the `required` columns rejects the whole file ("missing <label>
    column ..."); a row too large or malformed is rejected alone and the rows after it read on.
    """
    max_record = limits.max_article_bytes + SLACK
    csv.field_size_limit(max(csv.field_size_limit(), max_record))

    def body(stream) -> Iterator[Row]:
        lines = read_lines(stream, max_line=max_record, limits=limits)
        first = next(lines, None)
        if first is None or first.text is None:
            yield Row(name, {}, "empty file" if first is None else "header line too large")
            return
        delimiter = _delimiter(first.text, required)
        header = [h.strip().lower() for h in next(csv.reader([first.text],
                                                             delimiter=delimiter))]
        if not set(header) & set(required):
            yield Row(name, {}, f"missing {label} column (looked for {', '.join(required)})")
            return
        row_no = 0
        for line_no, record, size, notes in _records(lines, delimiter, max_record):
            if record is not None and not record.strip():
                continue  # a blank line
            row_no += 1
            where = f"{name} row {row_no}"
            if record is None:
                yield Row(where, {}, f"too large ({size} bytes from line {line_no}, limit "
                                     f"{max_record})")
                continue
            try:
                fields = next(csv.reader(io.StringIO(record), delimiter=delimiter))
            except csv.Error as exc:
                yield Row(where, {}, f"malformed CSV: {exc} (line {line_no})")
                continue
            if len(fields) != len(header):
                yield Row(where, {}, f"malformed CSV: {len(fields)} fields, header has "
                                     f"{len(header)} (line {line_no})")
                continue
            # the first of two equal column names wins
            yield Row(where, dict(reversed(list(zip(header, fields, strict=True)))), None,
                      notes)
        if row_no == 0:
            yield Row(name, {}, "empty file (no rows)")

    yield from _rows(path, name, limits, body)


# -- JSON Lines -------------------------------------------------------------------------------

def jsonl_rows(path: Path, name: str, limits: Limits) -> Iterator[Row]:
    """One Row per non-blank line ("name line N"); a line must hold one JSON object."""
    max_line = limits.max_article_bytes + SLACK

    def body(stream) -> Iterator[Row]:
        seen_any = False
        for line in read_lines(stream, max_line=max_line, limits=limits):
            where = f"{name} line {line.number}"
            if line.text is not None and not line.text.strip():
                continue
            seen_any = True
            if line.text is None:
                yield Row(where, {}, f"too large ({line.size} bytes, limit {max_line})")
                continue
            try:
                obj = json.loads(line.text)
            except (ValueError, RecursionError):
                yield Row(where, {}, f"malformed JSON on line {line.number}")
                continue
            if not isinstance(obj, dict):
                yield Row(where, {}, f"malformed JSON on line {line.number} (not an object)")
                continue
            fields = {str(k).strip().lower(): v for k, v in reversed(obj.items())}
            yield Row(where, fields, None, (line.note,) if line.note else ())
        if not seen_any:
            yield Row(name, {}, "empty file")

    yield from _rows(path, name, limits, body)
