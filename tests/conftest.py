"""Fixtures every test may use: a private cache, the real models, the default corpus built once,
and the small hand-made tables of tests/fixtures/sample_tables.py."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Keep the gazetteer, annotation and store caches of a test run away from the user's own
    (CI sets COVERAGE_LENS_CACHE itself, to a folder inside its clone)."""
    import os

    if os.environ.get("COVERAGE_LENS_CACHE"):
        yield
        return
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COVERAGE_LENS_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def models():
    """spaCy (ner + senter), VADER and the targeted tone scorer, as a build worker loads them."""
    from analysis.annotate import load_models

    return load_models()


@pytest.fixture(scope="session")
def nlp(models):
    return models.nlp


@pytest.fixture
def tables():
    """The small hand-made build of tests/fixtures/sample_tables.py."""
    from tests.fixtures.sample_tables import sample_tables

    return sample_tables()


@pytest.fixture(scope="session")
def default_store(tmp_path_factory):
    """The default corpus (data/corpus) built once per session into a private cache.

    COVERAGE_LENS_CACHE points the app (and the gazetteer cache) at that folder for the whole
    session, so the app finds the store as a cache hit and the user's cache is never touched.
    """
    from analysis.build import DEFAULT_CORPUS, build_store

    cache = tmp_path_factory.mktemp("coverage-lens-cache")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COVERAGE_LENS_CACHE", str(cache))
        env.delenv("COVERAGE_LENS_STORE", raising=False)
        env.delenv("COVERAGE_LENS_CORPUS", raising=False)
        yield build_store(DEFAULT_CORPUS, cache / "stores" / "default")
