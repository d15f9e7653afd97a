"""Where Coverage Lens keeps what it can rebuild: the cache root shared by every stage.

`$COVERAGE_LENS_CACHE`, else `~/.cache/coverage-lens`; inside it the gazetteer, the annotation
cache (`annotations/`) and the app's stores (`stores/`).
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "COVERAGE_LENS_CACHE"


def cache_root() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else Path.home() / ".cache" / "coverage-lens"
