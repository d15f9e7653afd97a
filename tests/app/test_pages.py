"""Every page of the app on the default corpus, through Streamlit's AppTest.

The store is built once per session (conftest.default_store) into a private cache folder;
the app finds it there as a cache hit. Plotly charts are UnknownElements to AppTest, so the
charts are checked through the figure JSON the app sends, and the tables directly.
"""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from analysis import tone
from analysis.tone import SCORER
from analysis.views import Filters, entities, evidence, places
from analysis.views.evidence import parse_highlights
from dashboard import cache, map_figures, session
from tests.fixtures.apptest import (
    APP,
    DEFAULT_OUTLETS,
    ServerPagesManager,
    assert_download_matches,
    choose_outlets,
    download,
    figure,
    open_page,
    open_tab,
    shown,
    table,
)
from tests.fixtures.paths import KNOWN_OUTLETS, UNKNOWN_SOURCES


def test_first_page_is_the_corpus(app):
    assert [t.value for t in app.title] == ["Corpus"]
    articles = table(app, session.CORPUS_ARTICLES)
    assert len(articles) == 5
    assert set(articles["outlet"]) == DEFAULT_OUTLETS
    assert {m.label: m.value for m in app.main.metric}["articles"] == "5"
    assert not app.get("status")  # the store was already built: a cache hit, no build shown
    assert any("data/corpus" in shown(caption.value) for caption in app.sidebar.caption)


def test_corpus_downloads_equal_the_tables_and_follow_the_outlet_filter(app):
    downloaded = assert_download_matches(app, session.CORPUS_ARTICLES)
    assert set(downloaded["outlet"]) == DEFAULT_OUTLETS
    assert_download_matches(app, session.CORPUS_OUTLETS)
    choose_outlets(app, ["Global Times"])
    assert list(table(app, session.CORPUS_ARTICLES)["outlet"]) == ["Global Times"]
    assert list(assert_download_matches(app, session.CORPUS_ARTICLES)["outlet"]) == ["Global Times"]
    assert {m.label: m.value for m in app.main.metric}["articles"] == "1"


def test_corpus_page_opens_an_article(app):
    articles = table(app, session.CORPUS_ARTICLES)
    chosen = articles[articles["outlet"] == "Global Times"].iloc[0]
    app.selectbox(key=session.CORPUS_ARTICLE).set_value(chosen["article_id"]).run()
    next(b for b in app.button if b.label == "Open in Articles").click().run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Articles"]
    assert app.subheader[0].value == chosen["title"]


def test_a_long_list_of_articles_offers_the_first_and_keeps_the_one_chosen(app, monkeypatch):
    articles = table(app, session.CORPUS_ARTICLES)
    label = articles["outlet"] + " · " + articles["title"]
    last = articles["article_id"].iloc[-1]
    app.selectbox(key=session.CORPUS_ARTICLE).set_value(last).run()
    monkeypatch.setattr("dashboard.widgets.CHOICES", 3)
    app.run()
    box = app.selectbox(key=session.CORPUS_ARTICLE)
    assert len(articles) > 4
    assert box.options == ["Choose an article…", *label.iloc[:3], label.iloc[-1]]
    assert box.value == last
    assert f"(the first 3 of {len(articles)}; the Articles page lists every one)" in box.label


def test_map_page_shows_moscow_and_its_sentences(app):
    at = open_page(app, "pages/map.py")
    assert [t.value for t in at.title] == ["Map"]
    places = table(at, session.MAP_PLACES)
    assert "Moscow" in set(places["name"])
    assert_download_matches(at, session.MAP_PLACES)

    spec, config = figure(at, session.MAP_CHART)
    assert config.get("topojsonURL") == "/app/static/"  # outlines from the app, not a CDN
    names = next(trace for trace in spec["data"] if trace.get("mode") == "text")
    assert "Moscow" in names["text"]  # the place names that fit, in a trace of their own
    shaded = next(trace for trace in spec["data"] if trace["type"] == "choropleth")
    assert {"RUS", "CHN", "BLR"} <= set(shaded["locations"])

    moscow = int(places.loc[places["name"] == "Moscow", "place_id"].iloc[0])
    at.selectbox(key=session.MAP_PLACE).set_value(moscow).run()
    sentences = table(at, session.MAP_PLACE_SENTENCES)
    spans = [(sentence, span) for sentence, spans in zip(sentences["sentence"],
                                                         sentences["highlights"], strict=True)
             for span in parse_highlights(spans)]
    # every mention of Moscow is highlighted, in the sentences that name it
    assert len(spans) == int(places.loc[places["name"] == "Moscow", "n_mentions"].iloc[0])
    assert {sentence[start:end] for sentence, (start, end) in spans} == {"Moscow"}
    assert any(">Moscow</mark>" in html.proto.body for html in at.get("html"))
    assert_download_matches(at, session.MAP_PLACE_SENTENCES)


def test_map_page_follows_the_outlet_filter(app, default_store):
    at = open_page(app, "pages/map.py")
    everyone = table(at, session.MAP_PLACES).set_index("name")["n_mentions"]
    choose_outlets(at, ["Al Jazeera"])
    aljazeera = table(at, session.MAP_PLACES)
    assert set(aljazeera["outlets"]) == {"Al Jazeera"}
    assert aljazeera.set_index("name")["n_mentions"].sum() < everyone.sum()
    # added up from the counts of every outlet kept since the first run: what counting only
    # Al Jazeera's mentions finds
    expected = places.place_mentions(default_store.tables, Filters(outlets=("Al Jazeera",)))
    assert aljazeera[["name", "n_mentions", "n_articles"]].values.tolist() \
        == expected[["name", "n_mentions", "n_articles"]].values.tolist()


def test_map_page_draws_the_most_mentioned_places_and_lists_every_one(app, monkeypatch):
    monkeypatch.setattr(map_figures, "MAP_MARKERS", 3)
    at = open_page(app, "pages/map.py")
    listed = table(at, session.MAP_PLACES)
    spec, _ = figure(at, session.MAP_CHART)
    markers = next(trace for trace in spec["data"] if trace.get("name") == "places")
    assert [row[1] for row in markers["customdata"]] == listed["name"].head(3).tolist()
    assert len(listed) > 3
    assert any(f"draws the 3 most mentioned of {len(listed):,} places" in caption.value
               for caption in at.caption)


def test_map_page_shows_places_inside_organisation_names_only_when_asked(app, default_store):
    at = open_page(app, "pages/map.py")
    assert at.toggle(key=session.MAP_EMBEDDED).value is False
    where_it_happens = table(at, session.MAP_PLACES).set_index("place_id")["n_mentions"]
    at.toggle(key=session.MAP_EMBEDDED).set_value(True).run()
    assert not at.exception
    with_embedded = table(at, session.MAP_PLACES).set_index("place_id")["n_mentions"]
    mentions = default_store.tables.mentions
    embedded = mentions[(mentions["place_rule"] == "embedded").fillna(False)]
    assert len(embedded) > 0  # "Belarus" in "the Belarus Defence Ministry", ...
    assert with_embedded.sum() - where_it_happens.sum() == len(embedded)
    assert (with_embedded.reindex(where_it_happens.index) >= where_it_happens).all()
    assert set(embedded["place_id"]) <= set(with_embedded.index)
    assert_download_matches(at, session.MAP_PLACES)


def test_entities_page(app):
    at = open_page(app, "pages/entities.py")
    assert [t.value for t in at.title] == ["Entities"]
    top = table(at, session.ENTITIES_BY_OUTLET)
    assert "Li Shangfu" in set(top["name"])
    assert set(top["outlet"]) <= KNOWN_OUTLETS
    assert_download_matches(at, session.ENTITIES_BY_OUTLET)

    at.segmented_control(key=session.ENTITIES_BAR_MEASURE).set_value("share").run()
    by_share = table(at, session.ENTITIES_BY_OUTLET)
    ranked = by_share.drop_duplicates("entity_id")["mean_share"]
    assert ranked.is_monotonic_decreasing  # ranked by the outlets' mean share
    assert by_share["share"].between(0, 1).all()
    spec, _ = figure(at, session.ENTITIES_CHART)
    assert spec["layout"]["barmode"] == "group"

    at.segmented_control(key=session.ENTITIES_BAR_LAYOUT).set_value("a panel per outlet").run()
    spec, _ = figure(at, session.ENTITIES_CHART)
    titles = [note["text"] for note in spec["layout"]["annotations"]]
    assert sorted(titles) == sorted(set(by_share["outlet"]))  # a panel per outlet, named

    at.multiselect(key=session.ENTITIES_LABELS).set_value(["PERSON"]).run()
    people = table(at, session.ENTITIES_BY_OUTLET)
    assert set(people["label"]) == {"PERSON"}

    open_tab(at, session.ENTITIES_TAB, "Co-occurrence")
    pairs = table(at, session.ENTITIES_PAIRS)
    assert len(pairs) > 0 and (pairs["weight"] >= 2).all()
    assert_download_matches(at, session.ENTITIES_PAIRS)


def test_a_long_list_of_entities_offers_the_most_mentioned_and_says_so(app, default_store,
                                                                       monkeypatch):
    at = open_page(app, "pages/entities.py")
    assert "the first" not in at.selectbox(key=session.ENTITIES_CHOICE).label
    monkeypatch.setattr("dashboard.widgets.CHOICES", 2)
    at.run()
    box = at.selectbox(key=session.ENTITIES_CHOICE)
    every = entities.entity_mentions(default_store.tables, Filters())
    assert box.options == ["Choose an entity…", *every["name"].head(2)]
    assert "(most mentioned first; the first 2, the Data page's entities table" in box.label


def test_entity_and_pair_sentences(app):
    at = open_page(app, "pages/entities.py")
    top = table(at, session.ENTITIES_BY_OUTLET)
    li = top.loc[top["name"] == "Li Shangfu", "entity_id"].iloc[0]
    at.selectbox(key=session.ENTITIES_CHOICE).set_value(li).run()
    sentences = table(at, session.ENTITIES_SENTENCES)
    assert len(sentences) >= 5
    assert all(":" in h for h in sentences["highlights"])
    assert_download_matches(at, session.ENTITIES_SENTENCES)

    open_tab(at, session.ENTITIES_TAB, "Co-occurrence")
    first = table(at, session.ENTITIES_PAIRS).iloc[0]
    at.selectbox(key=session.ENTITIES_PAIR).set_value((first["entity_a"], first["entity_b"])).run()
    assert len(table(at, session.ENTITIES_PAIR_SENTENCES)) == first["count"]


def test_a_long_evidence_list_shows_the_first_sentences_and_downloads_all(app, default_store,
                                                                         monkeypatch):
    monkeypatch.setattr("dashboard.widgets.EVIDENCE_LISTED", 2)
    at = open_page(app, "pages/entities.py")
    top = table(at, session.ENTITIES_BY_OUTLET)
    li = top.loc[top["name"] == "Li Shangfu", "entity_id"].iloc[0]
    at.selectbox(key=session.ENTITIES_CHOICE).set_value(li).run()
    listed = table(at, session.ENTITIES_SENTENCES)
    every = download(at, f"{session.ENTITIES_SENTENCES}_csv")
    assert len(listed) == 2 and len(every) >= 5
    assert any(f"The first 2 of {len(every):,} rows are shown" in c.value for c in at.caption)
    # every sentence's text in the download, the listed ones as listed
    whole = evidence.entity_sentences(default_store.tables, Filters(), entity_id=li)
    assert every["sentence"].tolist() == whole["sentence"].tolist()
    assert listed["sentence"].tolist() == whole["sentence"].head(2).tolist()


def test_tone_page(app):
    at = open_page(app, "pages/tone.py")
    assert [t.value for t in at.title] == ["Tone"]
    tone = table(at, session.TONE_OUTLETS)
    assert set(tone["outlet"]) == KNOWN_OUTLETS  # three articles name no outlet: left out
    assert tone["mean"].between(-1, 1).all()
    assert tone["too_few"].all()  # one article each
    assert any("3 articles of unknown outlet left out" in shown(c.value) for c in at.caption)
    assert_download_matches(at, session.TONE_OUTLETS)
    method = " ".join(md.value for md in at.markdown)
    assert SCORER in method and "0.05" in method

    spec, _ = figure(at, session.TONE_CHART)
    means = [trace for trace in spec["data"] if trace["type"] == "scatter"]
    assert [trace["marker"]["symbol"] for trace in means] == ["diamond-open"]  # muted
    assert set(means[0]["x"]) == KNOWN_OUTLETS

    at.sidebar.toggle(key=session.SIDEBAR_UNKNOWN).set_value(True).run()
    tone = table(at, session.TONE_OUTLETS)
    assert set(tone["outlet"]) == KNOWN_OUTLETS | UNKNOWN_SOURCES  # each its own source
    assert not any("left out" in shown(c.value) for c in at.caption)
    lone = sorted(UNKNOWN_SOURCES)[0]
    choose_outlets(at, [lone])
    assert list(table(at, session.TONE_OUTLETS)["outlet"]) == [lone]
    open_tab(at, session.TONE_TAB, "Most positive and negative")
    assert set(table(at, session.TONE_EXTREMES)["outlet"]) <= {lone}
    assert_download_matches(at, session.TONE_EXTREMES)


def test_tone_cell_lists_its_outlets_sentences_with_the_score_that_made_it(app):
    at = open_page(app, "pages/tone.py")
    open_tab(at, session.TONE_TAB, "Tone about each entity")
    matrix = table(at, session.TONE_ENTITY_MATRIX)
    assert {"negative", "neutral", "positive", "too_few"} <= set(matrix.columns)
    assert matrix[["negative", "neutral", "positive"]].sum(axis=1).round(6).eq(1).all()
    cell = matrix[(matrix["name"] == "Li Shangfu") & (matrix["outlet"] == "Global Times")].iloc[0]
    at.selectbox(key=session.TONE_ENTITY).set_value(cell["entity_id"]).run()
    at.selectbox(key=session.TONE_CELL_OUTLET).set_value("Global Times").run()
    evidence = table(at, session.TONE_ENTITY_SENTENCES)
    assert set(evidence["outlet"]) == {"Global Times"}
    assert len(evidence) == cell["n_sentences"]
    assert evidence["entity_tone"].mean() == pytest.approx(cell["mean"])
    assert_download_matches(at, session.TONE_ENTITY_SENTENCES)
    calibration = " ".join(shown(c.value) for c in at.caption)
    assert f"{tone.ENTITY_SCORER_NEUTRAL_MEAN:+.2f}" in calibration


def test_articles_page_highlights_and_links_places_to_the_map(app):
    at = open_page(app, "pages/articles.py")
    assert [t.value for t in at.title] == ["Articles"]
    at.selectbox(key=session.ARTICLES_OUTLET).set_value("Global Times").run()
    assert at.subheader[0].value.startswith("Chinese State Councilor")
    article = next(h.proto.body for h in at.get("html") if "<mark" in h.proto.body
                   and "<sup" in h.proto.body)
    assert 'title="PERSON: Li Shangfu">Li</mark>' in article  # "Li" is Li Shangfu
    sentences = table(at, session.ARTICLES_SENTENCES)
    assert sentences["tone"].between(-1, 1).all() and len(sentences) > 10
    assert_download_matches(at, session.ARTICLES_SENTENCES)

    moscow = next(b for b in at.button if b.label == "Moscow")
    moscow.click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Map"]
    place = at.selectbox(key=session.MAP_PLACE)
    assert place.format_func(place.value).startswith("Moscow")
    assert len(table(at, session.MAP_PLACE_SENTENCES)) > 0


def test_data_page(app, default_store):
    at = open_page(app, "pages/data.py")
    assert [t.value for t in at.title] == ["Data"]
    columns, rows = (df.value for df in at.main.dataframe[:2])
    assert list(columns["column"])[:4] == ["article_id", "outlet", "outlet_from", "title"]
    assert columns["meaning"].str.len().gt(0).all()
    whole = download(at, session.DATA_WHOLE_CSV)
    assert len(whole) == 5
    # the preview's texts are cut (marked with an ellipsis); the download holds them whole
    assert rows["text"].str.len().max() == cache.PREVIEW_CHARS + 1
    assert rows["text"].str.endswith("…").any()
    assert whole["text"].str.len().max() > cache.PREVIEW_CHARS
    at.radio(key=session.DATA_TABLE).set_value("mentions").run()
    assert len(download(at, session.DATA_WHOLE_CSV)) == len(default_store.tables.mentions)
    columns, rows = (df.value for df in at.main.dataframe[:2])
    assert list(columns["column"]) == list(default_store.tables.mentions.columns)
    assert len(rows) == len(default_store.tables.mentions)

    choose_outlets(at, ["Al Jazeera"])
    filtered = download(at, session.DATA_FILTERED_CSV)
    assert 0 < len(filtered) < len(default_store.tables.mentions)
    assert len(download(at, session.DATA_WHOLE_CSV)) == len(default_store.tables.mentions)

    at.radio(key=session.DATA_TABLE).set_value("merges").run()
    assert not at.exception
    merges = download(at, session.DATA_WHOLE_CSV)
    assert list(merges.columns) == ["entity_id", "name", "alias", "rule", "n_mentions"]
    assert len(merges) == len(default_store.tables.merges) > 0
    at.radio(key=session.DATA_TABLE).set_value("notes").run()
    assert not at.exception

    facts = table(at, session.DATA_MANIFEST).set_index("item")["value"]
    assert facts["model"] == default_store.manifest["model"]["name"]
    assert facts["built at"] == default_store.manifest["built_at"]


def test_a_page_opened_first_on_a_cold_server_still_has_the_sidebar(default_store):
    # no ServerPagesManager: every AppTest run is like a cold server seeing pages/ first
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Map"]
    choose_outlets(at, ["Global Times"])
    assert [t.value for t in at.title] == ["Map"]
    assert at.session_state[session.FILTERS].outlets == ("Global Times",)


def test_first_start_builds_the_store_outside_data_and_rebuild_redoes_it(
        default_store, tmp_path, monkeypatch):
    data = APP.parent / "data"
    before = {p: p.stat().st_mtime_ns for p in data.rglob("*")}
    monkeypatch.setenv("COVERAGE_LENS_CACHE", str(tmp_path))
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", ServerPagesManager)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    (status,) = at.get("status")
    assert status.label.startswith("Store built: 5 articles")
    assert (tmp_path / "stores" / "default" / "manifest.json").exists()
    assert {p: p.stat().st_mtime_ns for p in data.rglob("*")} == before
    assert len(table(at, session.CORPUS_ARTICLES)) == 5

    at.run()  # a rerun is a cache hit: nothing is built again
    assert not at.get("status")
    manifest = tmp_path / "stores" / "default" / "manifest.json"
    built = manifest.stat().st_mtime_ns
    next(b for b in at.sidebar.button if b.label == "Rebuild the store").click().run()
    assert not at.exception
    (status,) = at.get("status")
    assert status.label.startswith("Store built")
    assert manifest.stat().st_mtime_ns != built  # written anew


def test_build_workers_importing_the_app_do_not_start_it(monkeypatch):
    # spaCy's n_process workers (spawn/forkserver) re-run the main script as "__mp_main__"
    import runpy

    from dashboard import builds

    opened = []
    monkeypatch.setattr(builds, "open_store", lambda **kw: opened.append(kw))
    namespace = runpy.run_path(str(APP), run_name="__mp_main__")
    assert callable(namespace["main"])
    assert opened == []


def test_the_date_range_in_the_sidebar_narrows_every_page(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    days = {"a.txt": "2024-03-01", "b.txt": "2024-03-05", "c.txt": "2024-03-09"}
    for name in days:
        (corpus / name).write_text(
            f"Officials in Paris met envoys from Berlin on day {name[0]}. The talks on trade "
            "and security went well, both sides said, and a further meeting in Rome is planned "
            "for the spring after a long and difficult winter of negotiations.")
    (corpus / "manifest.csv").write_text(
        "file,outlet,date,title,url\n" + "".join(
            f"{name},Outlet {name[0].upper()},{day},Day {name[0]},\n"
            for name, day in days.items()))
    monkeypatch.setenv("COVERAGE_LENS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", ServerPagesManager)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    assert len(table(at, session.CORPUS_ARTICLES)) == 3
    dates = at.sidebar.date_input(key=session.SIDEBAR_DATES)
    assert dates.value == (date(2024, 3, 1), date(2024, 3, 9))
    dates.set_value((date(2024, 3, 2), date(2024, 3, 6))).run()
    assert list(table(at, session.CORPUS_ARTICLES)["title"]) == ["Day b"]
    open_page(at, "pages/tone.py")
    assert list(table(at, session.TONE_OUTLETS)["outlet"]) == ["Outlet B"]
