"""The fields of an input record: which columns hold text, outlet, date, title, url and the
outlet's group, and how a cell or JSON value becomes a field's value."""

from __future__ import annotations

import contextlib
import re

import pandas as pd

TEXT_KEYS = ("content_original", "content", "text", "body", "article", "maintext")
OUTLET_KEYS = ("source", "outlet", "media_name", "publisher", "domain")
DATE_KEYS = ("date", "published", "publish_date", "pub_date", "publishedat")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "source_url")
# the group an outlet belongs to (AllSides: bias_text, its left / center / right rating)
GROUP_KEYS = ("group", "bias_text", "lean", "collection")
FIELD_KEYS = {"text": TEXT_KEYS, "outlet": OUTLET_KEYS, "date": DATE_KEYS, "title": TITLE_KEYS,
              "url": URL_KEYS, "group": GROUP_KEYS}
FIELDS = tuple(FIELD_KEYS)


def has_any(row: dict, keys: tuple[str, ...]) -> bool:
    return any(k in row for k in keys)


def first_filled(row: dict, keys: tuple[str, ...]) -> str:
    """The first of `keys` whose value in `row` is not empty (a null "content" falls through to
    "text"), as text; "" when none is."""
    for key in keys:
        if key in row:
            value = as_text(row[key])
            if value.strip():
                return value
    return ""


def field_keys(columns: dict[str, str] | None) -> dict[str, tuple[str, ...]]:
    """Per field, the columns to look in: the user's mapped column first, then the usual
    names."""
    columns = {f: c.strip().lower() for f, c in (columns or {}).items() if c and c.strip()}
    return {f: (columns[f], *(k for k in keys if k != columns[f])) if f in columns else keys
            for f, keys in FIELD_KEYS.items()}


def pick_fields(row: dict, *, with_text: bool = True,
                columns: dict[str, str] | None = None) -> dict[str, str]:
    """The fields of a CSV row or JSON object (keys already lower-cased)."""
    keys = field_keys(columns)
    if not with_text:
        del keys["text"]
    return {field: first_filled(row, names) for field, names in keys.items()}


def as_text(value) -> str:
    """A CSV cell or JSON value as a string; None and NaN are empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dict):  # e.g. NewsAPI {"id": ..., "name": "BBC News"}
        return as_text(next((value[k] for k in ("name", "title", "domain") if k in value), None))
    if isinstance(value, list):
        return "\n\n".join(filter(None, map(as_text, value)))
    return str(value)


# words pandas would read as the day of the import, and bare numbers (epoch seconds? a year? an
# id?): neither says when an article appeared
_NOT_A_DATE = re.compile(r"(?i)^(now|today|tomorrow|yesterday|[+-]?\d+(\.\d+)?)$")


def parse_dates(values: list[str]) -> pd.Series:
    """Naive UTC datetime64[ns]; anything unparseable, relative or out of range is NaT."""
    raw = pd.Series(values, dtype="object").str.strip()
    raw = raw.where(~raw.str.match(_NOT_A_DATE).fillna(False).astype(bool), "")
    out = pd.to_datetime(raw, errors="coerce", utc=True, format="ISO8601")
    retry = out.isna() & (raw != "")
    if retry.any():  # other formats ("May 5, 2020"); one by one if the batch fails
        try:
            out[retry] = pd.to_datetime(raw[retry], errors="coerce", utc=True, format="mixed")
        except (ValueError, TypeError, OverflowError):
            for i in retry[retry].index:
                with contextlib.suppress(ValueError, TypeError, OverflowError):
                    out[i] = pd.to_datetime(raw[i], errors="coerce", utc=True)
    out = out.dt.tz_convert(None)
    in_range = (out > pd.Timestamp("1678-01-01")) & (out < pd.Timestamp("2262-01-01"))
    return out.where(in_range).astype("datetime64[ns]")
