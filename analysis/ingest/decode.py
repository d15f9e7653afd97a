"""Bytes to text for corpus import: byte-order marks, UTF-8, and a guessed fallback.

Decoding order: a BOM (UTF-8, UTF-16, UTF-32) decides; otherwise UTF-8; otherwise
charset-normalizer's guess, preferring cp1252 when it fits nearly as well as the best guess
(short Windows-1252 and latin-1 texts are often guessed as cp1250, cp1257 or mac_latin2 and
come out garbled; cp1252 decodes latin-1's printable range identically).
"""

from __future__ import annotations

import re

import charset_normalizer

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
SNIFF_BYTES = 65_536
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class InputError(ValueError):
    """An input that cannot be read on; the message is the reject reason."""


class DecodeError(InputError):
    """Bytes that are not text."""


def sniff_bom(head: bytes) -> str | None:
    """The codec a leading byte-order mark names, or None."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
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


def looks_binary(text: str) -> bool:
    """More than 5% control characters (other than whitespace) in the first 64k characters."""
    sample = text[:SNIFF_BYTES]
    return bool(sample) and len(_CONTROL.findall(sample)) > 0.05 * len(sample)


def decode_bytes(data: bytes) -> str:
    """A whole document as text with \\n line endings; raises DecodeError with the reason."""
    encoding = sniff_bom(data)
    if encoding is None:
        if b"\x00" in data:
            raise DecodeError("binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = guess_encoding(data)
            if encoding is None:
                raise DecodeError("could not decode") from None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise DecodeError("could not decode") from None
    if looks_binary(text):
        raise DecodeError("binary file")
    return normalise_newlines(text)


def clean(value: str) -> str:
    """Lone surrogates (possible in JSON) cannot be stored: replace them."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
