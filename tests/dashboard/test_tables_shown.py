"""A long table: the page shows its first rows and says so; its CSV holds every row."""

from streamlit.testing.v1 import AppTest

from dashboard.widgets import TABLE_ROWS
from tests.fixtures.apptest import RecordingMediaFileManager, RecordingStorage, download


def long_table_page() -> None:
    import pandas as pd

    from dashboard import widgets

    rows = widgets.TABLE_ROWS + 7
    widgets.show_table(pd.DataFrame({"n": range(rows)}), file_name="long.csv", key="long")


def test_a_long_table_shows_its_first_rows_and_its_csv_holds_all(monkeypatch):
    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage",
                        RecordingStorage)
    monkeypatch.setattr("streamlit.testing.v1.app_test.MediaFileManager",
                        RecordingMediaFileManager)
    at = AppTest.from_function(long_table_page).run()
    assert not at.exception
    assert list(at.dataframe[0].value["n"]) == list(range(TABLE_ROWS))
    assert any(f"{TABLE_ROWS:,} of {TABLE_ROWS + 7:,} rows" in c.value for c in at.caption)
    assert list(download(at, "long_csv")["n"]) == list(range(TABLE_ROWS + 7))
