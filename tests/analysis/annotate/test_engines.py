"""Both engines give identical tables: the local one (in process, or a pool of 2 processes)
and Dask (a real LocalCluster of 2 worker processes), on the default corpus and on 200
AllSides articles."""

import subprocess
import sys

import pandas as pd
import pytest

from analysis.annotate import engines, model_name
from analysis.annotate.engines import partitions
from analysis.build import DEFAULT_CORPUS, build_store
from analysis.ingest import load_corpus
from analysis.tables import read_manifest
from tests.fixtures.paths import ALLSIDES, REPO

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def assert_same_tables(a, b):
    for name, df in a.tables.items():
        pd.testing.assert_frame_equal(df, getattr(b.tables, name), obj=name)


def test_partitions_cover_every_text_once():
    pairs = [(str(i), "x" * (i * 1000)) for i in range(40)]
    parts = partitions(pairs, max_chars=20_000)
    assert [p for part in parts for p in part] == pairs
    assert all(sum(len(t) for _, t in part) <= 20_000 or len(part) == 1 for part in parts)


def test_default_corpus_local_and_dask_agree(tmp_path, scheduler):
    local = build_store(DEFAULT_CORPUS, tmp_path / "local", cache_dir=tmp_path / "c1",
                        n_process=1)
    dask = build_store(DEFAULT_CORPUS, tmp_path / "dask", cache_dir=tmp_path / "c2",
                       scheduler=scheduler)
    assert dask.manifest["engine"]["engine"] == "dask"
    assert dask.manifest["engine"]["workers"] == 2
    assert dask.manifest["annotation_cache"]["annotated"] == 5
    assert_same_tables(local, dask)


@pytest.mark.skipif(not ALLSIDES.exists(), reason="../shared/corpora/allsides is absent")
def test_allsides_200_local_pool_and_dask_agree(tmp_path, scheduler):
    corpus = load_corpus(ALLSIDES, limit=200)
    local = build_store(ALLSIDES, tmp_path / "local", corpus=corpus, n_process=2,
                        cache_dir=tmp_path / "c1")
    assert local.manifest["engine"] == {"engine": "local", "n_process": 2}
    dask = build_store(ALLSIDES, tmp_path / "dask", corpus=corpus, scheduler=scheduler,
                       cache_dir=tmp_path / "c2")
    assert dask.manifest["annotation_cache"]["annotated"] == 200
    assert len(local.tables.articles) == 200
    assert_same_tables(local, dask)


def test_cli_scheduler_flag(tmp_path, scheduler):
    out = tmp_path / "store"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "build", str(DEFAULT_CORPUS), "--out", str(out),
         "--scheduler", scheduler, "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, cwd=REPO, check=True,
    )
    assert "engine dask" in run.stdout
    assert read_manifest(out)["engine"]["scheduler"] == scheduler


def test_dask_engine_without_address_starts_a_local_cluster(tmp_path):
    pytest.importorskip("distributed")
    built = build_store(DEFAULT_CORPUS, tmp_path / "store", engine="dask", n_process=1,
                        cache_dir=tmp_path / "cache")
    assert built.manifest["engine"] == {"engine": "dask", "scheduler": "LocalCluster",
                                        "workers": 1}
    assert len(built.tables.articles) == 5


def test_pool_without_fork_loads_the_model_in_each_worker(monkeypatch):
    """The start method a threaded host (a Streamlit server) gets: each worker loads the model
    itself, and the records equal those made in this process."""
    monkeypatch.setattr(engines, "PARTITION_CHARS", 100)  # one text per partition
    texts = [(f"k{i}", f"Text {i}: Angela Merkel met Emmanuel Macron in Paris. " * 2)
             for i in range(4)]
    got, expected = [], []
    engines.LocalEngine(model=model_name(), n_process=2, start_method="forkserver").run(
        texts, got.append)
    engines.LocalEngine(model=model_name(), n_process=1).run(texts, expected.append)
    assert len(got) == 4
    by_key = {r.key_list()[0]: r for r in got}
    for records in expected:
        other = by_key[records.key_list()[0]]
        assert other.sentences.equals(records.sentences)
        assert other.mentions.equals(records.mentions)
        assert records.mentions.num_rows >= 3
