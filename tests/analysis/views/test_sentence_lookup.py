"""A sentence's columns found by position give what a merge on its keys gives."""

import pandas as pd

from analysis.tables import save_store
from analysis.tables.compact import load_compact
from analysis.views import Filters, places
from analysis.views.sentence_lookup import sentence_rows, with_sentence_columns


def test_found_by_position_or_by_merge_the_rows_are_the_same(tables, tmp_path):
    save_store(tables, tmp_path / "s", manifest={})
    stored = load_compact(tmp_path / "s")  # laid out as a store lays sentences out
    asked = pd.DataFrame({"article_id": ["a2", "a1", "nope", "a1", "a2"],
                          "sentence_id": [1, 0, 0, 99, 0], "x": [1, 2, 3, 4, 5]})
    merged = asked.merge(tables.sentences[["article_id", "sentence_id", "tone", "kind"]],
                         on=["article_id", "sentence_id"])
    assert sentence_rows(stored.sentences, asked) is not None  # found by position
    found = with_sentence_columns(stored, asked, ["tone", "kind"])
    assert list(found["x"]) == [1, 2, 5]  # the unknown article and sentence are dropped
    pd.testing.assert_frame_equal(found.astype({"kind": "string"}), merged,
                                  check_dtype=False)
    # sentences out of a store's order are merged, with the same result
    shuffled = stored.sentences.sample(frac=1, random_state=3)
    other = with_sentence_columns(type(stored)(**{**dict(stored.items()), "sentences": shuffled}),
                                  asked, ["tone", "kind"])
    pd.testing.assert_frame_equal(other.astype({"kind": "string"}), merged, check_dtype=False)


def test_places_keep_their_tone_on_a_stored_layout(tables, tmp_path):
    save_store(tables, tmp_path / "s", manifest={})
    stored = load_compact(tmp_path / "s")
    for filters in (Filters(), Filters(outlets=("Beta Wire",))):
        expected = places.place_mentions(tables, filters)
        got = places.place_mentions(stored, filters)
        assert len(expected)
        pd.testing.assert_frame_equal(got.astype(expected.dtypes.to_dict()), expected)
