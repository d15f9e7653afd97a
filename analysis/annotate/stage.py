"""The annotation stage of a build: every article's records, from the cache or an engine.

Records (sentences with their VADER scores, mentions with their targeted tone) are keyed by
the sha256 of the article's text. The build asks the cache for a `Plan` (found, missing) first,
so it loads models only when something is missing; the missing texts go to an engine
(analysis.annotate.engines), and what it returns is written back to the cache as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd

from analysis.annotate.cache import AnnotationCache, Plan, text_key
from analysis.annotate.engines import Engine
from analysis.annotate.records import Records

# progress(stage, done, total)
Progress = Callable[[str, int, int], None]

# While annotating, finished records go to the cache every so many texts or seconds, so a build
# that is killed loses at most that much work (the shards merge later, analysis.annotate.cache).
FLUSH_TEXTS = 200
FLUSH_SECONDS = 10.0


def article_keys(articles: pd.DataFrame) -> list[str]:
    """The annotation-cache key of every article (sha256 of its text), in table order."""
    return [text_key(text) for text in articles["text"].tolist()]


def annotate_corpus(
    articles: pd.DataFrame,
    keys: list[str],
    *,
    plan: Plan,
    engine: Engine,
    cache: AnnotationCache | None,
    progress: Progress | None = None,
) -> tuple[Records, dict]:
    """Records for every key: the plan's found ones, and from `engine` its missing ones.

    Returns (records, {"hits": texts found, "annotated": texts annotated now}).
    """
    texts = dict(zip(keys, articles["text"].tolist(), strict=True))  # one per distinct text
    per_key = pd.Series(keys).value_counts().to_dict()  # articles sharing a text
    total = len(keys)
    done = total - sum(per_key[k] for k in plan.missing)
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
        if plan.missing:
            engine.run([(k, texts[k]) for k in plan.missing], on_records)
    finally:
        flush()  # what was finished is kept, even when the build is interrupted
    if cache is not None and plan.missing:
        cache.maintain()
    return Records.concat([plan.found, *fresh]), {"hits": len(texts) - len(plan.missing),
                                                  "annotated": len(plan.missing)}
