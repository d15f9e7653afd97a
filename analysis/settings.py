"""Where Coverage Lens finds its data and keeps what it can rebuild.

The default corpus (`data/corpus`) and the cache root shared by every stage:
`$COVERAGE_LENS_CACHE`, else `~/.cache/coverage-lens`; inside it the gazetteer, the annotation
cache (`annotations/`) and the app's stores (`stores/`).
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "COVERAGE_LENS_CACHE"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / "data" / "corpus"


def cache_root() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else Path.home() / ".cache" / "coverage-lens"
