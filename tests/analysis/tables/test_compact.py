"""The app's compact tables (categoricals, int32) give every view the same rows as the tables
as declared."""

import dataclasses
import inspect
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.places import country_codes
from analysis.tables import (
    StoreError,
    StoreTexts,
    Tables,
    load_store,
    save_store,
    whole_rows,
)
from analysis.tables.compact import STORED_ONLY, load_compact, load_compact_terms
from analysis.terms import term_tables
from analysis.views import (
    Filters,
    corpus,
    entities,
    evidence,
    naming,
    places,
    sources,
    timeline,
    tone,
)
from analysis.views.corpus import filtered_table
from analysis.views.distinctive import MIN_ARTICLES, distinctive_terms
from tests.fixtures.sample_tables import sample_tables


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "s"
    save_store(sample_tables(unknown=True), store, manifest={})
    return load_store(store, texts=False), load_compact(store), StoreTexts(store)


def values(frame: pd.DataFrame) -> pd.DataFrame:
    """The values a reader sees: one kind of missing value, whatever the dtype."""
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(values(a), values(b), check_dtype=False,
                                  check_index_type=False, check_column_type=False)


def test_compact_tables_hold_the_same_values(both):
    plain, compact, texts = both
    for name, df in plain.items():
        narrow = getattr(compact, name)
        held = [col for col in df.columns if col not in STORED_ONLY.get(name, ())]
        assert list(narrow.columns) == held
        same(df[held], narrow)
        # what a reader left in the store comes back for the rows it shows (the Data page)
        beta = Filters(outlets=("Beta Wire",))
        same(whole_rows(compact, name, filtered_table(compact, beta, name=name), texts=texts),
             whole_rows(plain, name, filtered_table(plain, beta, name=name), texts=texts))
    assert len(filtered_table(plain, Filters(outlets=("Beta Wire",)), name="mentions"))
    assert isinstance(compact.mentions["label"].dtype, pd.CategoricalDtype)
    labels = compact.mentions["label"].cat.categories
    assert list(labels) == sorted(plain.mentions["label"].unique())
    assert str(compact.sentences["start"].dtype) == "int32"


def views(tables, filters, texts):
    def call(view, **options):
        if "texts" in inspect.signature(view).parameters:
            options["texts"] = texts
        return view(tables, filters, **options)

    entity_id = tables.entities["entity_id"].iloc[0]
    # the two entities named most often: pairs, naming and the entity's mentions over time
    first, second = tables.mentions["entity_id"].astype(str).value_counts().index[:2]
    outlet = sorted(tables.articles["outlet"].dropna().unique())[0]
    place_id = int(tables.places["place_id"].iloc[0])
    article_id = tables.articles["article_id"].iloc[0]
    return {
        "corpus_counts": call(corpus.corpus_counts),
        "articles_view": call(corpus.articles_view),
        "outlet_counts": call(corpus.outlet_counts),
        "article_titles": call(corpus.article_titles),
        "mentions table": whole_rows(tables, "mentions", call(corpus.filtered_table,
                                                              name="mentions"), texts=texts),
        "over time": call(timeline.articles_over_time),
        "entity_mentions": call(entities.entity_mentions),
        "top_entities_by_outlet": call(entities.top_entities_by_outlet),
        "cooccurrence": call(entities.cooccurrence_view),
        "entity_sentences": call(evidence.entity_sentences, entity_id=entity_id),
        "place_sentences": call(evidence.place_sentences, place_id=place_id),
        "article_mentions": call(evidence.article_mentions, article_id=article_id),
        "place_mentions": call(places.place_mentions),
        "place_labels": call(places.place_labels, embedded=False),
        "article_sentences": call(evidence.article_sentences, article_id=article_id),
        "sentence_tones": call(tone.sentence_tones),
        "cooccurrence_nodes": call(entities.cooccurrence_nodes),
        "article_quotes": call(sources.article_quotes, article_id=article_id),
        "entity_quotes": call(sources.entity_quotes, entity_id=entity_id),
        "country_mentions": call(places.country_mentions, countries=country_codes()),
        "outlet_tone": call(tone.outlet_tone_view),
        "sentence_tone": call(tone.sentence_tone_view),
        "entity_tone": call(tone.entity_tone_matrix),
        "extremes": call(tone.extreme_sentences),
        "speakers": call(sources.speakers_by_outlet),
        "quotes_by_kind": call(sources.quotes_by_kind),
        "cited": call(sources.cited_sources),
        "quote_list": call(sources.quote_list),
        "terms": call(distinctive_terms),
        "cooccurrence_pairs": call(entities.cooccurrence_pairs, window="article"),
        "pair_nodes": call(entities.pair_nodes, entity_ids=(first, second)),
        "pair_sentences": call(evidence.pair_sentences, entity_a=first, entity_b=second),
        "mentions_over_time": call(timeline.mentions_over_time, entity_id=first),
        "naming_terms": call(naming.naming_terms, entity_id=first),
        "entity_tone_evidence": call(tone.entity_tone_evidence, entity_id=first,
                                     outlet=outlet),
    }


@pytest.mark.parametrize("which", ["all", "one outlet", "unknown too"])
def test_every_view_gives_the_same_rows(both, which):
    plain, compact, texts = both
    outlet = sorted(plain.articles["outlet"].dropna().unique())[0]
    filters = {"all": Filters(), "one outlet": Filters(outlets=(outlet,)),
               "unknown too": Filters(unknown_outlets=True)}[which]
    expected, got = views(plain, filters, texts), views(compact, filters, texts)
    assert any(len(frame) for frame in expected.values())
    for name, frame in expected.items():
        try:
            same(frame, got[name])
        except AssertionError as err:
            raise AssertionError(f"{name}: {err}") from err


def test_a_store_of_one_article_gives_the_same_rows(tmp_path):
    # one article id, one outlet: mapping a categorical one-to-one keeps it categorical
    tables = sample_tables()
    first = tables.articles["article_id"].iloc[0]
    one = Tables(**{name: df[df["article_id"] == first] if "article_id" in df.columns
                    and name != "entities" else df for name, df in tables.items()})
    save_store(one, tmp_path / "s", manifest={})
    texts = StoreTexts(tmp_path / "s")
    plain, compact = load_store(tmp_path / "s", texts=False), load_compact(tmp_path / "s")
    expected, got = views(plain, Filters(), texts), views(compact, Filters(), texts)
    for name, frame in expected.items():
        same(frame, got[name])


def stored_with_terms(store):
    """The sample tables with their words counted, saved to `store`: (terms, article_terms)."""
    tables = sample_tables()
    names = pd.DataFrame({"article_id": [], "sentence_id": [], "name": []})
    terms, used = term_tables(tables.sentences.rename(columns={"text": "sentence"}), names)
    save_store(dataclasses.replace(tables, terms=terms, article_terms=used), store, manifest={})
    return terms, used


def test_the_app_loads_only_the_terms_a_comparison_can_show(tmp_path):
    terms, used = stored_with_terms(tmp_path / "s")
    assert load_compact(tmp_path / "s", terms=False).article_terms.empty

    kept = load_compact_terms(tmp_path / "s", min_articles=MIN_ARTICLES)
    spread = used.groupby("term_id")["article_id"].nunique()
    widely_used = set(terms.loc[terms["term_id"].isin(spread[spread >= 2].index), "term"])
    assert set(kept["terms"]["term"]) == widely_used
    assert 0 < len(kept["terms"]) < len(terms)  # the sample has terms of one article
    assert set(kept["article_terms"]["term_id"]) == set(kept["terms"]["term_id"])

    whole = load_compact(tmp_path / "s")
    for name, frame in kept.items():  # the same dtypes as the whole tables
        assert frame.dtypes.to_dict() == getattr(whole, name).dtypes.to_dict()
        wide = getattr(whole, name)["term_id"].isin(kept["terms"]["term_id"])
        same(frame, getattr(whole, name)[wide])
    pruned = dataclasses.replace(whole, **kept)
    same(distinctive_terms(whole, Filters()), distinctive_terms(pruned, Filters()))
    assert len(load_compact_terms(tmp_path / "s")["terms"]) == len(terms)


def test_terms_read_from_many_row_groups_are_the_terms_stored(tmp_path):
    # the loader fills its arrays a row group at a time, each with its own article ids
    stored_with_terms(tmp_path / "s")
    stored = load_compact(tmp_path / "s").article_terms
    path = tmp_path / "s" / "article_terms.parquet"
    table = pq.read_table(path)  # plain strings: each row group gets a dictionary of its own
    table = table.set_column(0, "article_id", table["article_id"].cast(pa.string()))
    pq.write_table(table, path, row_group_size=3)
    assert pq.ParquetFile(path).num_row_groups > 3

    kept = load_compact_terms(tmp_path / "s", min_articles=MIN_ARTICLES)["article_terms"]
    assert kept.dtypes.to_dict() == stored.dtypes.to_dict()
    assert 0 < len(kept) < len(stored)
    same(kept, stored[stored["term_id"].isin(kept["term_id"])])


def test_tables_read_on_demand_are_the_tables_read_at_once(tmp_path):
    # the app's server reads each table when a view first asks for it, once for all sessions
    save_store(sample_tables(unknown=True), tmp_path / "s", manifest={})
    at_once = load_compact(tmp_path / "s")
    on_demand = load_compact(tmp_path / "s", on_demand=True)
    with ThreadPoolExecutor(4) as pool:
        read = list(pool.map(lambda _: on_demand.mentions, range(8)))
    assert all(frame is read[0] for frame in read)
    for name, frame in at_once.items():
        same(frame, getattr(on_demand, name))
        assert frame.dtypes.to_dict() == getattr(on_demand, name).dtypes.to_dict()


def test_columns_of_a_table_not_read_yet_come_from_the_store_alone(tmp_path):
    # the Corpus page's first counts read three columns of the mentions, not the table
    save_store(sample_tables(unknown=True), tmp_path / "s", manifest={})
    at_once = load_compact(tmp_path / "s")
    on_demand = load_compact(tmp_path / "s", on_demand=True)
    columns = ["role", "entity_id", "place_id"]
    read = on_demand.columns_of("mentions", columns)
    assert "mentions" not in vars(on_demand)
    assert list(read.columns) == columns
    same(read, at_once.mentions[columns])
    assert read.dtypes.to_dict() == at_once.mentions[columns].dtypes.to_dict()
    counts = corpus.corpus_counts(on_demand, Filters())
    assert "mentions" not in vars(on_demand)
    same(counts, corpus.corpus_counts(at_once, Filters()))
    on_demand.mentions  # noqa: B018  (read whole now: its own columns from then on)
    same(on_demand.columns_of("mentions", columns), read)


def test_a_table_damaged_after_the_store_opened_says_so_when_read(tmp_path):
    save_store(sample_tables(), tmp_path / "s", manifest={})
    tables = load_compact(tmp_path / "s", on_demand=True)
    assert len(tables.articles)
    (tmp_path / "s" / "quotes.parquet").write_bytes(b"PAR1 not a table")
    with pytest.raises(StoreError, match="could not be read"):
        tables.quotes  # noqa: B018


def test_term_spread_counts_sorted_and_unsorted_ids_alike():
    from analysis.tables.compact import _counted_into

    ids = np.array([0, 2, 2, 5, 5, 5])
    sorted_counts = _counted_into(np.zeros(3, np.int32), ids)  # grown to hold id 5
    unsorted_counts = _counted_into(np.zeros(3, np.int32), ids[::-1].copy())
    assert sorted_counts.tolist() == unsorted_counts.tolist() == [1, 0, 2, 0, 0, 3]
    assert _counted_into(sorted_counts, ids[:0]).tolist() == [1, 0, 2, 0, 0, 3]
