"""The per-article annotation cache: a changed article is re-annotated alone, and the tables
equal a build from scratch."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.annotate import engines, worker
from analysis.build import DEFAULT_CORPUS, Resources, build_store, pipeline
from analysis.ingest import load_corpus
from tests.fixtures.paths import ALLSIDES, REPO


def assert_tables_equal(a, b):
    for name, df in a.items():
        pd.testing.assert_frame_equal(df, getattr(b, name), obj=name)


def patch_annotate_texts(monkeypatch, replacement) -> None:
    """Every engine in this process goes through worker.annotate_texts."""
    monkeypatch.setattr(worker, "annotate_texts", replacement)
    monkeypatch.setattr(engines, "annotate_texts", replacement)


@pytest.fixture
def count_annotated(monkeypatch):
    """Counts the texts handed to spaCy."""
    seen: list[str] = []
    real = worker.annotate_texts

    def counting(pairs, **kw):
        seen.extend(key for key, _ in pairs)
        return real(pairs, **kw)

    patch_annotate_texts(monkeypatch, counting)
    return seen


@pytest.fixture(scope="module")
def resources():
    return Resources()


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
    first = build_store(corpus, tmp_path / "store", cache_dir=cache, resources=resources)
    assert len(count_annotated) == 5
    assert first.manifest["annotation_cache"] == {
        "dir": first.manifest["annotation_cache"]["dir"], "hits": 0, "annotated": 5}

    changed = sorted(corpus.glob("00*.txt"))[2]
    edit(changed, "Later, Sergei Shoigu told reporters in Minsk that Angela Merkel had called.")
    count_annotated.clear()
    again = build_store(corpus, tmp_path / "store", cache_dir=cache, resources=resources)
    assert not again.cached
    assert len(count_annotated) == 1
    assert again.manifest["annotation_cache"]["hits"] == 4
    assert "Angela Merkel" in set(again.tables.entities["name"])

    scratch = build_store(corpus, tmp_path / "scratch", cache_dir=tmp_path / "empty",
                          resources=resources)
    assert_tables_equal(again.tables, scratch.tables)


def test_an_added_article_is_annotated_alone(tmp_path, count_annotated, resources):
    corpus = copy_corpus(tmp_path / "corpus")
    cache = tmp_path / "annotations"
    build_store(corpus, tmp_path / "store", cache_dir=cache, resources=resources)
    (corpus / "005_new.txt").write_text(
        "Belarusian President Alexander Lukashenko met a Chinese delegation in Minsk on "
        "Tuesday. Lukashenko said Belarus and China would sign new trade deals, and the "
        "delegation then flew on to Moscow for talks with Russian officials.\n",
        encoding="utf-8")
    count_annotated.clear()
    again = build_store(corpus, tmp_path / "store", cache_dir=cache, resources=resources)
    assert len(count_annotated) == 1
    assert len(again.tables.articles) == 6
    scratch = build_store(corpus, tmp_path / "scratch", cache_dir=tmp_path / "empty",
                          resources=resources)
    assert_tables_equal(again.tables, scratch.tables)


def test_global_steps_rerun_from_cached_mentions(tmp_path, count_annotated, monkeypatch):
    """A new alias file changes entities with no annotation at all (and no model load, whoever
    hands in the resources)."""
    cache = tmp_path / "annotations"
    build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nLi Shangfu,General Li Shangfu\n", encoding="utf-8")
    count_annotated.clear()

    def no_model(*args, **kwargs):
        raise AssertionError("every text is cached: no model should load")

    monkeypatch.setattr(worker, "load_nlp", no_model)
    resources = Resources()
    again = build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache,
                        aliases_path=aliases, resources=resources)
    assert not again.cached and count_annotated == []
    assert resources.loaded() == {"gazetteer"}
    assert again.manifest["annotation_cache"]["hits"] == 5
    assert "General Li Shangfu" in set(again.tables.entities["name"])


def test_an_interrupted_build_keeps_what_it_finished(tmp_path, monkeypatch, resources):
    monkeypatch.setattr(engines, "PARTITION_CHARS", 1)  # one text per partition
    real = worker.annotate_texts
    calls = []

    def failing(pairs, **kw):
        calls.append(len(pairs))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(pairs, **kw)

    patch_annotate_texts(monkeypatch, failing)
    cache = tmp_path / "annotations"
    with pytest.raises(KeyboardInterrupt):
        build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache, n_process=1,
                    resources=resources)
    calls.clear()
    patch_annotate_texts(monkeypatch, lambda pairs, **kw: (
        calls.append(len(pairs)), real(pairs, **kw))[1])
    built = build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache, n_process=1,
                        resources=resources)
    assert sum(calls) == 3  # two were kept
    assert len(built.tables.articles) == 5
    assert not list((cache).glob("pipeline-*/tmp-*"))


@pytest.mark.skipif(not ALLSIDES.exists(), reason="../shared/corpora/allsides is absent")
def test_allsides_change_one_article_equals_scratch(tmp_path, count_annotated, resources):
    corpus = load_corpus(ALLSIDES, limit=30)
    cache = tmp_path / "annotations"
    build_store(ALLSIDES, tmp_path / "store", corpus=corpus, cache_dir=cache,
                resources=resources)
    articles = corpus.articles.copy()
    text = articles.at[7, "text"]
    articles.loc[7, "text"] = text.replace(".", ". Vladimir Putin said so in Moscow.", 1)
    changed = type(corpus)(articles, corpus.rejects, corpus.fingerprint + "-edited")
    count_annotated.clear()
    again = build_store(ALLSIDES, tmp_path / "store", corpus=changed, cache_dir=cache,
                        resources=resources)
    assert len(count_annotated) == 1
    scratch = build_store(ALLSIDES, tmp_path / "scratch", corpus=changed,
                          cache_dir=tmp_path / "empty", resources=resources)
    assert_tables_equal(again.tables, scratch.tables)


def test_a_killed_build_keeps_what_it_flushed(tmp_path):
    """SIGKILL leaves no `finally` to run: what the cache flushed before it stays."""
    cache = tmp_path / "annotations"
    script = f"""
import os, signal
from analysis.annotate import engines, stage, worker
from analysis.build import DEFAULT_CORPUS, build_store
engines.PARTITION_CHARS = 1  # one text per partition
stage.FLUSH_TEXTS = 1  # a flush after every text, as after every FLUSH_TEXTS of a big build
real, calls = worker.annotate_texts, []
def dying(pairs, **kw):
    calls.append(1)
    if len(calls) == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(pairs, **kw)
engines.annotate_texts = dying
build_store(DEFAULT_CORPUS, {str(tmp_path / 'store')!r}, cache_dir={str(cache)!r}, n_process=1)
"""
    died = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True)
    assert died.returncode == -signal.SIGKILL
    shards = list(cache.glob("pipeline-*/shard-*"))
    assert len(shards) == 3  # three texts annotated and flushed before the kill
    built = build_store(DEFAULT_CORPUS, tmp_path / "store", cache_dir=cache, n_process=1)
    assert built.manifest["annotation_cache"] == {
        "dir": built.manifest["annotation_cache"]["dir"], "hits": 3, "annotated": 2}


@pytest.fixture
def count_corpus_reads(monkeypatch):
    """Counts the builds that read and hash the corpus files."""
    reads: list[Path] = []
    real = pipeline.load_corpus

    def counting(source, *args, **kw):
        reads.append(source)
        return real(source, *args, **kw)

    monkeypatch.setattr(pipeline, "load_corpus", counting)
    return reads


def test_an_unchanged_corpus_is_not_read_again(tmp_path, count_corpus_reads, resources):
    corpus = copy_corpus(tmp_path / "corpus")
    first = build_store(corpus, tmp_path / "store", cache_dir=tmp_path / "a", resources=resources)
    assert len(count_corpus_reads) == 1 and not first.cached
    again = build_store(corpus, tmp_path / "store", cache_dir=tmp_path / "a", resources=resources)
    assert again.cached and len(count_corpus_reads) == 1  # sizes and times alone said current


def test_a_touched_or_changed_corpus_file_is_read_again(tmp_path, count_corpus_reads,
                                                       resources):
    corpus = copy_corpus(tmp_path / "corpus")
    build_store(corpus, tmp_path / "store", cache_dir=tmp_path / "a", resources=resources)
    article = sorted(corpus.glob("00*.txt"))[1]

    # a new modification time, the same words: read, found current
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    touched = build_store(corpus, tmp_path / "store", cache_dir=tmp_path / "a",
                          resources=resources)
    assert touched.cached and len(count_corpus_reads) == 2
    assert build_store(corpus, tmp_path / "store", cache_dir=tmp_path / "a",
                       resources=resources).cached and len(count_corpus_reads) == 2

    before = article.stat()
    edit(article, "Later, Sergei Shoigu told reporters in Minsk that Angela Merkel had called.")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same time, new size
    changed = build_store(corpus, tmp_path / "store", cache_dir=tmp_path / "a",
                          resources=resources)
    assert not changed.cached and len(count_corpus_reads) == 3
    assert "Angela Merkel" in set(changed.tables.entities["name"])
