"""The per-article annotation cache on its own (no spaCy): lookups, damage, merges, the cap."""

import pyarrow as pa

from analysis.annotate import AnnotationCache, Records
from analysis.annotate import cache as cache_module
from analysis.annotate.records import DOCS_SCHEMA, MENTIONS_SCHEMA, SENTENCES_SCHEMA


def records(*keys: str) -> Records:
    docs = pa.table({"key": list(keys), "n_sentences": [1] * len(keys),
                     "n_mentions": [1] * len(keys)}, schema=DOCS_SCHEMA)
    sentences = pa.table({"key": list(keys), "sentence_id": [0] * len(keys),
                          "start": [0] * len(keys), "end": [5] * len(keys),
                          "text": [f"s {k}" for k in keys], "tone": [0.5] * len(keys),
                          "pos": [0.1] * len(keys), "neu": [0.9] * len(keys),
                          "neg": [0.0] * len(keys), "kind": ["body"] * len(keys)},
                         schema=SENTENCES_SCHEMA)
    mentions = pa.table({"key": list(keys), "sentence_id": [0] * len(keys),
                         "start": [0] * len(keys), "end": [1] * len(keys),
                         "text": list(keys), "label": ["GPE"] * len(keys),
                         "tone": [0.0] * len(keys), "tone_label": ["neutral"] * len(keys)},
                        schema=MENTIONS_SCHEMA)
    return Records(docs, sentences, mentions)


def test_cache_lookup_write_and_misses(tmp_path):
    cache = AnnotationCache(tmp_path, "p1")
    assert cache.plan(["a"]).missing == ["a"]
    cache.write(records("a", "b"))
    cache.write(records("c"))
    plan = cache.plan(["a", "c", "d"])
    found, missing = plan.found, plan.missing
    assert sorted(found.key_list()) == ["a", "c"] and missing == ["d"]
    assert sorted(found.mentions.column("text").to_pylist()) == ["a", "c"]
    # another pipeline shares nothing
    assert AnnotationCache(tmp_path, "p2").plan(["a"]).missing == ["a"]


def test_damaged_shard_is_dropped_not_fatal(tmp_path):
    cache = AnnotationCache(tmp_path, "p1")
    shard = cache.write(records("a"))
    cache.write(records("b"))
    (shard / "sentences.parquet").write_bytes(b"garbage")
    plan = cache.plan(["a", "b"])
    found, missing = plan.found, plan.missing
    assert found.key_list() == ["b"] and missing == ["a"]
    assert not shard.exists()


def test_small_shards_are_merged_without_duplicates(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_SHARDS", 4)
    cache = AnnotationCache(tmp_path, "p1")
    for key in "abcdef":
        cache.write(records(key))
    cache.write(records("a"))  # a duplicate
    cache.maintain()
    assert len(cache.shards()) <= 4
    plan = cache.plan(list("abcdef"))
    found, missing = plan.found, plan.missing
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
    assert cache.plan(["a"]).missing == ["a"]


def test_unwritable_cache_slows_a_build_but_breaks_none(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = AnnotationCache(blocker / "sub", "p1")
    assert cache.write(records("a")) is None
    assert cache.plan(["a"]).missing == ["a"]


def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COVERAGE_LENS_CACHE", str(tmp_path))
    assert cache_module.default_cache_dir() == tmp_path / "annotations"
    monkeypatch.setenv("COVERAGE_LENS_ANNOTATION_CACHE_MB", "3")
    assert cache_module.default_max_bytes() == 3 * 2**20
