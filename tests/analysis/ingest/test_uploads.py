"""Uploads: one file for every kind of bad input, zips, HTML, column mapping, the report."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest import (
    Limits,
    Upload,
    columns_of,
    drop_flagged,
    guess_columns,
    import_report,
    import_uploads,
    near_duplicates,
    sample_rows,
    upload_fingerprint,
)
from analysis.ingest.archives import safe_member_path
from analysis.ingest.language import not_english_reason
from analysis.ingest.webpages import extract_page
from analysis.tables import check
from tests.fixtures.inputs import WORDS, article, payloads
from tests.fixtures.paths import ALLSIDES

FRENCH = ("Le ministre chinois de la Défense est arrivé à Minsk jeudi pour des entretiens avec "
          "les responsables biélorusses sur la coopération militaire entre les deux pays. ") * 3
PAGE = """<html><head><title>Li visits Minsk | Example News</title>
<meta property="article:published_time" content="2023-08-17T10:00:00Z">
<script>document.title = "stolen"; alert(1)</script><style>p { color: red }</style></head>
<body><nav>Home | World | Sport | Sign in</nav><article><h1>Li visits Minsk</h1>
<p>{body}</p><p>The visit follows his trip to Moscow, where he met Russian leaders.</p>
</article><footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"""
LIMITS = Limits(max_file_bytes=20_000, max_total_bytes=400_000, max_ratio=50)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def bad_folder(folder: Path) -> dict[str, bytes]:
    """One file for every kind of input the issue names, good and bad, written to `folder`."""
    curly = "He said “we will cooperate” and it’s settled – café. " + WORDS
    csv_text = ("content,media_name,publish_date,title\n"
                f"\"{article(20)}\",Reuters,2023-08-17,Wire\n"
                "only,two\n"
                f"\"{FRENCH}\",Le Monde,2023-08-18,French\n")
    jsonl = "\n".join([json.dumps({"body": article(30), "domain": "tass.ru"}), "{broken",
                       json.dumps({"headline": "no text"})]) + "\n"
    files = {
        "utf8.txt": article(1).encode(),
        "bom.txt": article(2).encode("utf-8-sig"),
        "utf16.txt": ("Story 3. " + curly).encode("utf-16"),
        "cp1252.txt": ("Story 4. " + curly).encode("cp1252"),
        "latin1.txt": ("Story 5. Ça va, déjà vu à Zürich. " + WORDS).encode("latin-1"),
        "windows.txt": article(6).replace("\n", "\r\n").encode(),
        "oldmac.md": article(7).replace("\n", "\r").encode(),
        "page.html": PAGE.replace("{body}", WORDS + " " + WORDS).encode(),
        "export.csv": csv_text.encode(),
        "feed.jsonl": jsonl.encode(),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "undecodable.txt": b"\xff\xfea\x00b",
        "huge.txt": (article(8) * 200).encode(),
        "utf8_copy.txt": article(1).encode(),
        "french.txt": FRENCH.encode(),
        "notext.csv": b"a,b\n1,2\n",
        "slides.pdf": b"%PDF-1.4",
        "nested.tar.gz": b"\x1f\x8b whatever",
        "bundle.zip": zip_bytes({
            "inner/good.txt": article(9).encode(),
            "../escape.txt": article(10).encode(),
            "/etc/absolute.txt": article(11).encode(),
            "inner/again.zip": zip_bytes({"x.txt": b"x"}),
            "bomb.txt": b"a" * 1_000_000,
        }),
        "broken.zip": b"PK\x03\x04 not really a zip",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def uploads_of(folder: Path) -> list[Upload]:
    return [Upload(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]


def test_every_bad_input_has_its_line_and_the_good_ones_build(tmp_path):
    src, work = tmp_path / "inputs", tmp_path / "work"
    src.mkdir(), work.mkdir()
    files = bad_folder(src)
    uploads = uploads_of(src)
    corpus = import_uploads(uploads, work, limits=LIMITS)
    assert check(corpus.articles, "articles") == []
    report = import_report(corpus, uploads=uploads)
    status = dict(zip(report["input"], report["status"], strict=True))
    detail = dict(zip(report["input"], report["detail"], strict=True))
    accepted = {k for k, v in status.items() if v == "accepted"}
    assert accepted == {"utf8.txt", "bom.txt", "utf16.txt", "cp1252.txt", "latin1.txt",
                        "windows.txt", "oldmac.md", "page.html", "export.csv row 1",
                        "feed.jsonl line 1", "bundle.zip/inner/good.txt"}
    assert detail["empty.txt"] == "empty text"
    assert detail["binary.txt"] == "binary file"
    assert detail["undecodable.txt"] == "could not decode"
    assert detail["huge.txt"] == f"too large ({len(files['huge.txt'])} bytes, limit 20000)"
    assert detail["utf8_copy.txt"] == "duplicate of utf8.txt"
    assert detail["french.txt"].startswith("not English (")
    assert detail["export.csv row 3"].startswith("not English (")
    assert detail["export.csv row 2"] == "malformed CSV: 2 fields, header has 4 (line 6)"
    assert detail["notext.csv"].startswith("missing text column")
    assert detail["feed.jsonl line 2"] == "malformed JSON on line 2"
    assert detail["feed.jsonl line 3"].startswith("missing text column")
    assert detail["slides.pdf"] == "unsupported file type .pdf"
    assert detail["nested.tar.gz"] == "unsupported archive (only .zip is unpacked)"
    assert detail["bundle.zip/../escape.txt"] == "refused: path escapes the archive folder"
    assert detail["bundle.zip//etc/absolute.txt"] == "refused: path escapes the archive folder"
    assert detail["bundle.zip/inner/again.zip"] == "refused: nested archive"
    assert detail["bundle.zip/bomb.txt"].startswith("too large (1000000 bytes")
    assert detail["broken.zip"].startswith("could not read zip")
    # every input accounted for: each uploaded file has at least one line
    for upload in uploads:
        assert any(i == upload.name or i.startswith((upload.name + " ", upload.name + "/"))
                   for i in report["input"]), upload.name
    arts = corpus.articles.set_index("source")
    assert "“we will cooperate”" in arts.at["cp1252.txt", "text"]
    assert "Zürich" in arts.at["latin1.txt", "text"]
    assert "\r" not in "".join(arts["text"])
    assert arts.at["oldmac.md", "text"] == article(7)
    assert arts.at["export.csv row 1", "outlet"] == "Reuters"
    assert arts.at["export.csv row 1", "published"] == pd.Timestamp("2023-08-17")
    assert arts.at["feed.jsonl line 1", "outlet"] == "tass.ru"
    assert arts.at["page.html", "title"] == "Li visits Minsk"
    assert arts.at["page.html", "published"] == pd.Timestamp("2023-08-17")
    assert "alert(" not in arts.at["page.html", "text"]
    assert "Copyright" not in arts.at["page.html", "text"]
    # nothing was written outside the work folder
    assert not (tmp_path / "escape.txt").exists() and not (work.parent / "escape.txt").exists()


def test_zip_bomb_ratio_and_total_limit(tmp_path):
    bomb = zip_bytes({"bomb.txt": b"a" * 150_000})
    ratio = Limits(max_file_bytes=200_000, max_total_bytes=1_000_000, max_ratio=100)
    corpus = import_uploads([Upload("b.zip", bomb)], tmp_path, limits=ratio)
    assert corpus.rejects["reason"].iloc[0].startswith("refused: compression ratio")
    small = Limits(max_file_bytes=20_000, max_total_bytes=len(article(1)) + 10)
    corpus = import_uploads([Upload("a.txt", article(1).encode()),
                             Upload("b.txt", article(2).encode())], tmp_path / "t", limits=small)
    assert list(corpus.articles["source"]) == ["a.txt"]
    assert corpus.rejects["reason"].iloc[0].startswith("too large (the total upload limit")
    gz_bomb = Upload("bomb.jsonl.gz", gzip.compress(b"\n" * 2_000_000))
    corpus = import_uploads([gz_bomb], tmp_path / "g", limits=Limits(max_total_bytes=1_000_000))
    assert corpus.rejects["reason"].iloc[0].startswith("refused: compression ratio over")


@pytest.mark.parametrize(("name", "expected"), [
    ("a/b.txt", "a/b.txt"), ("./a.txt", "a.txt"), ("a\\b.txt", "a/b.txt"), ("../a", None),
    ("a/../../b", None), ("/abs", None), ("C:/x", None), ("C:\\x", None), ("", None)])
def test_safe_member_path(name, expected):
    got = safe_member_path(name)
    assert (None if got is None else str(got)) == expected


def test_html_extracts_text_title_date_and_escapes_nothing_it_should_not():
    page = extract_page(PAGE.replace("{body}", "<b>A</b> &lt;script&gt; shown as text. " + WORDS)
                   .encode())
    assert page.title == "Li visits Minsk" and page.date == "2023-08-17"
    assert "<script> shown as text" in page.text  # an entity in the page stays text
    assert "stolen" not in page.text and "color" not in page.text and "Sign in" not in page.text


def test_not_english():
    assert not_english_reason(article(1)) is None
    assert not_english_reason(FRENCH).startswith("not English (")
    assert not_english_reason("Москва Минск Пекин " * 10).startswith("not English (")


def test_a_story_after_a_charts_labels_is_english():
    labels = "Nantes Lyon Bordeaux Nice Toulouse Marseille Paris Lille 10 20 30 pct. " * 12
    assert not_english_reason(labels) is not None
    assert not_english_reason(labels + article(1) * 8) is None


def test_column_mapping_guess_and_override(tmp_path):
    data = ("body_text,site,when\n" f"\"{article(1)}\",Xinhua,2020-01-02\n").encode()
    upload = Upload("odd.csv", data)
    assert columns_of(upload) == ["body_text", "site", "when"]
    assert guess_columns(sample_rows(upload))["text"] == ""
    missing = import_uploads([upload], tmp_path / "a")
    assert missing.rejects["reason"].iloc[0].startswith("missing text column")
    mapping = {"odd.csv": {"text": "body_text", "outlet": "site", "date": "when"}}
    corpus = import_uploads([upload], tmp_path / "b", columns=mapping)
    assert list(corpus.articles["outlet"]) == ["Xinhua"]
    assert corpus.articles["published"].iloc[0] == pd.Timestamp("2020-01-02")
    assert upload_fingerprint([upload]) != upload_fingerprint([upload], mapping)
    common = guess_columns([dict.fromkeys(["content_original", "media_name", "publish_date",
                                           "headline", "link"], "x")])
    assert common == {"text": "content_original", "outlet": "media_name",
                      "date": "publish_date", "title": "headline", "url": "link", "group": ""}


def test_near_duplicates_are_flagged_then_kept_or_dropped(tmp_path):
    base = " ".join(article(100 + i) for i in range(5))
    near = base.replace("Story number 103.", "Story number three.")
    uploads = [Upload("a.txt", base.encode()), Upload("b.txt", article(2).encode()),
               Upload("c.txt", near.encode()),
               Upload("d.csv", f"text,outlet\n\"{base}\",Other\n".encode())]
    corpus = import_uploads(uploads, tmp_path)
    flags = near_duplicates(corpus.articles)
    got = {(r.source, r.duplicate_of_source, r.kind) for r in flags.itertuples()}
    assert got == {("c.txt", "a.txt", "near"), ("d.csv row 1", "a.txt", "exact")}
    assert (flags["similarity"] > 0.8).all()
    report = import_report(corpus, flags, uploads)
    assert report.set_index("input").at["c.txt", "detail"].startswith("near-duplicate of a.txt")
    assert set(report["status"]) == {"accepted"}  # kept: flags, not rejects
    dropped = drop_flagged(corpus, flags)
    assert list(dropped.articles["source"]) == ["a.txt", "b.txt"]
    assert dropped.fingerprint != corpus.fingerprint
    assert len(import_report(dropped, None, uploads)) == 4  # still one line per input


def test_allsides_imports_with_the_automatic_mapping(tmp_path):
    if not ALLSIDES.is_file():
        pytest.skip("AllSides corpus not found (../shared is absent)")
    with gzip.open(ALLSIDES, "rb") as fh:
        lines = [next(fh) for _ in range(1000)]  # about 9 MB unpacked: within a file's 20 MB
    upload = Upload("allsides.jsonl.gz", gzip.compress(b"".join(lines)))
    mapping = guess_columns(sample_rows(upload))
    assert mapping["text"] and mapping["outlet"] and mapping["date"]
    assert mapping["group"] == "bias_text"  # AllSides' left / center / right, no manual step
    # with the app's limits (dashboard.uploads.LIMITS is UPLOAD_LIMITS)
    corpus = import_uploads([upload], tmp_path, columns={upload.name: mapping})
    assert len(corpus.articles) == 1000 and corpus.rejects.empty
    assert corpus.articles["outlet"].nunique() > 20
    assert set(corpus.groups["group"]) == {"left", "center", "right"}
    assert corpus.groups["outlet"].is_unique
    # the whole export unpacks to more than a file may: one clear line, nothing half-read
    whole = Upload(ALLSIDES.name, ALLSIDES.read_bytes())
    corpus = import_uploads([whole], tmp_path / "whole", columns={whole.name: mapping})
    assert corpus.articles.empty
    assert corpus.rejects.to_dict("records") == [
        {"input": ALLSIDES.name, "reason": "too large (unpacks to more than 20000000 bytes)"}]


# --- fuzzing: arbitrary uploads (zips with arbitrary member names too) ---------------------------

member_names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                       min_size=1, max_size=30)
upload_data = st.one_of(
    payloads,
    st.dictionaries(member_names, payloads, max_size=4).map(zip_bytes),
)
upload_names = st.sampled_from(["a.txt", "b.md", "c.html", "d.csv", "e.jsonl", "f.zip",
                                "g.pdf", "h.jsonl.gz", "i.tar.gz", "a.txt"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(upload_names, upload_data), min_size=1, max_size=4))
def test_arbitrary_uploads_never_crash_and_every_file_has_a_line(files):
    with tempfile.TemporaryDirectory() as tmp:
        uploads = [Upload(name, data) for name, data in files]
        limits = Limits(max_file_bytes=5_000, max_total_bytes=12_000, max_ratio=20)
        corpus = import_uploads(uploads, Path(tmp) / "work", limits=limits, min_words=1)
        assert check(corpus.articles, "articles") == []
        assert check(corpus.rejects, "rejects") == []
        report = import_report(corpus, near_duplicates(corpus.articles), uploads)
        assert len(report) == len(corpus.articles) + len(corpus.rejects)
        for upload in uploads:
            assert any(i == upload.name or i.startswith((upload.name + " ", upload.name + "/"))
                       for i in report["input"]), upload.name
        assert [p.name for p in Path(tmp).iterdir()] == ["work"]  # nothing escaped the folder
