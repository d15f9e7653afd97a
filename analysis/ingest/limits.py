"""Every cap on what an import reads, in one place, and the stream that enforces them.

Whatever a file claims about itself (a zip's directory, a gzip's header), sizes are counted while
reading: `capped_stream` stops a decompression the moment it passes its unpacked size or its
compression ratio, so a bomb costs a few megabytes, not the machine.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from analysis.ingest.decode import InputError


@dataclass(frozen=True)
class Limits:
    """Caps for one import; `UPLOAD_LIMITS` for a visitor's files, `CLI_LIMITS` for a corpus a
    researcher builds on their own machine."""

    max_file_bytes: int = 20_000_000  # one file or archive member, unpacked
    max_total_bytes: int = 200_000_000  # all uploads together, archives counted unpacked
    max_ratio: float = 100.0  # unpacked / packed size of a .gz file or a zip member
    max_members: int = 20_000  # files in one zip
    max_lines: int = 1_000_000  # lines of one CSV or JSONL file
    max_rejects: int = 5_000  # rejected rows of one file before the rest of it is skipped
    max_article_bytes: int = 5_000_000  # one article's text (UTF-8)


UPLOAD_LIMITS = Limits()
# Corpora on the researcher's own disk: the 37,554-article AllSides export unpacks to 0.3 GB.
CLI_LIMITS = Limits(max_file_bytes=8_000_000_000, max_total_bytes=8_000_000_000,
                    max_lines=50_000_000, max_rejects=100_000)

# Below this many unpacked bytes a ratio says nothing (a small repetitive file packs tightly).
RATIO_GRACE = 1 << 20
CHUNK = 1 << 16


class CappedStream(io.RawIOBase):
    """The bytes of `inner`, raising InputError once they pass `limits.max_file_bytes` or, past
    RATIO_GRACE, once unpacked / `packed()` passes `limits.max_ratio`."""

    def __init__(self, inner: IO[bytes], *, packed: Callable[[], int], limits: Limits) -> None:
        self._inner, self._packed, self._limits = inner, packed, limits
        self.unpacked = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        got = self._inner.readinto(buffer)
        self.unpacked += got
        if self.unpacked > self._limits.max_file_bytes:
            raise InputError(f"too large (unpacks to more than {self._limits.max_file_bytes} "
                             "bytes)")
        if self.unpacked > RATIO_GRACE:
            ratio = self.unpacked / max(self._packed(), 1)
            if ratio > self._limits.max_ratio:
                raise InputError(f"refused: compression ratio over {ratio:.0f}:1 "
                                 f"(limit {self._limits.max_ratio:.0f}:1)")
        return got

    def close(self) -> None:
        self._inner.close()
        super().close()


class _Counting(io.RawIOBase):
    """A file's raw bytes, counting how many were read (what a decompressor has consumed)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        got = self._raw.readinto(buffer)
        self.count += got
        return got

    def close(self) -> None:
        self._raw.close()
        super().close()


def is_gzip(name: str) -> bool:
    return name.lower().endswith(".gz")


def open_capped(source: Path | IO[bytes], name: str, limits: Limits) -> IO[bytes]:
    """A buffered reader of the file's bytes, decompressed when `name` ends in .gz, with every
    cap of `limits` checked while reading."""
    raw = open(source, "rb") if isinstance(source, Path) else source  # noqa: SIM115
    counting = _Counting(raw)
    inner: IO[bytes] = gzip.GzipFile(fileobj=counting) if is_gzip(name) else counting
    return io.BufferedReader(CappedStream(inner, packed=lambda: counting.count, limits=limits),
                             buffer_size=CHUNK)


def unpacked_size(source: Path | IO[bytes], name: str, limits: Limits) -> int:
    """How many bytes the file unpacks to; raises InputError past a cap."""
    total = 0
    with open_capped(source, name, limits) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
    return total


def capped_member(archive, info, limits: Limits) -> IO[bytes]:
    """A zip member's bytes with the caps of `limits`, the packed size taken from the zip's
    directory (a lie there only makes the ratio check stricter or the size check catch it)."""
    return io.BufferedReader(CappedStream(archive.open(info), packed=lambda: info.compress_size,
                                          limits=limits), buffer_size=CHUNK)
