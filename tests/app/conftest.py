"""The app on the default corpus, as a fresh session sees it."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures.apptest import (
    APP,
    RecordingMediaFileManager,
    RecordingStorage,
    ServerPagesManager,
)


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
