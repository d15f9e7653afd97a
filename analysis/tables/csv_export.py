"""CSV for download: cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import pandas as pd

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that would run as a formula with a quote; leave the rest alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns cannot inject formulas; numbers stay numbers."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].map(neutralise_cell)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV of `df`, formula-safe, as offered for download."""
    return neutralise_formulas(df).to_csv(index=False).encode("utf-8")

