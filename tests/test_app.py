"""Every page of the app on the default corpus, through Streamlit's AppTest.

The store is built once per session (conftest.default_store) into a private cache folder;
the app finds it there as a cache hit. Plotly charts are UnknownElements to AppTest, so the
charts are checked through the figure JSON the app sends, and the tables directly.
"""

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analysis.evidence import parse_highlights
from analysis.tone import SCORER

APP = Path(__file__).resolve().parents[1] / "app.py"
DEFAULT_OUTLETS = {"Al Jazeera", "Global Times", "Unknown"}
DOWNLOADS: dict[str, bytes] = {}
DEFERRED: dict[str, object] = {}


class RecordingStorage(MemoryMediaFileStorage):
    """AppTest drops its media files after each run; keep the bytes a download would serve."""

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
        DOWNLOADS[file_id] = self._files_by_id[file_id].content
        return file_id


class ServerPagesManager(PagesManager):
    """Pages as a running server sees them once app.py has called st.navigation.

    AppTest forgets that before every run and, seeing a pages/ folder, runs a page script
    without app.py (the app then reruns through app.py, which eats a button click).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


class RecordingMediaFileManager(MediaFileManager):
    """Keep the callables of deferred downloads (made on click) to call them in a test."""

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = super().add_deferred(data_callable, *args, **kwargs)
        DEFERRED[file_id] = data_callable
        return file_id


@pytest.fixture
def app(default_store, monkeypatch):
    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage",
                        RecordingStorage)
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager",
                        RecordingMediaFileManager)
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", ServerPagesManager)
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def download(at: AppTest, key: str) -> pd.DataFrame:
    button = at.get("download_button")
    proto = next(b.proto for b in button if b.proto.id.endswith(key))
    if proto.deferred_file_id:
        return pd.read_csv(io.BytesIO(DEFERRED[proto.deferred_file_id]()))
    file_id = proto.url.rsplit("/", 1)[-1].split(".")[0]
    return pd.read_csv(io.BytesIO(DOWNLOADS[file_id]))


def in_order(block) -> list:
    """Every element under `block`, in page order."""
    children = getattr(block, "children", None)
    if children is None:
        return [block]
    return [el for _, child in sorted(children.items()) for el in in_order(child)]


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The table shown by widgets.show_table(key=...): the dataframe just before its download.

    st.dataframe without selection carries no key into the page, so find it by its place.
    """
    elements = in_order(at._tree)
    button = next(i for i, el in enumerate(elements)
                  if el.type == "download_button" and el.proto.id.endswith(f"{key}_csv"))
    return next(el for el in reversed(elements[:button]) if el.type == "dataframe").value


def figure(at: AppTest, key: str) -> tuple[dict, dict]:
    chart = next(el for el in at.get("plotly_chart") if el.proto.id.endswith(key))
    return json.loads(chart.proto.spec), json.loads(chart.proto.config or "{}")


def choose_outlets(at: AppTest, outlets: list[str]) -> AppTest:
    at.sidebar.multiselect(key="filter_outlets").set_value(outlets).run()
    assert not at.exception
    return at


def assert_download_matches(at: AppTest, key: str) -> pd.DataFrame:
    shown = table(at, key)
    downloaded = download(at, f"{key}_csv")
    assert list(downloaded.columns) == list(shown.columns)
    assert len(downloaded) == len(shown)
    for column in shown.columns:
        if pd.api.types.is_string_dtype(shown[column]):
            assert list(downloaded[column].fillna("")) == list(shown[column].fillna("")), column
    return downloaded


def test_first_page_is_the_corpus(app):
    assert [t.value for t in app.title] == ["Corpus"]
    articles = table(app, "articles")
    assert len(articles) == 5
    assert set(articles["outlet"]) == DEFAULT_OUTLETS
    assert {m.label: m.value for m in app.main.metric}["articles"] == "5"
    assert not app.get("status")  # the store was already built: a cache hit, no build shown
    assert any("data/corpus" in caption.value for caption in app.sidebar.caption)


def test_corpus_downloads_equal_the_tables_and_follow_the_outlet_filter(app):
    downloaded = assert_download_matches(app, "articles")
    assert set(downloaded["outlet"]) == DEFAULT_OUTLETS
    assert_download_matches(app, "outlets")
    choose_outlets(app, ["Global Times"])
    assert list(table(app, "articles")["outlet"]) == ["Global Times"]
    assert list(assert_download_matches(app, "articles")["outlet"]) == ["Global Times"]
    assert {m.label: m.value for m in app.main.metric}["articles"] == "1"


def test_corpus_page_opens_an_article(app):
    articles = table(app, "articles")
    chosen = articles[articles["outlet"] == "Global Times"].iloc[0]
    app.selectbox(key="corpus_article").set_value(chosen["article_id"]).run()
    next(b for b in app.button if b.label == "Open in Articles").click().run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Articles"]
    assert app.subheader[0].value == chosen["title"]


def test_map_page_shows_moscow_and_its_sentences(app):
    at = open_page(app, "pages/map.py")
    assert [t.value for t in at.title] == ["Map"]
    places = table(at, "places")
    assert "Moscow" in set(places["name"])
    assert_download_matches(at, "places")

    spec, config = figure(at, "map_chart")
    assert config.get("topojsonURL") == "/app/static/"  # outlines from the app, not a CDN
    markers = next(trace for trace in spec["data"] if trace["type"] == "scattergeo")
    assert "Moscow" in markers["text"]
    shaded = next(trace for trace in spec["data"] if trace["type"] == "choropleth")
    assert {"RUS", "CHN", "BLR"} <= set(shaded["locations"])

    moscow = int(places.loc[places["name"] == "Moscow", "place_id"].iloc[0])
    at.selectbox(key="map_place").set_value(moscow).run()
    sentences = table(at, "place_sentences")
    spans = [(sentence, span) for sentence, spans in zip(sentences["sentence"],
                                                         sentences["highlights"], strict=True)
             for span in parse_highlights(spans)]
    # every mention of Moscow is highlighted, in the sentences that name it
    assert len(spans) == int(places.loc[places["name"] == "Moscow", "n_mentions"].iloc[0])
    assert {sentence[start:end] for sentence, (start, end) in spans} == {"Moscow"}
    assert any(">Moscow</mark>" in html.proto.body for html in at.get("html"))
    assert_download_matches(at, "place_sentences")


def test_map_page_follows_the_outlet_filter(app):
    at = open_page(app, "pages/map.py")
    everyone = table(at, "places").set_index("name")["n_mentions"]
    choose_outlets(at, ["Al Jazeera"])
    aljazeera = table(at, "places")
    assert set(aljazeera["outlets"]) == {"Al Jazeera"}
    assert aljazeera.set_index("name")["n_mentions"].sum() < everyone.sum()


def test_entities_page(app):
    at = open_page(app, "pages/entities.py")
    assert [t.value for t in at.title] == ["Entities"]
    top = table(at, "top_entities")
    assert "Li Shangfu" in set(top["name"])
    assert set(top["outlet"]) <= DEFAULT_OUTLETS
    assert_download_matches(at, "top_entities")

    at.multiselect(key="entity_labels").set_value(["PERSON"]).run()
    people = table(at, "top_entities")
    assert set(people["label"]) == {"PERSON"}

    pairs = table(at, "pairs")
    assert len(pairs) > 0 and (pairs["weight"] >= 2).all()
    assert_download_matches(at, "pairs")


def test_entity_and_pair_sentences(app):
    at = open_page(app, "pages/entities.py")
    top = table(at, "top_entities")
    li = top.loc[top["name"] == "Li Shangfu", "entity_id"].iloc[0]
    at.selectbox(key="entity_choice").set_value(li).run()
    sentences = table(at, "entity_sentences")
    assert len(sentences) >= 5
    assert all(":" in h for h in sentences["highlights"])
    assert_download_matches(at, "entity_sentences")

    first = table(at, "pairs").iloc[0]
    at.selectbox(key="pair_choice").set_value((first["entity_a"], first["entity_b"])).run()
    assert len(table(at, "pair_sentences")) == first["count"]


def test_tone_page(app):
    at = open_page(app, "pages/tone.py")
    assert [t.value for t in at.title] == ["Tone"]
    tone = table(at, "outlet_tone")
    assert set(tone["outlet"]) == DEFAULT_OUTLETS
    assert tone["mean"].between(-1, 1).all()
    assert_download_matches(at, "outlet_tone")
    assert_download_matches(at, "extremes")
    method = " ".join(md.value for md in at.markdown)
    assert SCORER in method and "0.05" in method

    spec, _ = figure(at, "tone_chart")
    means = spec["data"][-1]
    assert means["error_y"]["type"] == "data" and len(means["x"]) == 3

    choose_outlets(at, ["Unknown"])
    assert list(table(at, "outlet_tone")["outlet"]) == ["Unknown"]
    assert set(table(at, "extremes")["outlet"]) == {"Unknown"}


def test_articles_page_highlights_and_links_places_to_the_map(app):
    at = open_page(app, "pages/articles.py")
    assert [t.value for t in at.title] == ["Articles"]
    at.selectbox(key="article_outlet").set_value("Global Times").run()
    assert at.subheader[0].value.startswith("Chinese State Councilor")
    article = next(h.proto.body for h in at.get("html") if "<mark" in h.proto.body
                   and "<sup" in h.proto.body)
    assert 'title="PERSON: Li Shangfu">Li</mark>' in article  # "Li" is Li Shangfu
    sentences = table(at, "article_sentences")
    assert sentences["tone"].between(-1, 1).all() and len(sentences) > 10
    assert_download_matches(at, "article_sentences")

    moscow = next(b for b in at.button if b.label == "Moscow")
    moscow.click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Map"]
    assert at.selectbox(key="map_place").format_func(at.selectbox(key="map_place").value) \
        .startswith("Moscow")
    assert len(table(at, "place_sentences")) > 0


def test_data_page(app, default_store):
    at = open_page(app, "pages/data.py")
    assert [t.value for t in at.title] == ["Data"]
    columns, rows = (df.value for df in at.main.dataframe[:2])
    assert list(columns["column"])[:3] == ["article_id", "outlet", "title"]
    assert columns["meaning"].str.len().gt(0).all()
    assert len(download(at, "data_whole_csv")) == 5
    at.radio(key="data_table").set_value("mentions").run()
    assert len(download(at, "data_whole_csv")) == len(default_store.tables.mentions)
    columns, rows = (df.value for df in at.main.dataframe[:2])
    assert list(columns["column"]) == list(default_store.tables.mentions.columns)
    assert len(rows) == len(default_store.tables.mentions)

    choose_outlets(at, ["Al Jazeera"])
    filtered = download(at, "data_filtered_csv")
    assert 0 < len(filtered) < len(default_store.tables.mentions)
    assert len(download(at, "data_whole_csv")) == len(default_store.tables.mentions)

    facts = table(at, "manifest").set_index("item")["value"]
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
    assert at.session_state["filters"].outlets == ("Global Times",)


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
    assert len(table(at, "articles")) == 5

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
    assert len(table(at, "articles")) == 3
    dates = at.sidebar.date_input(key="filter_dates")
    assert dates.value == (date(2024, 3, 1), date(2024, 3, 9))
    dates.set_value((date(2024, 3, 2), date(2024, 3, 6))).run()
    assert list(table(at, "articles")["title"]) == ["Day b"]
    open_page(at, "pages/tone.py")
    assert list(table(at, "outlet_tone")["outlet"]) == ["Outlet B"]
