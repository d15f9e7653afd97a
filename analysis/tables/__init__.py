"""Tables: the contract every stage writes and reads.

- `schema`: every table's columns and dtypes (`SCHEMAS`), `conform`, and `Tables`, the
  analysis tables plus the import rejects; `descriptions`: what each column means;
- `store`: the tables as Parquet files plus a manifest, written atomically and checked on read;
- `texts`: the texts of the rows a view shows, from the tables or through a `TextSource`;
- `csv_export`: formula-safe CSV for every download;
- `article_columns`: an article's columns (outlet, date) on the rows of any table naming it;
- `sorted_runs`: runs of equal values in integer arrays, and their distinct values (numpy's
  own `unique` is slow on large ones).

Imported by name, as only the app's server needs them: `compact` (a store's tables held in
narrower dtypes, each read on first use), `term_index` (the per-article terms held by term)
and `packed_words` (its terms' words in compressed blocks).
"""

from analysis.tables.article_columns import with_article_columns
from analysis.tables.csv_export import csv_bytes, neutralise_formulas
from analysis.tables.descriptions import DESCRIPTIONS
from analysis.tables.schema import (
    SCHEMA_VERSION,
    SCHEMAS,
    TABLE_NAMES,
    Tables,
    check,
    conform,
    empty,
)
from analysis.tables.sorted_runs import run_starts, sorted_unique
from analysis.tables.store import (
    REJECTS_CSV,
    StoreError,
    export_csv,
    is_current,
    load_store,
    load_table,
    read_manifest,
    refusal,
    save_store,
    update_manifest,
)
from analysis.tables.texts import StoreTexts, TextSource, article_text, whole_rows, with_text

__all__ = [
    "DESCRIPTIONS", "REJECTS_CSV", "SCHEMAS", "SCHEMA_VERSION", "TABLE_NAMES", "StoreError",
    "StoreTexts",
    "Tables", "TextSource", "article_text", "check", "conform", "csv_bytes", "empty",
    "export_csv", "is_current", "load_store", "load_table", "neutralise_formulas",
    "read_manifest", "refusal", "run_starts", "save_store", "sorted_unique", "update_manifest",
    "whole_rows",
    "with_article_columns", "with_text",
]
