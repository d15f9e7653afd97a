"""The per-article annotation cache: a changed article is re-annotated alone, and the tables
equal a build from scratch."""

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from analysis import annotation_cache, engines
from analysis import nlp as nlp_mod
from analysis.annotation_cache import AnnotationCache
from analysis.build import DEFAULT_CORPUS, build_store, load_resources
from analysis.corpus import load_corpus
from analysis.records import DOCS_SCHEMA, MENTIONS_SCHEMA, SENTENCES_SCHEMA, Records
from tests.conftest import SHARED

ALLSIDES = SHARED / "corpora" / "allsides" / "articles_international.jsonl.gz"


def assert_tables_equal(a, b):
    for name, df in a.items():
        pd.testing.assert_frame_equal(df, getattr(b, name), obj=name)


@pytest.fixture
def count_annotated(monkeypatch):
    """Counts the texts handed to spaCy (every engine in this process goes through
    nlp.annotate_records)."""
    seen: list[str] = []
    real = nlp_mod.annotate_records

    def counting(pairs, **kw):
        seen.extend(key for key, _ in pairs)
        return real(pairs, **kw)

    monkeypatch.setattr(nlp_mod, "annotate_records", counting)
    return seen


@pytest.fixture(scope="module")
def resources():
    return load_resources()


def copy_corpus(dest: Path) -> Path:
    shutil.copytree(DEFAULT_CORPUS, dest)
    return dest


def edit(path: Path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n\n" + sentence + "\n",
                    encoding="utf-8")


pytestmark = pytest.mark.e2e


def test_one_changed_article_is_annotated_alone(tmp_path, count_annotated, resources):
    corpus = copy_corpus(tmp_path / "corpus")
    cache = tmp_path / "annotations"
    first = build_store(corpus, tmp_path / "store", cache_dir=cache, resources=lambda: resources)
    assert len(count_annotated) == 5
    assert first.manifest["annotation_cache"] == {
        "dir": first.manifest["annotation_cache"]["dir"], "hits": 0, "annotated": 5}

    changed = sorted(corpus.glob("00*.txt"))[2]
    edit(changed, "Later, Sergei Shoigu told reporters in Minsk that Angela Merkel had called.")
    count_annotated.clear()
    again = build_store(corpus, tmp_path / "store", cache_dir=cache, resources=lambda: resources)
    assert not again.cached
    assert len(count_annotated) == 1
    assert again.manifest["annotation_cache"]["hits"] == 4
    assert "Angela Merkel" in set(again.tables.entities["name"])

    scratch = build_store(corpus, tmp_path / "scratch", cache_dir=tmp_path / "empty",
                          resources=lambda: resources)
    assert_tables_equal(again.tables, scratch.tables)


def test_an_added_article_is_annotated_alone(tmp_path, count_annotated, resources):
    corpus = copy_corpus(tmp_path / "corpus")
    cache = tmp_path / "annotations"
    build_store(corpus, tmp_path / "store", cache_dir=cache, resources=lambda: resources)
    (corpus / "005_new.txt").write_text(
        "Belarusian President Alexander Lukashenko met a Chinese delegation in Minsk on "
        "Tuesday. Lukashenko said Belarus and China would sign new trade deals, and the "
        "delegation then flew on to Moscow for talks with Russian officials.\n",
        encoding="utf-8")
    count_annotated.clear()
    again = build_store(corpus, tmp_path / "store", cache_dir=cache, resources=lambda: resources)
    assert len(count_annotated) == 1
    assert len(again.tables.articles) == 6
    scratch = build_store(corpus, tmp_path / "scratch", cache_dir=tmp_path / "empty",
                          resources=lambda: resources)
    assert_tables_equal(again.tables, scratch.tables)


def test_global_steps_rerun_from_cached_mentions(tmp_path, count_annotated, monkeypatch):
    """A new alias file changes entities with no annotation at all (and no model load)."""
    cache = tmp_path / "annotations"
    build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nLi Shangfu,General Li Shangfu\n", encoding="utf-8")
    count_annotated.clear()

    def no_model(*args, **kwargs):
        raise AssertionError("every text is cached: no model should load")

    monkeypatch.setattr(nlp_mod, "load_nlp", no_model)
    again = build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache,
                        aliases_path=aliases)
    assert not again.cached and count_annotated == []
    assert again.manifest["annotation_cache"]["hits"] == 5
    assert "General Li Shangfu" in set(again.tables.entities["name"])


def test_an_interrupted_build_keeps_what_it_finished(tmp_path, monkeypatch, resources):
    monkeypatch.setattr(engines, "PARTITION_CHARS", 1)  # one text per partition
    real = nlp_mod.annotate_records
    calls = []

    def failing(pairs, **kw):
        calls.append(len(pairs))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(pairs, **kw)

    monkeypatch.setattr(nlp_mod, "annotate_records", failing)
    cache = tmp_path / "annotations"
    with pytest.raises(KeyboardInterrupt):
        build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache, n_process=1,
                    resources=lambda: resources)
    calls.clear()
    monkeypatch.setattr(nlp_mod, "annotate_records", lambda pairs, **kw: (
        calls.append(len(pairs)), real(pairs, **kw))[1])
    built = build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache, n_process=1,
                        resources=lambda: resources)
    assert sum(calls) == 3  # two were kept
    assert len(built.tables.articles) == 5
    assert not list((cache).glob("pipeline-*/tmp-*"))


@pytest.mark.skipif(not ALLSIDES.exists(), reason="../shared/corpora/allsides is absent")
def test_allsides_change_one_article_equals_scratch(tmp_path, count_annotated, resources):
    corpus = load_corpus(ALLSIDES, limit=30)
    cache = tmp_path / "annotations"
    build_store(ALLSIDES, tmp_path / "store", corpus=corpus, cache_dir=cache,
                resources=lambda: resources)
    articles = corpus.articles.copy()
    text = articles.at[7, "text"]
    articles.loc[7, "text"] = text.replace(".", ". Vladimir Putin said so in Moscow.", 1)
    changed = type(corpus)(articles, corpus.rejects, corpus.fingerprint + "-edited")
    count_annotated.clear()
    again = build_store(ALLSIDES, tmp_path / "store", corpus=changed, cache_dir=cache,
                        resources=lambda: resources)
    assert len(count_annotated) == 1
    scratch = build_store(ALLSIDES, tmp_path / "scratch", corpus=changed,
                          cache_dir=tmp_path / "empty", resources=lambda: resources)
    assert_tables_equal(again.tables, scratch.tables)


# -- the cache itself, without spaCy ----------------------------------------------------------


def records(*keys: str) -> Records:
    docs = pa.table({"key": list(keys), "n_sentences": [1] * len(keys),
                     "n_mentions": [1] * len(keys)}, schema=DOCS_SCHEMA)
    sentences = pa.table({"key": list(keys), "sentence_id": [0] * len(keys),
                          "start": [0] * len(keys), "end": [5] * len(keys),
                          "text": [f"s {k}" for k in keys], "tone": [0.5] * len(keys),
                          "pos": [0.1] * len(keys), "neu": [0.9] * len(keys),
                          "neg": [0.0] * len(keys)}, schema=SENTENCES_SCHEMA)
    mentions = pa.table({"key": list(keys), "sentence_id": [0] * len(keys),
                         "start": [0] * len(keys), "end": [1] * len(keys),
                         "text": list(keys), "label": ["GPE"] * len(keys),
                         "tone": [0.0] * len(keys)},
                        schema=MENTIONS_SCHEMA)
    return Records(docs, sentences, mentions)


def test_cache_lookup_write_and_misses(tmp_path):
    cache = AnnotationCache(tmp_path, "p1")
    assert cache.lookup(["a"])[1] == ["a"]
    cache.write(records("a", "b"))
    cache.write(records("c"))
    found, missing = cache.lookup(["a", "c", "d"])
    assert sorted(found.key_list()) == ["a", "c"] and missing == ["d"]
    assert sorted(found.mentions.column("text").to_pylist()) == ["a", "c"]
    # another pipeline shares nothing
    assert AnnotationCache(tmp_path, "p2").lookup(["a"])[1] == ["a"]


def test_damaged_shard_is_dropped_not_fatal(tmp_path):
    cache = AnnotationCache(tmp_path, "p1")
    shard = cache.write(records("a"))
    cache.write(records("b"))
    (shard / "sentences.parquet").write_bytes(b"garbage")
    found, missing = cache.lookup(["a", "b"])
    assert found.key_list() == ["b"] and missing == ["a"]
    assert not shard.exists()


def test_small_shards_are_merged_without_duplicates(tmp_path, monkeypatch):
    monkeypatch.setattr(annotation_cache, "MAX_SHARDS", 4)
    cache = AnnotationCache(tmp_path, "p1")
    for key in "abcdef":
        cache.write(records(key))
    cache.write(records("a"))  # a duplicate
    cache.maintain()
    assert len(cache.shards()) <= 4
    found, missing = cache.lookup(list("abcdef"))
    assert missing == [] and sorted(found.key_list()) == list("abcdef")
    assert found.sentences.num_rows == 6


def test_size_cap_evicts_other_pipelines_then_old_shards(tmp_path):
    old = AnnotationCache(tmp_path, "old")
    old.write(records(*"xyz"))
    cache = AnnotationCache(tmp_path, "new", max_bytes=1)
    cache.write(records("a"))
    cache.maintain()
    assert not old.dir.exists()
    assert cache.shards() == []  # a cap of one byte holds nothing
    assert cache.lookup(["a"])[1] == ["a"]


def test_unwritable_cache_slows_a_build_but_breaks_none(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = AnnotationCache(blocker / "sub", "p1")
    assert cache.write(records("a")) is None
    assert cache.lookup(["a"])[1] == ["a"]


def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COVERAGE_LENS_CACHE", str(tmp_path))
    assert annotation_cache.default_cache_dir() == tmp_path / "annotations"
    monkeypatch.setenv("COVERAGE_LENS_ANNOTATION_CACHE_MB", "3")
    assert annotation_cache.default_max_bytes() == 3 * 2**20
