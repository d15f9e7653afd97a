"""Tables loaded without their texts (as the app loads a store) show the same texts."""

import pandas as pd
import pytest

from analysis.tables import StoreTexts, article_text, load_store, save_store, store, whole_rows
from analysis.views import Filters, evidence
from analysis.views import tone as tone_views
from analysis.views.corpus import filtered_table
from tests.fixtures.sample_tables import MINSK

ALL = Filters()


@pytest.fixture
def both(tables, tmp_path, monkeypatch):
    """(the tables in memory, the same tables loaded from a store without texts, and the
    source of those texts)."""
    # row groups of two rows, so reads pick rows out of several groups
    monkeypatch.setattr(store, "TEXT_ROW_GROUPS", {"articles": 2, "sentences": 2})
    monkeypatch.setattr(store, "READ_GROUPS", 2)  # and in several reads
    save_store(tables, tmp_path / "s", manifest={})
    lazy = load_store(tmp_path / "s", texts=False)
    assert "text" not in lazy.sentences.columns and "text" not in lazy.articles.columns
    return tables, lazy, StoreTexts(str(tmp_path / "s"))


@pytest.mark.parametrize("view, options", [
    (evidence.entity_sentences, {"entity_id": "E_li"}),
    (evidence.place_sentences, {"place_id": MINSK}),
    (evidence.pair_sentences, {"entity_a": "E_li", "entity_b": "E_moscow"}),
    (evidence.article_sentences, {"article_id": "a3"}),
    (tone_views.extreme_sentences, {"n": 1}),
    (tone_views.sentence_tone_view, {}),
], ids=["entity", "place", "pair", "article", "extremes", "all sentences"])
def test_views_show_the_same_sentences(both, view, options):
    memory, lazy, texts = both
    expected = view(memory, ALL, **options)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(view(lazy, ALL, texts=texts, **options), expected)


def test_tables_without_texts_and_no_source_say_what_is_missing(both):
    _, lazy, _ = both
    with pytest.raises(ValueError, match="TextSource"):
        evidence.entity_sentences(lazy, ALL, entity_id="E_li")


def test_article_text_and_whole_rows(both):
    memory, lazy, texts = both
    assert article_text(lazy, "a2", texts=texts) == memory.articles.set_index(
        "article_id").at["a2", "text"]
    assert article_text(lazy, "a2", texts=texts).startswith(
        "Li Shangfu met Lukashenko in Minsk.")
    assert article_text(lazy, "nope", texts=texts) == ""
    for name in ("articles", "sentences"):
        kept = filtered_table(lazy, Filters(outlets=("Alpha News",)), name=name)
        whole = whole_rows(lazy, name, kept, texts=texts)
        expected = filtered_table(memory, Filters(outlets=("Alpha News",)), name=name)
        pd.testing.assert_frame_equal(whole, expected)
