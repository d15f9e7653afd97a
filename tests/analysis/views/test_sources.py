"""Source views on the hand-made build of tests/fixtures/sample_tables.py: Li Shangfu's praise
(Alpha News, article a1) and the critics' verdict (Alpha News, a2)."""

from dataclasses import replace

import pandas as pd
import pytest

from analysis.tables import StoreTexts, load_store, save_store
from analysis.views import Filters, sources
from analysis.views.outlets import OTHER_OUTLETS

ALL = Filters()
BETA = Filters(outlets=("Beta Wire",))


def marked(rows: pd.DataFrame, column: str) -> list[list[str]]:
    return [[sentence[int(a):int(b)] for a, b in (p.split(":") for p in value.split())]
            for sentence, value in zip(rows["sentence"], rows[column], strict=True)]


def test_speakers_by_outlet_count_and_share(tables):
    rows = sources.speakers_by_outlet(tables, ALL)
    assert list(rows["speaker"]) == ["Li Shangfu", "critics"]
    assert list(rows["outlet"]) == ["Alpha News", "Alpha News"]
    assert list(rows["share"]) == [0.5, 0.5]
    assert list(rows["speaker_key"]) == ["E_li", "name:critics"]
    assert sources.speakers_by_outlet(tables, BETA).empty
    assert sources.speakers_by_outlet(tables, ALL, kinds=("direct",)).empty

    # tied at one quote each, the speakers are ranked by name: the top one is the first
    top = sources.speakers_by_outlet(tables, ALL, top=1)
    assert list(top["speaker"]) == ["Li Shangfu"]


def test_quotes_are_listed_by_outlet_then_date_with_undated_articles_last(tables):
    listed = sources.quote_list(tables, ALL)
    assert list(listed["article_id"]) == ["a1", "a2"]  # 14 August, then 16 August
    undated = replace(tables, articles=tables.articles.assign(
        published=tables.articles["published"].where(tables.articles["article_id"] != "a1")))
    assert list(sources.quote_list(undated, ALL)["article_id"]) == ["a2", "a1"]
    assert list(sources.quote_list(undated, ALL, limit=1)["article_id"]) == ["a2"]

def test_quote_list_marks_content_speaker_and_cue_in_the_sentence(tables):
    rows = sources.quote_list(tables, ALL)
    assert list(rows.columns) == sources.QUOTE_COLUMNS
    assert list(rows["speaker"]) == ["Li Shangfu", "critics"]
    assert marked(rows, "content") == [["He praised the great friendship with Russia"],
                                       ["The talks were a terrible failure"]]
    assert marked(rows, "speaker_span") == [["Li Shangfu"], ["critics"]]
    assert marked(rows, "cue_span") == [["said"], ["said"]]
    assert list(rows["tone"]) == [pytest.approx(0.8), pytest.approx(-0.7)]
    only_li = sources.quote_list(tables, ALL, speaker="E_li")
    assert list(only_li["quote"]) == ["He praised the great friendship with Russia"]
    assert sources.quote_list(tables, BETA).empty


def test_a_limited_quote_list_is_the_first_quotes_and_the_count_says_how_many(tables):
    every = sources.quote_list(tables, ALL)
    first = sources.quote_list(tables, ALL, limit=1)
    pd.testing.assert_frame_equal(first, every.head(1))
    assert sources.quote_count(tables, ALL).iloc[0, 0] == len(every) == 2
    assert sources.quote_count(tables, ALL, speaker="E_li").iloc[0, 0] == 1


def test_quote_list_reads_texts_from_a_store_loaded_without_them(tables, tmp_path):
    save_store(tables, tmp_path / "store", manifest={})
    light = load_store(tmp_path / "store", texts=False)
    assert "text" not in light.quotes.columns
    from_store = sources.quote_list(light, ALL, texts=StoreTexts(str(tmp_path / "store")))
    pd.testing.assert_frame_equal(from_store, sources.quote_list(tables, ALL))


def test_cited_sources_and_the_quotes_behind_an_edge(tables):
    edges = sources.cited_sources(tables, ALL)
    assert set(zip(edges["outlet"], edges["source"], edges["source_type"], strict=True)) == {
        ("Alpha News", "Li Shangfu", "person"), ("Alpha News", "critics", "group")}
    behind = sources.citation_quotes(tables, ALL, outlet="Alpha News", source="critics")
    assert list(behind["quote"]) == ["The talks were a terrible failure"]


def test_what_an_entity_said_and_an_articles_quotes(tables):
    assert list(sources.entity_quotes(tables, ALL, entity_id="E_li")["article_id"]) == ["a1"]
    assert sources.entity_quotes(tables, ALL, entity_id="E_moscow").empty
    quotes = sources.article_quotes(tables, ALL, article_id="a2")
    assert list(quotes["speaker"]) == ["critics"] and list(quotes["kind"]) == ["indirect"]


def test_quotes_by_kind_share_per_outlet(tables):
    rows = sources.quotes_by_kind(tables, ALL)
    assert list(zip(rows["outlet"], rows["kind"], rows["share"], strict=True)) == [
        ("Alpha News", "indirect", 1.0)]


def test_speakers_and_kinds_pool_outlets_beyond_the_shown(tables):
    pooled = sources.speakers_by_outlet(tables, ALL, shown=0)
    assert list(pooled["outlet"]) == [OTHER_OUTLETS, OTHER_OUTLETS]
    assert list(pooled["share"]) == [0.5, 0.5]
    kinds = sources.quotes_by_kind(tables, ALL, shown=0)
    assert list(zip(kinds["outlet"], kinds["n_quotes"], strict=True)) == [(OTHER_OUTLETS, 2)]
