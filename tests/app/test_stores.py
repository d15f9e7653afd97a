"""Which store the app opens, and what it does when a store is damaged or not its own."""

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import session
from tests.fixtures.apptest import APP, ServerPagesManager, shown, table
from tests.fixtures.paths import DEFAULT_CORPUS


def default_store_path(result) -> Path:
    """Where conftest.default_store built the default corpus."""
    return Path(result.manifest["annotation_cache"]["dir"]).parents[1] / "stores" / "default"


@pytest.fixture
def cli_store(default_store, tmp_path):
    """A store built outside the app (as `python -m analysis build` makes one)."""
    store = tmp_path / "cli-store"
    shutil.copytree(default_store_path(default_store), store)
    return store


def start(monkeypatch, **env) -> AppTest:
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", ServerPagesManager)
    for name, value in env.items():
        monkeypatch.setenv(name, str(value))
    return AppTest.from_file(str(APP), default_timeout=180).run()


def snapshot(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_a_cli_store_opens_as_it_is(cli_store, monkeypatch):
    before = snapshot(cli_store)
    at = start(monkeypatch, COVERAGE_LENS_STORE=cli_store)
    assert not at.exception and not at.error
    assert len(table(at, session.CORPUS_ARTICLES)) == 5
    assert not at.get("status")  # nothing was built
    assert snapshot(cli_store) == before


def test_a_store_of_another_corpus_is_never_overwritten(cli_store, tmp_path, monkeypatch):
    other = tmp_path / "other-corpus"
    shutil.copytree(DEFAULT_CORPUS, other)
    before = snapshot(cli_store)
    at = start(monkeypatch, COVERAGE_LENS_STORE=cli_store, COVERAGE_LENS_CORPUS=other)
    assert "not from" in shown(at.error[0].value) and "left as it is" in shown(at.error[0].value)
    assert not [b for b in at.button if b.label == "Rebuild the store"]
    assert snapshot(cli_store) == before


def test_a_damaged_cli_store_says_why_and_is_rebuilt_from_its_corpus(cli_store, monkeypatch):
    (cli_store / "places.parquet").write_bytes(b"PAR1 not a table")
    at = start(monkeypatch, COVERAGE_LENS_STORE=cli_store)
    assert "not a store that can be read" in shown(at.error[0].value)
    assert "python -m analysis build" in shown(at.error[0].value)
    # with the corpus named, the damaged store of ours is rebuilt in place
    at = start(monkeypatch, COVERAGE_LENS_STORE=cli_store, COVERAGE_LENS_CORPUS=DEFAULT_CORPUS)
    assert not at.exception and not at.error
    assert len(table(at, session.CORPUS_ARTICLES)) == 5


def test_a_cli_store_damaged_while_it_is_served_says_why_on_the_next_run(cli_store,
                                                                        monkeypatch):
    at = start(monkeypatch, COVERAGE_LENS_STORE=cli_store)
    assert not at.error and len(table(at, session.CORPUS_ARTICLES)) == 5
    at.run()  # a rerun of an unchanged store: its check is kept
    assert not at.error
    (cli_store / "places.parquet").write_bytes(b"PAR1 not a table")
    at.run()
    assert "not a store that can be read" in shown(at.error[0].value)


def test_a_damaged_default_store_is_rebuilt(default_store, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(default_store_path(default_store), cache / "stores" / "default")
    (cache / "stores" / "default" / "manifest.json").write_text("null")
    at = start(monkeypatch, COVERAGE_LENS_CACHE=cache)
    assert not at.exception and not at.error
    (status,) = at.get("status")
    assert status.label.startswith("Store built: 5 articles")


def test_a_build_that_fails_offers_a_rebuild(tmp_path, monkeypatch):
    at = start(monkeypatch, COVERAGE_LENS_CACHE=tmp_path / "cache",
               COVERAGE_LENS_CORPUS=tmp_path / "missing")
    assert at.error and "could not be opened" in shown(at.error[0].value)
    assert [b for b in at.button if b.label == "Rebuild the store"]
