"""The annotation stage of a build: every article's records, from the cache or an engine.

Records (sentences with their VADER scores, mentions with their targeted tone) are keyed by
the sha256 of the article's text; only the texts the cache lacks go to an engine
(analysis.engines), and what it returns is written back as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd

from analysis.annotation_cache import AnnotationCache, text_key
from analysis.records import Records

# progress(stage, done, total)
Progress = Callable[[str, int, int], None]

# While annotating, finished records go to the cache every so many texts or seconds, so an
# interrupted build keeps most of its work.
FLUSH_TEXTS = 2_000
FLUSH_SECONDS = 120.0


def article_keys(articles: pd.DataFrame) -> list[str]:
    """The annotation-cache key of every article (sha256 of its text), in table order."""
    return [text_key(text) for text in articles["text"].tolist()]


def annotate_corpus(
    articles: pd.DataFrame,
    keys: list[str],
    *,
    engine,
    cache: AnnotationCache | None,
    progress: Progress | None = None,
) -> tuple[Records, dict]:
    """Records for every key: from the cache, and from `engine` for the texts it lacks.

    Returns (records, {"hits": texts found, "annotated": texts annotated now}).
    """
    texts = dict(zip(keys, articles["text"].tolist(), strict=True))  # one per distinct text
    per_key = pd.Series(keys).value_counts().to_dict()  # articles sharing a text
    if cache is not None:
        found, missing = cache.lookup(texts)
    else:
        found, missing = Records.empty(), list(texts)
    total = len(keys)
    done = total - sum(per_key[k] for k in missing)
    if progress is not None:
        progress("annotate", done, total)

    fresh: list[Records] = []
    pending: list[Records] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal pending, last_flush
        if cache is not None and pending:
            cache.write(Records.concat(pending))
        pending, last_flush = [], time.monotonic()

    def on_records(records: Records) -> None:
        nonlocal done
        fresh.append(records)
        pending.append(records)
        done += sum(per_key[k] for k in records.key_list())
        if progress is not None:
            progress("annotate", done, total)
        if (sum(len(p) for p in pending) >= FLUSH_TEXTS
                or time.monotonic() - last_flush > FLUSH_SECONDS):
            flush()

    try:
        if missing:
            engine.run([(k, texts[k]) for k in missing], on_records)
    finally:
        flush()  # what was finished is kept, even when the build is interrupted
    if cache is not None and missing:
        cache.maintain()
    return Records.concat([found, *fresh]), {"hits": len(texts) - len(missing),
                                             "annotated": len(missing)}


class PrefetchedCache:
    """The cache, with the lookup build_store already made (so it is not made twice)."""

    def __init__(self, cache: AnnotationCache, found: Records, missing: list[str]) -> None:
        self.cache, self.found, self.missing = cache, found, missing
        self.dir = cache.dir

    def lookup(self, keys) -> tuple[Records, list[str]]:
        return self.found, self.missing

    def write(self, records: Records):
        return self.cache.write(records)

    def maintain(self) -> None:
        self.cache.maintain()
