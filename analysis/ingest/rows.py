"""Reading line-based inputs as a stream: lines, CSV rows and JSON Lines objects.

The readers yield a reject reason instead of stopping at a bad row. Lines are decoded one by
one (analysis.ingest.decode), so a stray byte in another encoding costs only its line.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from analysis.ingest.decode import SNIFF_BYTES, DecodeError, InputError, guess_encoding, sniff_bom

SLACK = 65_536  # a CSV row or JSON line may exceed the text limit by this much metadata


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def iter_lines(path: Path, max_line: int) -> Iterator[tuple[int, str | None, int]]:
    """(line number from 1, decoded line with its ending, size) for a streamed text file.

    A line longer than `max_line` is skipped and given as (n, None, its size). Lines are
    decoded one by one (UTF-8, else a guessed fallback) so a stray cp1252 line costs only
    itself; UTF-16/32 files (with a BOM) are decoded as a stream. Raises DecodeError
    ("binary file") when the first 64 KB hold a NUL byte without a BOM.
    """
    with open_binary(path) as fh:
        head = fh.read(SNIFF_BYTES)
        fh.seek(0)
        encoding = sniff_bom(head)
        if encoding is None and b"\x00" in head:
            raise DecodeError("binary file")
        src: IO = fh
        if encoding in ("utf-16", "utf-32"):
            src = io.TextIOWrapper(fh, encoding=encoding, newline="")
        elif encoding == "utf-8-sig":
            fh.read(3)
        fallback: str | None = None
        lineno = 0
        while chunk := src.readline(max_line):
            lineno += 1
            newline = "\n" if isinstance(chunk, str) else b"\n"
            if len(chunk) >= max_line and not chunk.endswith(newline):
                size = len(chunk)
                while more := src.readline(max_line):
                    size += len(more)
                    if more.endswith(newline):
                        break
                yield lineno, None, size
                continue
            if isinstance(chunk, bytes):
                try:
                    chunk = chunk.decode("utf-8")
                except UnicodeDecodeError:
                    fallback = fallback or _fallback(chunk)
                    chunk = chunk.decode(fallback, errors="replace")
            yield lineno, chunk, len(chunk)


def _fallback(data: bytes) -> str:
    encoding = guess_encoding(data)
    if encoding is None or encoding.replace("-", "_").lower() in ("utf_8", "ascii"):
        return "cp1252"
    return encoding


Row = tuple[str, dict, str | None]  # (input name, fields with lower-cased keys, reject reason)


def _csv_lines(path: Path, max_line: int) -> Iterator[str]:
    for lineno, line, size in iter_lines(path, max_line):
        if line is None:
            raise InputError(f"too large (line {lineno} has {size} bytes, limit {max_line}); "
                             "the rows after it were not read")
        # a lone \r (old Mac line end) would stop the csv module: split after each one
        yield from re.split(r"(?<=\r)(?!\n|\Z)", line) if "\r" in line else (line,)


def csv_rows(path: Path, name: str, max_bytes: int, required: tuple[str, ...],
             label: str) -> Iterator[Row]:
    """One Row per data row ("name row N", N from 1 after the header).

    The delimiter is the first of , ; tab | that splits the header into a `required` column;
    a header with none of them rejects the whole file ("missing <label> column ...").
    """
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + SLACK))
    lines = _csv_lines(path, max_bytes + SLACK)
    first = next(lines, None)
    if first is None:
        yield name, {}, "empty file"
        return
    delimiter = next((d for d in (",", ";", "\t", "|") if {
        h.strip().lower() for h in next(csv.reader([first], delimiter=d))} & set(required)), ",")
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    if not set(header) & set(required):
        yield name, {}, f"missing {label} column (looked for {', '.join(required)})"
        return
    row_no = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row_no += 1
            yield f"{name} row {row_no}", {}, f"malformed CSV: {exc} (line {reader.line_num})"
            continue
        if not record:  # a blank line
            continue
        row_no += 1
        if len(record) != len(header):
            reason = f"malformed CSV: {len(record)} fields, header has {len(header)}"
            yield f"{name} row {row_no}", {}, reason
        else:  # the first of two equal column names wins
            fields = dict(reversed(list(zip(header, record, strict=True))))
            yield f"{name} row {row_no}", fields, None
    if row_no == 0:
        yield name, {}, "empty file (no rows)"


def jsonl_rows(path: Path, name: str, max_bytes: int) -> Iterator[Row]:
    """One Row per non-blank line ("name line N"); a line must hold one JSON object."""
    seen_any = False
    for lineno, line, size in iter_lines(path, max_bytes + SLACK):
        where = f"{name} line {lineno}"
        if line is not None and not line.strip():
            continue
        seen_any = True
        if line is None:
            yield where, {}, f"too large ({size} bytes, limit {max_bytes})"
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            yield where, {}, f"malformed JSON on line {lineno}"
            continue
        if not isinstance(obj, dict):
            yield where, {}, f"malformed JSON on line {lineno} (not an object)"
            continue
        yield where, {str(k).strip().lower(): v for k, v in reversed(obj.items())}, None
    if not seen_any:
        yield name, {}, "empty file"
