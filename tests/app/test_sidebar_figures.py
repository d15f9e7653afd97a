"""The sidebar says the corpus's figures whole, and the upload box the importer's real limit."""

from analysis.ingest import UPLOAD_LIMITS
from dashboard import widgets


def test_sidebar_figures_are_whole(app):
    counts = [m.value for m in app.sidebar.markdown if "articles" in m.value]
    assert len(counts) == 1
    assert counts[0].startswith("**5** articles · **2** outlets")
    # a big corpus: every digit stays (a metric in half the sidebar read "4,87…")
    assert "**4,871,203** words" in widgets.sidebar_counts(5_129, 138, 4_871_203, 0)


def test_the_upload_box_states_the_importers_limit(app):
    uploader = app.get("file_uploader")[0].proto
    assert uploader.max_upload_size_mb == UPLOAD_LIMITS.max_file_bytes // 1_000_000
    assert f"Up to {uploader.max_upload_size_mb} MB a file" in uploader.help
