"""The server's term index holds the stored per-article terms (by term, an article number per
row) and scores them as the tables do."""

import dataclasses

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.tables import StoreTexts, save_store
from analysis.tables import term_index as term_index_module
from analysis.tables.compact import load_compact, load_compact_terms
from analysis.tables.term_index import load_term_index, term_index
from analysis.terms import term_tables
from analysis.views import Filters, distinctive
from tests.fixtures.sample_tables import sample_tables


@pytest.fixture
def store(tmp_path):
    """The sample tables with their words counted, saved: (store, terms, article_terms)."""
    tables = sample_tables()
    names = pd.DataFrame({"article_id": [], "sentence_id": [], "name": []})
    terms, used = term_tables(tables.sentences.rename(columns={"text": "sentence"}), names)
    save_store(dataclasses.replace(tables, terms=terms, article_terms=used), tmp_path / "s",
               manifest={})
    return tmp_path / "s", terms, used


def rows(frame: pd.DataFrame) -> pd.DataFrame:
    """article_terms rows as plain values, in a fixed order."""
    return frame.astype({"article_id": "string", "term_id": "int64", "sentences": "int64"}) \
        .sort_values(["term_id", "article_id"], ignore_index=True)


def test_the_index_holds_the_terms_enough_articles_use_and_gives_their_rows_back(store):
    path, terms, used = store
    index = load_term_index(path, min_articles=2)
    kept = load_compact_terms(path, min_articles=2)
    assert 0 < len(index.terms) < len(terms)
    assert index.rows == len(kept["article_terms"]) < len(used)
    assert index.article.dtype == np.uint16  # a few articles: 16 bits each
    pd.testing.assert_frame_equal(rows(index.frame()), rows(kept["article_terms"]))
    every = np.arange(len(index.terms))
    assert set(index.named(every)["term"]) == set(kept["terms"]["term"])
    by_id = kept["terms"].sort_values("term_id", ignore_index=True)
    assert index.named(every[::-1])["term"].tolist() == by_id["term"].iloc[::-1].tolist()

    one = len(index.terms) // 2
    using = used.loc[used["term_id"] == index.terms["term_id"].iloc[one], "article_id"]
    assert sorted(index.articles_using(np.array([one]))) == sorted(using.astype(str))


def test_views_score_the_index_as_they_score_the_stored_tables(store):
    path, _, _ = store
    whole = load_compact(path)
    index = load_term_index(path, min_articles=2)
    filters = [Filters(), Filters(outlets=tuple(whole.articles["outlet"].dropna().unique()[:2]))]
    for f in filters:
        expected = distinctive.distinctive_terms(whole, f, top=5)
        assert len(expected) > 0
        pd.testing.assert_frame_equal(
            distinctive.distinctive_terms(load_compact(path, terms=False), f, top=5,
                                          terms=index), expected)
    term = expected["term"].iloc[0]
    texts = StoreTexts(path)
    pd.testing.assert_frame_equal(
        distinctive.term_evidence(load_compact(path, terms=False), Filters(), term,
                                  texts=texts, terms=index),
        distinctive.term_evidence(whole, Filters(), term, texts=texts))


@pytest.mark.parametrize("reorder", ["shuffled", "row groups of their own articles"])
def test_rows_stored_in_any_order_or_row_groups_give_the_same_index(store, reorder):
    path, _, _ = store
    expected = load_term_index(path, min_articles=2)
    file = path / "article_terms.parquet"
    table = pq.read_table(file)
    table = table.set_column(0, "article_id", table["article_id"].cast(pa.string()))
    if reorder == "shuffled":  # read as frames and sorted
        order = np.random.default_rng(0).permutation(table.num_rows)
        pq.write_table(table.take(order), file)
    else:  # read straight into the arrays, each row group with a dictionary of its own
        pq.write_table(table, file, row_group_size=3)
        assert pq.ParquetFile(file).num_row_groups > 3
    read_straight = term_index_module._stored_index(path, 2) is not None
    assert read_straight == (reorder != "shuffled")
    got = load_term_index(path, min_articles=2)
    pd.testing.assert_frame_equal(rows(got.frame()), rows(expected.frame()))
    pd.testing.assert_frame_equal(got.terms, expected.terms)
    every = np.arange(len(expected.terms))
    pd.testing.assert_frame_equal(got.named(every), expected.named(every))


def test_more_articles_than_sixteen_bits_number_take_wider_numbers():
    n = 2**16 + 5
    used = pd.DataFrame({"article_id": [f"a{i:06d}" for i in range(n)], "term_id": 7,
                         "sentences": 1})
    terms = pd.DataFrame({"term_id": [7, 3], "term": ["war", "peace"], "kind": "word"})
    index = term_index(used, terms)
    assert index.article.dtype == np.int32
    assert list(index.named(np.arange(2))["term"]) == ["peace", "war"]  # in term id order
    assert list(index.numbers_of("WAR")) == [1]
    assert list(index.starts) == [0, 0, n]  # nobody uses "peace"
    assert index.articles[index.article[-1]] == f"a{n - 1:06d}"


def test_sentence_counts_above_a_byte_are_kept_exact():
    used = pd.DataFrame({"article_id": ["a", "b", "c", "a"], "term_id": [3, 3, 3, 5],
                         "sentences": [254, 255, 1_000, 2]})
    terms = pd.DataFrame({"term_id": [3, 5], "term": ["war", "peace"], "kind": "word"})
    index = term_index(used, terms)
    assert index.sentences.dtype == np.uint8
    assert list(index.sentences_at(np.arange(4))) == [254, 255, 1_000, 2]
    assert list(index.sentences_at(np.array([2, 0]))) == [1_000, 254]
    pd.testing.assert_frame_equal(rows(index.frame()), rows(used))
