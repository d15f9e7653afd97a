"""The per-article terms as the app's server holds them: by term, not a row per pair.

article_terms has a row per (article, term it uses): on 37,554 articles 23 million rows of the
terms two articles or more use, 221 MB as compact frames (`load_compact_terms`). Stored sorted
by term, its term ids come in runs and its article ids are a few tens of thousands: a
`TermIndex` keeps where each term's rows start instead of a term id per row, and each row's
article as a number (16 bits while the articles are fewer than 65,536), beside its sentence
count. The terms' words are packed (analysis.tables.packed_words: 40 MB of 1.9 million
terms at 37,554 articles held in 10): the views need the words of the terms they list
(`named`) and the terms of a word (`numbers_of`). The distinctive-word views score it a block
of terms at a time (analysis.views.distinctive); `frame()` gives the rows back as the
declared table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.tables.compact import load_compact_terms, row_groups, term_spread
from analysis.tables.packed_words import PackedWords
from analysis.tables.schema import SCHEMAS
from analysis.tables.sorted_runs import sorted_unique
from analysis.tables.store import StoreError, table_path


# one per store, shared by every session: compared and hashed by identity (eq=False)
@dataclass(frozen=True, eq=False)
class TermIndex:
    """terms: term_id, kind in term id order, the term numbered i in row i, its word
    `words.take([i])`. Term i's rows are `starts[i]:starts[i + 1]`; each row's article is
    `articles[article[row]]`, and `sentences_at([row])` of its sentences use the term
    (`sentences` holds them up to SATURATED, `more_sentences` the rows of more, by row)."""

    terms: pd.DataFrame
    words: PackedWords
    starts: np.ndarray
    articles: pd.Index
    article: np.ndarray
    sentences: np.ndarray
    more_sentences: pd.Series

    def sentences_at(self, rows: np.ndarray) -> np.ndarray:
        """How many of its article's sentences use the term, for each of `rows`."""
        counts = self.sentences[rows].astype(np.int32)
        full = np.flatnonzero(counts == SATURATED)
        counts[full] = self.more_sentences.loc[np.asarray(rows)[full]].to_numpy()
        return counts

    def named(self, numbers: np.ndarray) -> pd.DataFrame:
        """term_id, term, kind of the terms numbered `numbers`, in that order."""
        chosen = self.terms.iloc[numbers].reset_index(drop=True)
        return chosen.assign(term=pd.Series(self.words.take(numbers), dtype="string"))[
            ["term_id", "term", "kind"]]

    def numbers_of(self, word: str) -> np.ndarray:
        """The numbers of the terms that are `word`, ignoring case."""
        return self.words.numbers_of(word)

    @property
    def rows(self) -> int:
        return len(self.article)

    def term_numbers(self, first: int, last: int) -> np.ndarray:
        """The term number of each row of terms first .. last - 1, the rows
        starts[first]:starts[last]."""
        return np.repeat(np.arange(first, last, dtype=np.int32),
                         np.diff(self.starts[first:last + 1]))

    def articles_using(self, numbers: np.ndarray) -> pd.Index:
        """The ids of the articles using any of the terms numbered `numbers`."""
        rows = [self.article[self.starts[i]:self.starts[i + 1]] for i in numbers]
        return self.articles[sorted_unique(np.concatenate(rows))] if rows else self.articles[:0]

    def frame(self) -> pd.DataFrame:
        """The rows as the article_terms table (article_id, term_id, sentences)."""
        return pd.DataFrame({
            "article_id": pd.Categorical.from_codes(self.article.astype(np.int32),
                                                    categories=self.articles),
            "term_id": self.terms["term_id"].to_numpy()[self.term_numbers(0, len(self.terms))],
            "sentences": self.sentences_at(np.arange(self.rows))})


def term_index(article_terms: pd.DataFrame, terms: pd.DataFrame) -> TermIndex:
    """The index of counted-term frames (article_terms and terms tables, rows in any order);
    rows of a term `terms` lacks or of no article are left out."""
    terms = terms.sort_values("term_id", kind="stable", ignore_index=True)
    number = pd.Index(terms["term_id"]).get_indexer(article_terms["term_id"])
    codes, articles = _article_numbers(article_terms["article_id"])
    keep = np.flatnonzero((number >= 0) & (codes >= 0))
    key = number[keep].astype(np.int64) * max(len(articles), 1) + codes[keep]
    # by term, then article: stored rows come so, others are sorted
    order = keep if np.all(key[1:] >= key[:-1]) else keep[np.argsort(key, kind="stable")]
    terms, words = _without_words(terms)
    sentences = np.empty(len(order), np.uint8)
    more = _saturated_into(sentences, 0, article_terms["sentences"].to_numpy()[order])
    return TermIndex(
        terms=terms, words=words,
        starts=_narrow(np.searchsorted(number[order], np.arange(len(terms) + 1))),
        articles=pd.Index(articles, dtype="string"),
        article=codes[order].astype(_article_dtype(len(articles))),
        sentences=sentences, more_sentences=more)


def _article_numbers(ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """(each row's article number, -1 for none; the article ids in lexical order). A
    categorical's codes are renumbered, not its millions of rows turned into strings."""
    codes, articles = pd.factorize(ids, sort=True)
    articles = pd.Index(np.asarray(articles, dtype=object), dtype="string")
    if not articles.is_monotonic_increasing:  # categories in another order than the strings'
        order = np.argsort(np.asarray(articles, dtype=object), kind="stable")
        renumbered = np.empty(len(order), np.intp)
        renumbered[order] = np.arange(len(order))
        codes = np.where(codes >= 0, renumbered[codes], -1)
        articles = articles[order]
    return codes, articles


def load_term_index(store_dir: Path, *, min_articles: int = 1) -> TermIndex:
    """The index of a store's terms that at least `min_articles` articles use, filled a row
    group at a time from the stored rows (sorted by term); rows stored in another order are
    read as frames and sorted (`term_index`)."""
    try:
        return (_stored_index(Path(store_dir), min_articles)
                or term_index(**load_compact_terms(Path(store_dir), min_articles=min_articles)))
    except StoreError:
        raise
    except Exception as err:
        raise StoreError(f"{store_dir} could not be read: {type(err).__name__}: {err}") from err


def _stored_index(store_dir: Path, min_articles: int) -> TermIndex | None:
    """The index read straight into its arrays, or None when the stored rows are not sorted
    by term or name articles or terms the store's tables lack."""
    stored = pq.ParquetFile(table_path(store_dir, "article_terms"))
    spread, terms = term_spread(store_dir, min_articles)
    wide = spread > 0
    if not np.array_equal(terms["term_id"].to_numpy(), np.flatnonzero(wide)):
        return None  # a stored term id without its term, or terms out of order
    terms, words = _without_words(terms)
    starts = _narrow(np.r_[0, np.cumsum(spread[wide])])
    del spread  # 4 bytes per stored term (7 million at 37,554 articles), not needed to fill
    articles = pd.Index(sorted(pq.read_table(table_path(store_dir, "articles"), columns=[
        "article_id"])["article_id"].drop_null().unique().to_pylist()), dtype="string")
    article = np.empty(int(starts[-1]), _article_dtype(len(articles)))
    sentences = np.empty(len(article), np.uint8)
    more, at, last = [pd.Series([], dtype=np.int32)], 0, -1
    for part in row_groups(stored, list(SCHEMAS["article_terms"])):
        term = part["term_id"].to_numpy()
        if len(term) and (term[0] < last or np.any(term[1:] < term[:-1])):
            return None
        last = term[-1] if len(term) else last
        ids = part["article_id"].combine_chunks()
        if ids.null_count:
            return None
        if not pa.types.is_dictionary(ids.type):
            ids = ids.dictionary_encode()
        numbers = articles.get_indexer(ids.dictionary.cast("string").to_pylist())
        if np.any(numbers < 0):
            return None
        keep = wide[term]
        end = at + int(np.count_nonzero(keep))
        article[at:end] = numbers[ids.indices.to_numpy(zero_copy_only=False)[keep]]
        more.append(_saturated_into(sentences, at, part["sentences"].to_numpy()[keep]))
        at = end
    return TermIndex(terms=terms, words=words, starts=starts, articles=articles,
                     article=article, sentences=sentences, more_sentences=pd.concat(more))


# sentence counts held in a byte each: of 23 million at 37,554 articles 8 are above it
SATURATED = 255


def _saturated_into(sentences: np.ndarray, at: int, counts: np.ndarray) -> pd.Series:
    """`counts` into `sentences` from row `at`, at most SATURATED each; the counts of the rows
    that reach it, by row."""
    counts = np.asarray(counts, dtype=np.int64)
    sentences[at:at + len(counts)] = np.minimum(counts, SATURATED)
    full = np.flatnonzero(counts >= SATURATED)
    return pd.Series(counts[full].astype(np.int32), index=at + full)


def _without_words(terms: pd.DataFrame) -> tuple[pd.DataFrame, PackedWords]:
    return terms[["term_id", "kind"]], PackedWords.of(pa.array(terms["term"]))


def _narrow(starts: np.ndarray) -> np.ndarray:
    """Row offsets as int32 while the rows are fewer than 2**31 (7 MB less at 37,554)."""
    return starts.astype(np.int32) if starts[-1] < 2**31 else starts


def _article_dtype(articles: int) -> type:
    return np.uint16 if articles <= 2**16 else np.int32
