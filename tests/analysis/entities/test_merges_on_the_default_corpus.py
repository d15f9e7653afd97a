"""Entity canonicalisation against the hand-checked who-is-who of the default corpus.

tests/data/default_entities.csv lists surface forms of people and organisations in data/corpus
and whom each refers to; bench/quality.py prints the same precision and recall.
"""

import importlib.util
import sys

import pandas as pd
import pytest

from analysis.build import DEFAULT_CORPUS, build_store
from tests.fixtures.paths import ENTITY_GOLD as GOLD
from tests.fixtures.paths import REPO

pytestmark = pytest.mark.e2e
# measured when the list was written: every pair but the "11th Moscow Conference on
# International Security" and the "Moscow Conference on International Security" is merged
MIN_RECALL = 6 / 7


def _merge_scores():
    spec = importlib.util.spec_from_file_location("bench_quality", REPO / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.merge_scores


@pytest.fixture(scope="module")
def gold():
    return pd.read_csv(GOLD, dtype="string", comment="#")


def test_the_list_is_well_formed(gold):
    assert list(gold.columns) == ["surface", "canonical"]
    assert len(gold) >= 20 and gold.notna().all().all()
    assert not gold["surface"].duplicated().any()
    texts = "\n".join(p.read_text(encoding="utf-8") for p in DEFAULT_CORPUS.glob("*.txt"))
    for surface in gold["surface"]:
        assert surface.removeprefix("the ").removeprefix("The ") in texts, surface


def test_merges_on_the_default_corpus(gold, tmp_path):
    built = build_store(DEFAULT_CORPUS, tmp_path / "store")
    scores = _merge_scores()(built.tables.mentions, gold)
    assert scores["surfaces_found"] == scores["surfaces"], "a listed surface form went missing"
    assert scores["precision"] == 1.0, scores["wrong"]
    assert scores["recall"] >= MIN_RECALL, scores["missed"]


def test_merge_scores_counts_pairs():
    merge_scores = _merge_scores()
    gold = pd.DataFrame({"surface": ["Li", "Li Shangfu", "Xi", "Xi Jinping", "TASS"],
                         "canonical": ["Li Shangfu", "Li Shangfu", "Xi Jinping", "Xi Jinping",
                                       "TASS"]})
    mentions = pd.DataFrame({"text": ["Li", "Li Shangfu", "Xi", "Xi Jinping", "TASS"],
                             "entity_id": ["E1", "E1", "E2", "E3", "E2"]})
    scores = merge_scores(mentions, gold)
    # ours: Li+Li Shangfu (right), Xi+TASS (wrong); gold: Li pair, Xi pair
    assert (scores["our_pairs"], scores["gold_pairs"]) == (2, 2)
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert scores["wrong"] == [("TASS", "Xi")] and scores["missed"] == [("Xi", "Xi Jinping")]
