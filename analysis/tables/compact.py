"""A store's tables held in less memory, for a reader that keeps them (the app's server).

The same rows and values as `load_store(store_dir, texts=False)` without the columns no view
reads (`STORED_ONLY`, read for the rows shown as texts are), in narrower dtypes:
- in the long tables (a row per sentence, mention, quote, citation), strings that repeat
  (article ids, kinds, labels, roles, rules, outlets) become categoricals with their
  categories in lexical order (so sorting by them gives the strings' order), read through
  Parquet's dictionaries;
- integers whose values all fit become int32 (nullable ones Int32), and the per-article term
  counts int16.
Texts stay in the store (`StoreTexts` reads the rows a view shows), as with `texts=False`.
The per-article terms (distinctive words; the largest tables of a big store) load apart, when
a page compares words (`load_compact_terms`), and only the terms enough articles use.
Views treat these columns as they treat the declared dtypes (compare, group, merge, isin);
tests/analysis/tables/test_compact.py holds them to the same results.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analysis.tables.schema import SCHEMAS, TABLE_NAMES, Tables, empty
from analysis.tables.store import TEXT_TABLES, StoreError, read_manifest, table_path

# Arrow strings, read without a copy: free text, and entity ids (as categoricals, views over
# mentions took up to twice as long: pandas rehashes their 172,634 categories at each merge)
WHOLE_STRINGS = frozenset({"entity_id", "speaker_entity_id", "via_entity_id",
                           "text", "term", "name", "speaker_name", "speaker_text", "via_text",
                           "title", "url", "source", "parts", "aliases", "input", "reason",
                           "note"})
# one row per sentence, mention, quote, citation or term: millions of rows at 37,554 articles;
# the tables of one row per article, entity or place stay as declared (a few MB either way)
LONG_TABLES = frozenset({"sentences", "mentions", "quotes", "citations", "terms"})
# counts that are small numbers (an article's sentences using a term): int16 when they fit
SMALL_COUNTS = {"article_terms": ("sentences",)}
# columns no view aggregates, left in the store: the Data page and one article's mentions read
# them for the rows they show (texts.whole_rows). On 37,554 articles they are 160 MB held and
# half the sentences' read time.
STORED_ONLY = {"sentences": ("pos", "neu", "neg"),
               "mentions": ("text", "place_confidence", "place_runner_up"),
               "quotes": ("speaker_text",), "citations": ("text",)}
# a table read in the calling thread: read by Arrow's threads, the long tables of 37,554
# articles left the process 55 MB more (with any of Arrow's allocators), read no faster on 2
# cores (the term tables, read a row group at a time, hold no more either way)
ONE_THREAD = {"use_threads": False, "pre_buffer": False}
INT32 = np.iinfo(np.int32)
INT16 = np.iinfo(np.int16)
TERM_TABLES = ("terms", "article_terms")


def load_compact(store_dir: Path, *, checksums: bool = False, terms: bool = True,
                 on_demand: bool = False) -> Tables:
    """Every table of a checked store without its texts, in the narrow dtypes above;
    `terms=False`: the term tables empty (`load_compact_terms` reads them); `on_demand`: each
    table read when first used (`StoreTables`)."""
    read_manifest(store_dir, checksums=checksums)
    tables = StoreTables(Path(store_dir), terms=terms)
    return tables if on_demand else Tables(**dict(tables.items()))


class StoreTables(Tables):
    """A store's compact tables, each read when a view first asks for it: a server's first page
    reads only the tables it shows (on 37,554 articles not the sentences, quotes and
    citations, 0.7 s of the cold start). Read-only like any Tables; sessions share one, so a
    table is read under a lock, once."""

    def __init__(self, store_dir: Path, *, terms: bool) -> None:  # no fields set: see below
        object.__setattr__(self, "_store_dir", store_dir)
        object.__setattr__(self, "_terms", terms)
        object.__setattr__(self, "_lock", threading.Lock())

    def __getattr__(self, name: str) -> pd.DataFrame:
        # only called for what the instance lacks: a table not read yet
        if name not in TABLE_NAMES:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                object.__setattr__(self, name, self._read(name))
        return self.__dict__[name]

    def columns_of(self, name: str, columns: list[str]) -> pd.DataFrame:
        # a table not held yet: its columns read, not kept (the Corpus page's first counts
        # read three columns of the mentions, not all of them: 0.6 s at 37,554 articles)
        if name in self.__dict__ or (name in TERM_TABLES and not self._terms):
            return super().columns_of(name, columns)
        return self._read(name, columns)[columns]

    def _read(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        if name in TERM_TABLES and not self._terms:
            return empty(name)
        try:
            return _compact_table(self._store_dir, name, columns=columns)
        except Exception as err:
            raise StoreError(f"{self._store_dir} could not be read: {type(err).__name__}: "
                             f"{err}") from err


def load_compact_terms(store_dir: Path, *, min_articles: int = 1) -> dict[str, pd.DataFrame]:
    """The terms and article_terms tables, compact, of the terms at least `min_articles`
    articles use: on the 37,554 AllSides articles most of the 7 million terms are one
    article's (bigrams mostly), which no comparison of outlets can show. Read a row group at
    a time and cut as read, so the rows left out are never all in memory."""
    try:
        if min_articles <= 1:
            return {name: _compact_table(Path(store_dir), name) for name in TERM_TABLES}
        return _widely_used_terms(Path(store_dir), min_articles)
    except Exception as err:
        raise StoreError(f"{store_dir} could not be read: {type(err).__name__}: {err}") from err


def _widely_used_terms(store_dir: Path, min_articles: int) -> dict[str, pd.DataFrame]:
    spread, terms = term_spread(store_dir, min_articles)
    return {"terms": terms, "article_terms": _kept_article_terms(
        pq.ParquetFile(table_path(store_dir, "article_terms")), spread > 0, int(spread.sum()))}


def term_spread(store_dir: Path, min_articles: int) -> tuple[np.ndarray, pd.DataFrame]:
    """(how many stored articles use each term id, 0 for the terms fewer than `min_articles`
    use; the terms table of the others, compact)."""
    terms_file = pq.ParquetFile(table_path(store_dir, "terms"), read_dictionary=["kind"])
    ends = [pc.max(part["term_id"]).as_py() for part in row_groups(terms_file, ["term_id"])]
    spread = np.zeros(max((end + 1 for end in ends if end is not None), default=0), np.int32)
    for part in row_groups(pq.ParquetFile(table_path(store_dir, "article_terms")),
                            ["term_id"]):  # articles using each term
        spread = _counted_into(spread, part["term_id"].to_numpy())
    spread[spread < min_articles] = 0
    terms = [part.filter(spread[part["term_id"].to_numpy()] > 0) for part in row_groups(
        terms_file, list(SCHEMAS["terms"]))]
    # the chunks as read: pandas' Arrow-backed strings hold them without a combined copy
    return spread, _lexical_categories(pa.concat_tables(terms).unify_dictionaries().to_pandas(
        self_destruct=True, split_blocks=True), ["kind"])


def _counted_into(counts: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """`counts` (grown to hold every id) plus how often each id is in `ids`. The stored ids
    come sorted: counted as runs, without a count of every term per row group (at 37,554
    articles 7 million terms, 56 MB for each of 28 row groups)."""
    if len(ids) == 0:
        return counts
    last = int(ids.max())
    if last >= len(counts):
        counts = np.pad(counts, (0, last + 1 - len(counts)))
    if np.all(ids[1:] >= ids[:-1]):
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        counts[ids[starts]] += np.diff(np.r_[starts, len(ids)]).astype(counts.dtype)
    else:
        counts += np.bincount(ids, minlength=len(counts)).astype(counts.dtype)
    return counts


def row_groups(file: pq.ParquetFile, columns: list[str]):
    """`columns` of each row group of `file` in turn, as Arrow tables."""
    for group in range(file.metadata.num_row_groups):
        yield file.read_row_group(group, columns=columns)


def _kept_article_terms(file: pq.ParquetFile, wide: np.ndarray, rows: int) -> pd.DataFrame:
    """The article_terms rows of `wide` terms, filled a row group at a time into arrays of
    their final size (tens of millions of rows on a big store: no concatenated copies)."""
    codes = np.empty(rows, np.int32)
    term_ids = np.empty(rows, np.int32)
    small = all(_column_fits(file, col, INT16) for col in SMALL_COUNTS["article_terms"])
    sentences = np.empty(rows, np.int16 if small else np.int32)
    dictionaries, at = [], 0
    for part in row_groups(file, list(SCHEMAS["article_terms"])):
        ids = part["article_id"].combine_chunks()
        if not pa.types.is_dictionary(ids.type):
            ids = ids.dictionary_encode()
        keep = wide[part["term_id"].to_numpy()]
        end = at + int(np.count_nonzero(keep))
        codes[at:end] = ids.indices.to_numpy(zero_copy_only=False)[keep]
        term_ids[at:end] = part["term_id"].to_numpy()[keep]
        sentences[at:end] = part["sentences"].to_numpy()[keep]
        dictionaries.append((at, end, ids.dictionary))  # as Arrow: 27 x 37,554 ids at most
        at = end
    every_id = pa.chunked_array([words.cast(pa.string()) for _, _, words in dictionaries],
                                pa.string()).unique()
    categories = pd.Index(sorted(every_id.to_pylist()))
    for start, end, words in dictionaries:  # row group codes to codes of every id
        found = categories.get_indexer(words.to_pylist()).astype(np.int32)
        codes[start:end] = found[codes[start:end]]
    return pd.DataFrame({
        "article_id": pd.Categorical.from_codes(codes, categories=categories),
        "term_id": term_ids, "sentences": sentences}, copy=False)  # kept apart, not copied


def _compact_table(store_dir: Path, name: str, *,
                   columns: list[str] | None = None) -> pd.DataFrame:
    """Table `name` as the app holds it (of those `columns` only, when given)."""
    dtypes = SCHEMAS[name]
    read = [col for col in dtypes if (col != "text" or name not in TEXT_TABLES)
            and col not in STORED_ONLY.get(name, ()) and (columns is None or col in columns)]
    shared = [col for col in read if dtypes[col] == "string" and col not in WHOLE_STRINGS
              and name in LONG_TABLES]
    table = pq.read_table(table_path(store_dir, name), columns=read, read_dictionary=shared,
                          page_checksum_verification=True, **ONE_THREAD)
    narrow = [col for col in read if dtypes[col] in ("int64", "Int64")
              and _fits(table[col], INT32)]
    for col in narrow:
        if dtypes[col] == "int64":
            table = _cast(table, col, pa.int32())
    for col in SMALL_COUNTS.get(name, ()):
        if col in read and _fits(table[col], INT16):
            table = _cast(table, col, pa.int16())
    frame = _lexical_categories(table.to_pandas(self_destruct=True, split_blocks=True), shared)
    for col in narrow:
        if dtypes[col] == "Int64":  # the stored pandas metadata made it Int64 again
            frame[col] = frame[col].astype("Int32")
    return frame


def _cast(table: pa.Table, column: str, to: pa.DataType) -> pa.Table:
    return table.set_column(table.schema.get_field_index(column), column,
                            table[column].cast(to))


def _lexical_categories(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    # categories in lexical order: pandas sorts a categorical by its codes, and a view that
    # sorts by outlet must find the order the plain strings have
    for col in columns:
        frame[col] = frame[col].cat.reorder_categories(frame[col].cat.categories.sort_values())
    return frame


def _fits(column: pa.ChunkedArray, bounds: np.iinfo) -> bool:
    found = pc.min_max(column)
    low, high = found["min"].as_py(), found["max"].as_py()
    return low is None or (bounds.min <= low and high <= bounds.max)


def _column_fits(file: pq.ParquetFile, column: str, bounds: np.iinfo) -> bool:
    """Whether every value of `column` lies within `bounds`, by the row groups' statistics
    (False where a row group has none)."""
    at = file.metadata.schema.names.index(column)
    for group in range(file.metadata.num_row_groups):
        stats = file.metadata.row_group(group).column(at).statistics
        if stats is None or not stats.has_min_max or not (
                bounds.min <= stats.min and stats.max <= bounds.max):
            return False
    return True
