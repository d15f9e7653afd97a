"""Article, sentence and quote texts, for the rows a view shows.

Texts are most of a store (two thirds of a 5,000-article one), so the app loads its tables
without the `text` columns of articles, sentences and quotes (`store.load(..., texts=False)`)
and hands the views that show text a `TextSource`: `StoreTexts` reads the texts of the rows
asked for from the store's Parquet files, only the row groups that hold them. Tables built in
memory (or loaded whole) keep their texts, and a view called without a source reads them from
there, so the same call works in a notebook, a test or the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd

from analysis.tables.schema import SCHEMAS, Tables, conform
from analysis.tables.store import TEXT_TABLES, read_column_rows

KEYS = {"articles": ["article_id"], "sentences": ["article_id", "sentence_id"],
        "quotes": ["article_id", "quote_id"]}


class TextSource(Protocol):
    """Where the texts of a table's rows come from (or another column a reader left in the
    store), by row position in the table."""

    def read(self, name: str, rows: np.ndarray, column: str = "text") -> list: ...


@dataclass(frozen=True)
class StoreTexts:
    """The texts of a store's tables, read by row from its Parquet files (hashable, so the
    app can cache views per source)."""

    store_dir: str

    def read(self, name: str, rows: np.ndarray, column: str = "text") -> list:
        return read_column_rows(Path(self.store_dir), name, column, rows).to_pylist()


def with_text(tables: Tables, name: str, rows: pd.DataFrame, *, texts: TextSource | None = None,
              column: str = "text") -> pd.DataFrame:
    """`rows` (holding the keys of table `name`) with each row's text as `column`.

    `texts` None: the texts come from the table itself. Rows without a match in the table are
    dropped; the order of `rows` is kept.
    """
    keys = KEYS[name]
    table = getattr(tables, name)
    if texts is None:
        if "text" not in table.columns:
            raise ValueError(f"the {name} table was loaded without its texts: pass a TextSource")
        return rows.merge(table[[*keys, "text"]].rename(columns={"text": column}), on=keys)
    # a table's index is its row number in the store (schema.conform resets it)
    of_rows = table.loc[table["article_id"].isin(rows["article_id"].unique()), keys]
    out = rows.merge(of_rows.assign(_row=of_rows.index.to_numpy()), on=keys)
    out[column] = pd.Series(texts.read(name, out["_row"].to_numpy()), index=out.index,
                            dtype="string")
    return out.drop(columns="_row")


def article_text(tables: Tables, article_id: str, *, texts: TextSource | None = None) -> str:
    """One article's text ("" for an unknown id)."""
    found = with_text(tables, "articles", pd.DataFrame({"article_id": [article_id]}),
                      texts=texts)
    return str(found["text"].iloc[0]) if len(found) else ""


def whole_rows(tables: Tables, name: str, rows: pd.DataFrame, *,
               texts: TextSource | None = None) -> pd.DataFrame:
    """Rows of a store table with every column of its schema, text included (for CSV). The
    columns a reader left in the store are read by row: `rows` keep the table's index (its
    row in the store), as `views.corpus.filtered_table` gives them."""
    stored = [col for col in SCHEMAS[name] if col not in rows.columns
              and (col != "text" or name not in TEXT_TABLES)]
    if stored:
        if texts is None:
            raise ValueError(f"the {name} table was loaded without {stored}: pass a TextSource")
        positions = rows.index.to_numpy()
        rows = rows.assign(**{col: pd.Series(texts.read(name, positions, col), index=rows.index,
                                             dtype=SCHEMAS[name][col]) for col in stored})
    if name in TEXT_TABLES and "text" not in rows.columns:
        rows = with_text(tables, name, rows, texts=texts)
    return conform(rows, name) if stored or name in TEXT_TABLES else rows
