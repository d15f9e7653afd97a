"""The Dask engine on a real LocalCluster gives the table the local engine gives."""

import pandas as pd
import pytest

from analysis.ingest import load_corpus
from analysis.reuse import DaskReuse, LocalReuse, find_reuse
from tests.fixtures.paths import DEFAULT_CORPUS
from tests.fixtures.reuse import articles, story

WIRE = ("Officials said the new grain corridor would reopen on Friday after three weeks of "
        "talks between the two governments, and that the first ships were already waiting "
        "near the port of Odesa.")


def corpus() -> pd.DataFrame:
    """The default corpus and some planted copies of a wire paragraph, in several outlets."""
    default = load_corpus(DEFAULT_CORPUS).articles[["article_id", "outlet", "published", "text"]]
    planted = articles([(f"copy{k}", f"Outlet {k}", f"2024-03-0{k + 1}",
                         f"{story(k)}\n\n{WIRE}\n\n{story(k + 50)}") for k in range(6)])
    return pd.concat([default, planted], ignore_index=True)


@pytest.mark.slow
def test_dask_engine_gives_the_local_table():
    texts = corpus()
    local = find_reuse(texts, engine=LocalReuse())
    with DaskReuse(n_workers=2) as engine:
        assert engine.workers == 2
        on_dask = find_reuse(texts, engine=engine)
    pd.testing.assert_frame_equal(on_dask, local)
    assert len(local) > 15 and local["source_id"].nunique() > 2


@pytest.mark.slow
def test_local_pool_gives_the_single_process_table():
    texts = corpus()
    with LocalReuse(n_process=2) as engine:
        pooled = find_reuse(texts, engine=engine)
    pd.testing.assert_frame_equal(pooled, find_reuse(texts))
