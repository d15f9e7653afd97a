"""The Sources page, and the quotes on the Entities and Articles pages, through AppTest on the
default corpus."""

from dashboard import session
from dashboard.markup import QUOTE_COLOURS, QUOTED_STYLE
from tests.fixtures.apptest import (
    assert_download_matches,
    choose_outlets,
    open_page,
    open_tab,
    table,
    tables_shown,
)


def spans(rows, column: str) -> list[list[str]]:
    """The words a quote row marks in its context sentence, through its offsets."""
    return [[sentence[int(a):int(b)] for a, b in (p.split(":") for p in value.split())]
            for sentence, value in zip(rows["sentence"], rows[column].fillna(""), strict=True)]


def test_speakers_by_outlet_and_a_speakers_quotes(app):
    at = open_page(app, "pages/sources.py")
    assert [t.value for t in at.title] == ["Sources"]
    speakers = table(at, session.SOURCES_SPEAKERS)
    wang = speakers[speakers["speaker"] == "Wang Wenbin"]
    assert list(wang["outlet"]) == ["Al Jazeera"] and list(wang["n_quotes"]) == [3]
    al_jazeera = table(at, session.SOURCES_KIND_TABLE).query("outlet == 'Al Jazeera'")
    assert wang["share"].iloc[0] == 3 / al_jazeera["n_quotes"].sum()
    assert_download_matches(at, session.SOURCES_SPEAKERS)
    assert session.SOURCES_QUOTES not in tables_shown(at)  # computed when its tab opens

    open_tab(at, session.SOURCES_TAB, "Quotes")
    at.selectbox(key=session.SOURCES_SPEAKER).set_value(wang["speaker_key"].iloc[0]).run()
    quotes = table(at, session.SOURCES_QUOTES)
    assert list(quotes["speaker"]) == ["Wang Wenbin"] * 3
    assert sorted(quotes["kind"]) == ["direct", "direct", "mixed"]
    assert [words[0] for words in spans(quotes, "speaker_span")] == [
        "China’s foreign ministry spokesperson Wang Wenbin", "Wang", "he"]
    assert spans(quotes, "content")[2] == [
        "The two countries will continue to advance the China-Russia comprehensive strategic "
        "cooperative partnership in the new era,"]
    shown = next(h.proto.body for h in at.get("html") if "the new era" in h.proto.body)
    assert shown.count(f"background:{QUOTE_COLOURS['content']}") >= 3
    assert f'background:{QUOTE_COLOURS["speaker"]};padding:0 2px;border-radius:3px" ' \
           'title="speaker">he</mark>' in shown
    assert_download_matches(at, session.SOURCES_QUOTES)


def test_a_long_list_of_quotes_shows_the_first_and_says_how_many(app, default_store,
                                                                 monkeypatch):
    monkeypatch.setattr("dashboard.widgets.QUOTES_LISTED", 5)
    every = len(default_store.tables.quotes)
    at = open_page(app, "pages/sources.py")
    open_tab(at, session.SOURCES_TAB, "Quotes")
    quotes = table(at, session.SOURCES_QUOTES)
    assert len(quotes) == 5 < every
    assert list(quotes["outlet"]) == sorted(quotes["outlet"])  # the first by outlet and date
    assert any(c.value.startswith(f"The first 5 of {every:,} quotes by outlet and date")
               for c in at.caption)


def test_the_kind_filter_and_the_outlet_filter(app):
    at = open_page(app, "pages/sources.py")
    open_tab(at, session.SOURCES_TAB, "Quotes")
    at.multiselect(key=session.SOURCES_KINDS).set_value(["direct"]).run()
    assert set(table(at, session.SOURCES_QUOTES)["kind"]) == {"direct"}
    choose_outlets(at, ["Global Times"])
    assert set(table(at, session.SOURCES_QUOTES)["outlet"]) == {"Global Times"}
    open_tab(at, session.SOURCES_TAB, "Who speaks, per outlet")
    assert set(table(at, session.SOURCES_SPEAKERS)["outlet"]) == {"Global Times"}
    assert set(table(at, session.SOURCES_KIND_TABLE)["outlet"]) == {"Global Times"}


def test_cited_sources_and_the_quotes_behind_an_edge(app):
    at = open_page(app, "pages/sources.py")
    open_tab(at, session.SOURCES_TAB, "Whom each outlet cites")
    cited = table(at, session.SOURCES_CITED)
    tass = cited[cited["source"] == "TASS"]
    assert list(tass["outlet"]) == ["Al Jazeera"] and list(tass["source_type"]) == ["news agency"]
    academic = cited[cited["source"] == "Wang Xianju"]
    assert list(academic["outlet"]) == ["Global Times"]
    assert_download_matches(at, session.SOURCES_CITED)

    at.selectbox(key=session.SOURCES_CITATION).set_value(("Al Jazeera", "TASS")).run()
    behind = table(at, session.SOURCES_CITATION_QUOTES)
    assert len(behind) == tass["n_citations"].iloc[0]
    # each quote names TASS, or is TASS speaking on ("it said", resolved to TASS)
    assert all(row.speaker == "TASS" or "TASS" in row.sentence
               for row in behind.itertuples(index=False))
    assert (behind["speaker"] == "TASS").sum() >= 1
    assert_download_matches(at, session.SOURCES_CITATION_QUOTES)


def test_the_entities_page_says_what_an_entity_said(app, default_store):
    at = open_page(app, "pages/entities.py")
    entities = default_store.tables.entities
    wang = entities.loc[entities["name"] == "Wang Wenbin", "entity_id"].iloc[0]
    at.selectbox(key=session.ENTITIES_CHOICE).set_value(wang).run()
    said = table(at, session.ENTITIES_SAID)
    assert len(said) == 3 and set(said["speaker"]) == {"Wang Wenbin"}
    assert_download_matches(at, session.ENTITIES_SAID)


def test_the_articles_page_marks_quotes(app):
    at = open_page(app, "pages/articles.py")
    at.selectbox(key=session.ARTICLES_OUTLET).set_value("Al Jazeera").run()
    quotes = table(at, session.ARTICLES_QUOTES)
    assert {"Wang Wenbin", "TASS"} <= set(quotes["speaker"])
    article = next(h.proto.body for h in at.get("html") if "<sup" in h.proto.body)
    assert f'<span style="{QUOTED_STYLE}">' in article
    assert "two countries will continue" in article
    assert_download_matches(at, session.ARTICLES_QUOTES)
