"""The gazetteer's cache: built once, reused, rebuilt when damaged."""

from __future__ import annotations

import pickle
import shutil

import pytest

from analysis.places import load_gazetteer
from tests.fixtures.places import BEIJING, MOSCOW

# -- the cache ----------------------------------------------------------------------------------

def test_warm_load_from_cache_is_the_same_gazetteer(gazetteer, cache_dir):
    (cached,) = cache_dir.glob("gazetteer-*.pkl")
    warm = load_gazetteer(cache_dir=cache_dir)
    assert warm.version == gazetteer.version and len(warm) == len(gazetteer)
    assert warm.resolve("Minsk") == gazetteer.resolve("Minsk")
    assert cached.stat().st_size > 100_000


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape"])
def test_a_corrupt_cache_is_rebuilt(gazetteer, cache_dir, tmp_path, damage):
    (cached,) = cache_dir.glob("gazetteer-*.pkl")
    broken = tmp_path / cached.name
    if damage == "garbage":
        broken.write_bytes(b"\x00not a pickle at all")
    elif damage == "truncated":
        broken.write_bytes(cached.read_bytes()[: cached.stat().st_size // 2])
    else:
        broken.write_bytes(pickle.dumps({"something": "else"}))
    rebuilt = load_gazetteer(cache_dir=tmp_path)
    assert rebuilt.resolve("Moscow").place_id == MOSCOW
    assert len(rebuilt) == len(gazetteer)
    # and the file was replaced by a good one
    with broken.open("rb") as fh:
        assert pickle.load(fh)[0] == gazetteer.version


def test_cache_dir_from_environment(monkeypatch, cache_dir, tmp_path):
    shutil.copytree(cache_dir, tmp_path / "env", dirs_exist_ok=True)
    monkeypatch.setenv("COVERAGE_LENS_CACHE", str(tmp_path / "env"))
    assert load_gazetteer().resolve("Beijing").place_id == BEIJING
