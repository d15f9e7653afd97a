"""Tables loaded without their texts (as the app loads a store) show the same texts."""

import pandas as pd
import pytest

from analysis import evidence, store, texts, tone_views, views
from tests.sample_tables import MINSK

ALL = views.Filters()


@pytest.fixture
def both(tables, tmp_path, monkeypatch):
    """(the tables in memory, the same tables loaded from a store without texts)."""
    # row groups of two rows, so reads pick rows out of several groups
    monkeypatch.setattr(store, "TEXT_ROW_GROUPS", {"articles": 2, "sentences": 2})
    store.save(tables, tmp_path / "s", manifest={})
    lazy = store.load(tmp_path / "s", texts=False)
    assert "text" not in lazy.sentences.columns and "text" not in lazy.articles.columns
    return tables, lazy


@pytest.mark.parametrize("view, options", [
    (evidence.entity_sentences, {"entity_id": "E_li"}),
    (evidence.place_sentences, {"place_id": MINSK}),
    (evidence.pair_sentences, {"entity_a": "E_li", "entity_b": "E_moscow"}),
    (evidence.article_sentences, {"article_id": "a3"}),
    (tone_views.extreme_sentences, {"n": 1}),
    (tone_views.sentence_tone_view, {}),
], ids=["entity", "place", "pair", "article", "extremes", "all sentences"])
def test_views_show_the_same_sentences(both, view, options):
    memory, lazy = both
    expected = view(memory, ALL, **options)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(view(lazy, ALL, **options), expected)


def test_article_text_and_whole_rows(both):
    memory, lazy = both
    assert texts.article_text(lazy, "a2") == memory.articles.set_index("article_id").at[
        "a2", "text"]
    assert texts.article_text(lazy, "a2").startswith("Li Shangfu met Lukashenko in Minsk.")
    assert texts.article_text(lazy, "nope") == ""
    for name in ("articles", "sentences"):
        kept = views.filtered_table(lazy, views.Filters(outlets=("Alpha News",)), name=name)
        whole = texts.whole_rows(lazy, name, kept)
        expected = views.filtered_table(memory, views.Filters(outlets=("Alpha News",)),
                                        name=name)
        pd.testing.assert_frame_equal(whole, expected)
