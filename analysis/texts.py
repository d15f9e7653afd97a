"""Article and sentence texts, for the rows a view shows.

Texts are most of a store (two thirds of a 5,000-article one). The app loads its tables with
`store.load(..., texts=False)`, so articles and sentences come without their `text` column and
a view asks here for the texts of the rows it shows: they are read from the store's Parquet
files by row position, only the row groups that hold them. Tables built in memory (or loaded
whole) keep their texts, and the same calls read them from there.
"""

from __future__ import annotations

import pandas as pd

from analysis.schemas import Tables, conform
from analysis.store import TEXT_TABLES, read_column_rows

KEYS = {"articles": ["article_id"], "sentences": ["article_id", "sentence_id"]}


def with_text(tables: Tables, name: str, rows: pd.DataFrame, *,
              column: str = "text") -> pd.DataFrame:
    """`rows` (holding the keys of table `name`) with each row's text as `column`.

    Rows without a match in the table are dropped; the order of `rows` is kept.
    """
    keys = KEYS[name]
    table = getattr(tables, name)
    if tables.texts_in is None:
        texts = table[[*keys, "text"]].rename(columns={"text": column})
        return rows.merge(texts, on=keys)
    # a table's index is its row number in the store (schemas.conform resets it)
    of_rows = table.loc[table["article_id"].isin(rows["article_id"].unique()), keys]
    out = rows.merge(of_rows.assign(_row=of_rows.index.to_numpy()), on=keys)
    texts = read_column_rows(tables.texts_in, name, "text", out["_row"].to_numpy())
    out[column] = pd.Series(texts.to_pandas(), index=out.index, dtype="string")
    return out.drop(columns="_row")


def article_text(tables: Tables, article_id: str) -> str:
    """One article's text ("" for an unknown id)."""
    found = with_text(tables, "articles", pd.DataFrame({"article_id": [article_id]}))
    return str(found["text"].iloc[0]) if len(found) else ""


def whole_rows(tables: Tables, name: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of a store table with every column of its schema, text included (for CSV)."""
    if name not in TEXT_TABLES or "text" in rows.columns:
        return rows
    return conform(with_text(tables, name, rows), name)
