"""The default corpus end to end: who speaks, and whom the outlets cite."""

import pytest

pytestmark = pytest.mark.e2e


def article_of(tables, outlet: str) -> str:
    return tables.articles.loc[tables.articles["outlet"] == outlet, "article_id"].iloc[0]


def test_the_spokespersons_three_quotes_are_one_person_he_said_included(default_store):
    tables = default_store.tables
    quotes = tables.quotes[tables.quotes["article_id"] == article_of(tables, "Al Jazeera")]
    wang = tables.entities.loc[tables.entities["name"] == "Wang Wenbin", "entity_id"].iloc[0]
    his = quotes[quotes["speaker_entity_id"] == wang].sort_values("start")
    assert len(his) == 3
    assert list(his["speaker_text"]) == [
        "China’s foreign ministry spokesperson Wang Wenbin", "Wang", "he"]
    assert list(his["kind"]) == ["mixed", "direct", "direct"]
    assert list(his["speaker_rule"]) == ["name", "name", "pronoun"]
    assert his["text"].iloc[2].startswith("The two countries will continue to advance")


def test_the_news_agency_and_the_academic_are_cited_sources(default_store):
    tables = default_store.tables
    citations = tables.citations
    tass = citations[(citations["name"] == "TASS")
                     & (citations["article_id"] == article_of(tables, "Al Jazeera"))]
    assert set(tass["source_type"]) == {"news agency"}
    assert set(tass["role"]) == {"speaker", "relay"}  # TASS reported; TASS said, quoting ...
    academic = citations[(citations["name"] == "Wang Xianju")
                         & (citations["article_id"] == article_of(tables, "Global Times"))]
    assert set(academic["source_type"]) == {"person"} and "interview" in set(academic["channel"])
    # the Global Times quotes the Associated Press in order to rebut it
    ap = citations[(citations["name"] == "Associated Press")
                   & (citations["article_id"] == article_of(tables, "Global Times"))]
    assert list(ap["stance"]) == ["disputes"]


def test_every_quote_points_at_its_words_and_its_first_sentence(default_store):
    tables = default_store.tables
    texts = tables.articles.set_index("article_id")["text"]
    sentences = tables.sentences.set_index(["article_id", "sentence_id"])
    assert len(tables.quotes) > 10
    for quote in tables.quotes.itertuples(index=False):
        text = texts[quote.article_id]
        first = sentences.loc[(quote.article_id, quote.sentence_id)]
        assert first["start"] <= quote.start < first["end"] or quote.start == first["end"]
        if quote.speaker_text == quote.speaker_text:  # not NA
            assert text[quote.speaker_start:quote.speaker_end] == quote.speaker_text
        assert quote.text.split(" … ")[0] == text[quote.start:quote.start + len(
            quote.text.split(" … ")[0])]
