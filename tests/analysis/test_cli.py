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


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)],
                          capture_output=True, text=True)


def test_out_pointed_at_a_users_folder_or_the_corpus_deletes_nothing(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.tex").write_text("years of work")
    refused = run_cli("build", DEFAULT_CORPUS, "--out", thesis)
    assert refused.returncode == 2
    assert "did not write (chapter1.tex)" in refused.stderr and "Traceback" not in refused.stderr
    assert [p.name for p in thesis.iterdir()] == ["chapter1.tex"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in DEFAULT_CORPUS.iterdir():
        (corpus / path.name).write_bytes(path.read_bytes())
    before = sorted(p.name for p in corpus.iterdir())
    assert run_cli("build", corpus, "--out", corpus).returncode == 2
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_a_cache_hit_writes_nothing_into_the_store(tmp_path):
    out = tmp_path / "store"
    assert run_cli("build", DEFAULT_CORPUS, "--out", out).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = run_cli("build", DEFAULT_CORPUS, "--out", out)
    assert again.returncode == 0 and "cache hit" in again.stdout
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_a_damaged_store_is_a_message_not_a_traceback(tmp_path):
    out = tmp_path / "store"
    assert run_cli("build", DEFAULT_CORPUS, "--out", out).returncode == 0
    (out / "manifest.json").write_text("[]")
    exported = run_cli("export", out, "--csv", tmp_path / "csv")
    assert exported.returncode == 1
    assert exported.stderr.startswith("error: ") and "Traceback" not in exported.stderr
    rebuilt = run_cli("build", DEFAULT_CORPUS, "--out", out)  # ours: rebuilt, not refused
    assert rebuilt.returncode == 0 and "built" in rebuilt.stdout
