"""The gazetteer, built once for all the places tests into a private cache folder."""

import pytest

from analysis.places import load_gazetteer


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def gazetteer(cache_dir):
    return load_gazetteer(cache_dir=cache_dir)
