"""The upload through the app (AppTest): it builds, it is this session's only, and reported."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest import Upload
from dashboard import session
from dashboard import uploads as ui
from tests.fixtures.apptest import APP, ServerPagesManager, open_page, table
from tests.fixtures.paths import KNOWN_OUTLETS, REPO

BODY = ("Chinese Defence Minister Li Shangfu met officials in {city} on Thursday. The two sides "
        "praised growing military ties and agreed to hold more joint exercises next year, "
        "while Western governments watched the visit with concern.")
FILES = [
    Upload("belta.txt", (BODY.format(city="Minsk") + "\n\nSource: BelTA\n").encode()),
    Upload("tass.txt", (BODY.format(city="Moscow") + " <script>alert(1)</script>\n\n(TASS)\n")
           .encode()),
    Upload("wire.csv", ("text,media_name\n\"" + BODY.format(city="Beijing") + "\",Xinhua\n"
                        "\"Bonjour tout le monde, ceci est un article qui est en français et "
                        "pas du tout en anglais, comme on le voit bien ici même.\",Le Monde\n")
           .encode()),
]
UPLOADED_OUTLETS = {"BelTA", "TASS", "Xinhua"}


@pytest.fixture
def sessions(default_store, monkeypatch):
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", ServerPagesManager)
    return (AppTest.from_file(str(APP), default_timeout=240).run(),
            AppTest.from_file(str(APP), default_timeout=240).run())


def outlets(at: AppTest) -> set[str]:
    return set(at.sidebar.multiselect(key=session.SIDEBAR_OUTLETS).options)


def test_an_upload_is_seen_by_its_session_only(sessions):
    mine, other = sessions
    assert outlets(mine) == outlets(other) == KNOWN_OUTLETS
    mine.session_state[session.UPLOAD_FILES] = FILES  # what the uploader's callback stores
    mine.run()
    wire = session.upload_column(ui.file_id(2, FILES[2]), "text")
    assert mine.sidebar.selectbox(key=wire).value == "text"  # pre-filled mapping
    outlet = session.upload_column(ui.file_id(2, FILES[2]), "outlet")
    assert mine.sidebar.selectbox(key=outlet).value == "media_name"
    mine.sidebar.button(key=session.UPLOAD_BUILD).click().run()
    assert not mine.exception, mine.exception
    assert not mine.error, [e.value for e in mine.error]
    assert outlets(mine) == UPLOADED_OUTLETS
    # the build has ended, so its Cancel button is gone
    assert session.UPLOAD_CANCEL not in [button.key for button in mine.button]
    # the store and the files live in this session's temporary folder, outside the repo
    folder = mine.session_state[session.UPLOAD_DIR].name
    assert Path(folder).resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert not Path(folder).resolve().is_relative_to(REPO)
    assert Path(mine.session_state[session.UPLOAD_STORE].path).is_relative_to(folder)
    # the report: one line per file or row, the French row rejected with its reason
    report = mine.session_state[session.UPLOAD_REPORT].set_index("input")
    assert list(report.index) == ["belta.txt", "tass.txt", "wire.csv row 1", "wire.csv row 2"]
    assert report.at["wire.csv row 2", "detail"].startswith("not English (")
    articles = table(mine, session.CORPUS_ARTICLES)
    assert set(articles["outlet"]) == UPLOADED_OUTLETS
    assert set(table(mine, session.CORPUS_IMPORT_REPORT)["status"]) == {"accepted", "rejected"}
    # the other session still sees the default corpus, before and after a rerun
    other.run()
    assert outlets(other) == KNOWN_OUTLETS
    assert session.UPLOAD_STORE not in other.session_state
    # an uploaded <script> shows as text on the Articles page
    mine.session_state[session.ARTICLES_OUTLET] = "TASS"
    mine.switch_page("pages/articles.py").run()
    assert not mine.exception, mine.exception
    shown = " ".join(el.proto.body for el in mine.get("html"))
    # (the sentence splitter may cut after the "<", so look for the escaped rest of the tag)
    assert "script&gt;alert(1)&lt;/script&gt;" in shown and "<script" not in shown
    # switching back to the default corpus in the uploading session
    mine.sidebar.radio(key=session.UPLOAD_CHOICE).set_value(ui.DEFAULT).run()
    assert outlets(mine) == KNOWN_OUTLETS


def test_a_cancelled_build_stops_and_leaves_no_store(tmp_path):
    from analysis.build import build_store
    from analysis.ingest import import_uploads
    from dashboard.builds import BuildCancelled, BuildJob

    corpus = import_uploads(FILES, tmp_path / "files")
    job = BuildJob()
    job.cancelled.set()  # what the Cancel button does
    with pytest.raises(BuildCancelled):
        build_store(Path("upload"), tmp_path / "store", corpus=corpus, progress=job.report,
                    cache_dir=False)
    assert not (tmp_path / "store" / "manifest.json").exists()


def test_choosing_files_to_upload_keeps_the_maps_chosen_place(sessions):
    """Choosing files resets nothing that belongs to a page (the Map's place, its chart)."""
    mine, _ = sessions
    at = open_page(mine, "pages/map.py")
    places = table(at, session.MAP_PLACES)
    moscow = int(places.loc[places["name"] == "Moscow", "place_id"].iloc[0])
    at.selectbox(key=session.MAP_PLACE).set_value(moscow).run()
    chosen = []
    for upload in FILES:
        file = io.BytesIO(upload.data)
        file.name = upload.name
        chosen.append(file)
    ui.take_files(at.session_state, chosen)  # what the uploader's callback does
    at.run()
    assert not at.exception
    assert len(at.session_state[session.UPLOAD_FILES]) == 3
    assert at.session_state[session.MAP_PLACE] == moscow
    assert at.selectbox(key=session.MAP_PLACE).value == moscow
    assert len(table(at, session.MAP_PLACE_SENTENCES)) > 0
