"""The command line, end to end: `python -m analysis build` and `export`."""

import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from analysis.build import DEFAULT_CORPUS
from analysis.tables import load_store

pytestmark = pytest.mark.e2e


def test_cli_build_and_export(tmp_path):
    out = tmp_path / "cli"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "build", str(DEFAULT_CORPUS), "--out", str(out)],
        capture_output=True, text=True, check=True,
    )
    assert "articles          5" in run.stdout
    assert "words/s" in run.stdout
    subprocess.run(
        [sys.executable, "-m", "analysis", "export", str(out), "--csv", str(tmp_path / "csv")],
        capture_output=True, text=True, check=True,
    )
    places = pd.read_csv(tmp_path / "csv" / "places.csv")
    assert "Moscow" in set(places["name"])
    assert (tmp_path / "csv" / "rejects.csv").exists()
    assert (out / "rejects.csv").read_text().splitlines() == ["input,reason"]


def test_cli_builds_a_zip_and_reports_its_rejects(tmp_path):
    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(DEFAULT_CORPUS.glob("00[12]_*.txt")):
            zf.write(path, path.name)
        zf.writestr("empty.txt", "")
        zf.writestr("../escape.txt", "x " * 50)
    out = tmp_path / "zipstore"
    subprocess.run(
        [sys.executable, "-m", "analysis", "build", str(archive), "--out", str(out), "--no-cache"],
        capture_output=True, text=True, check=True,
    )
    assert len(load_store(out).articles) == 2
    rejects = pd.read_csv(out / "rejects.csv")
    reasons = dict(zip(rejects["input"], rejects["reason"], strict=True))
    assert any(name.endswith("empty.txt") and reason == "empty text"
               for name, reason in reasons.items())
    assert any("escape.txt" in name for name in reasons)
