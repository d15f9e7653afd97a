"""Bytes to text for corpus import: byte-order marks, UTF-8, and a guessed fallback.

Decoding order: a BOM (UTF-8, UTF-16, UTF-32) decides; then UTF-16 without a BOM, recognised by
the NUL byte in every other place; then UTF-8. A UTF-8 document with a few lines in another
encoding (a pasted cp1252 quote mark) keeps its UTF-8 and decodes those lines alone, with a note;
a document that is mostly not UTF-8 takes charset-normalizer's guess, preferring cp1252 when it
fits nearly as well as the best guess (short Windows-1252 and latin-1 texts are often guessed as
cp1250, cp1257 or mac_latin2 and come out garbled; cp1252 decodes latin-1's printable range
identically). A stray NUL byte is dropped with a note; many of them mean a binary file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import charset_normalizer

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
SNIFF_BYTES = 65_536
# a text may hold a few NUL bytes (a damaged export); more than this share is binary data
MAX_NUL_SHARE = 0.01
# more than this share of lines not valid UTF-8: the document is in another encoding
MOSTLY_OTHER = 0.2
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


class InputError(ValueError):
    """An input that cannot be read on; the message is the reject reason."""


class DecodeError(InputError):
    """Bytes that are not text."""


@dataclass
class Decoded:
    text: str
    notes: list[str] = field(default_factory=list)  # what the reader had to do, for the report


def sniff_bom(head: bytes) -> str | None:
    """The codec a leading byte-order mark names, or None."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    return None


def sniff_utf16(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text without a BOM whose every other byte is NUL (English
    in UTF-16), else None."""
    sample = head[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess for non-UTF-8 bytes, preferring cp1252 on a tie."""
    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for match in results:
        # the corpus is English: a Western codepage is the likely one unless clearly worse
        close = match.chaos <= best.chaos + 0.05 and match.coherence >= best.coherence - 0.05
        if match.encoding == "cp1252" and close:
            return "cp1252"
    return best.encoding


def fallback_encoding(data: bytes) -> str:
    """The codec for a line that is not UTF-8: cp1252 when it decodes the line (a guess from one
    short line is unreliable), else charset-normalizer's guess, else cp1252."""
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(data)
    if encoding is None or encoding.replace("-", "_").lower() in ("utf_8", "ascii"):
        return "cp1252"
    return encoding


def looks_binary(text: str | bytes) -> bool:
    """More than 5% control characters (other than whitespace) in the first 64k characters."""
    sample = text[:SNIFF_BYTES]
    control = _CONTROL if isinstance(sample, str) else _CONTROL_BYTES
    return bool(sample) and len(control.findall(sample)) > 0.05 * len(sample)


def decode_document(data: bytes) -> Decoded:
    """A whole document as text with \\n line endings; raises DecodeError with the reason."""
    encoding = sniff_bom(data) or sniff_utf16(data)
    notes = []
    if encoding is None:
        nuls = data.count(0)
        if nuls > MAX_NUL_SHARE * len(data) or looks_binary(data):
            raise DecodeError("binary file")
        if nuls:
            data = data.replace(b"\x00", b"")
            notes.append(f"removed {nuls} NUL byte{'s' if nuls > 1 else ''}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, other = _mostly_utf8(data)
            if text is None:
                encoding = guess_encoding(data)
                if encoding is None:
                    raise DecodeError("could not decode") from None
            else:
                notes.append(other)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise DecodeError("could not decode") from None
        if encoding.startswith("utf-16") and not sniff_bom(data):
            notes.append(f"decoded as {encoding.upper()} (no byte-order mark)")
    if looks_binary(text):
        raise DecodeError("binary file")
    return Decoded(normalise_newlines(text), notes)


def _mostly_utf8(data: bytes) -> tuple[str | None, str]:
    """The text when only a few lines are not UTF-8 (those decoded on their own), with its
    note; (None, "") when too many are."""
    lines = data.split(b"\n")
    fallback = None
    out, other = [], 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            other += 1
            if other > MOSTLY_OTHER * len(lines) + 1:
                return None, ""
            fallback = fallback or fallback_encoding(line)
            out.append(line.decode(fallback, errors="replace"))
    plural = "s" if other > 1 else ""
    return "\n".join(out), f"{other} line{plural} not UTF-8, decoded as {fallback}"


def decode_bytes(data: bytes) -> str:
    """The text of `decode_document`, without its notes."""
    return decode_document(data).text


def clean(value: str) -> str:
    """Text that Parquet can store: lone surrogates (possible in JSON) replaced, NULs removed."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
