"""Careless and hostile input: every file or row still ends as an article or a reject with its
reason, nothing after a bad row is lost, and no input can make an import unbounded."""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest import (
    Limits,
    Upload,
    columns_of,
    guess_columns,
    import_report,
    import_uploads,
    load_corpus,
    sample_rows,
)
from analysis.tables import check
from tests.fixtures.inputs import WORDS, article, payloads


def reasons(corpus) -> dict[str, str]:
    return dict(zip(corpus.rejects["input"], corpus.rejects["reason"], strict=True))


def notes(corpus) -> dict[str, str]:
    return dict(zip(corpus.notes["input"], corpus.notes["note"], strict=True))


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def gzip_bomb(path: Path, unpacked: int) -> Path:
    """A .gz of `unpacked` newlines, written by streaming (the bytes never sit in memory)."""
    with gzip.open(path, "wb", compresslevel=9) as fh:
        block = b"\n" * (1 << 20)
        for _ in range(unpacked // len(block)):
            fh.write(block)
    return path


# -- rows after a bad row are read on -------------------------------------------------------

def test_an_oversize_csv_row_is_rejected_alone(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("text,outlet\n"
                    f"\"{article(1)}\",A\n"
                    f"\"{article(2) * 40}\",B\n"  # one row far over the article limit
                    f"\"{article(3)}\nwith a second line\",C\n"
                    f"\"{article(4)}\",D\n", encoding="utf-8")
    corpus = load_corpus(path, limits=Limits(max_article_bytes=2_000))
    assert list(corpus.articles["outlet"]) == ["A", "C", "D"]
    assert reasons(corpus)["export.csv row 2"].startswith("too large (")
    assert corpus.articles["text"].iloc[1].endswith("with a second line")


def test_an_oversize_quoted_field_spanning_lines_is_one_reject(tmp_path):
    long_field = "\n".join([article(2)] * 60)  # many lines, all inside one quoted field
    path = tmp_path / "export.csv"
    path.write_text(f"text,outlet\n\"{article(1)}\",A\n\"{long_field}\",B\n"
                    f"\"{article(3)}\",C\n", encoding="utf-8")
    corpus = load_corpus(path, limits=Limits(max_article_bytes=2_000))
    assert list(corpus.articles["outlet"]) == ["A", "C"]
    assert list(reasons(corpus)) == ["export.csv row 2"]


def test_a_nul_byte_in_a_cell_costs_nothing_but_a_note(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(("text,outlet\n"
                      f"\"{article(1)}\",A\n"
                      f"\"{article(2)}\x00\",B\n"
                      f"\"{article(3)}\",C\n").encode())
    corpus = load_corpus(path)
    assert list(corpus.articles["outlet"]) == ["A", "B", "C"]
    assert "\x00" not in corpus.articles["text"].iloc[1]
    assert notes(corpus) == {"export.csv row 2": "NUL bytes removed"}


def test_a_null_text_field_falls_through_to_the_next_text_column(tmp_path):
    rows = [{"content": None, "text": article(1), "source": "Reuters"},
            {"content": article(2), "text": None, "source": "AP"}]
    data = "\n".join(json.dumps(r) for r in rows) + "\n"
    path = tmp_path / "feed.jsonl"
    path.write_text(data, encoding="utf-8")
    corpus = load_corpus(path)  # the CLI's path
    assert list(corpus.articles["outlet"]) == ["Reuters", "AP"] and corpus.rejects.empty
    # the upload's pre-filled column choice is one the rows fill, and it falls through too
    upload = Upload("feed.jsonl", data.encode())
    mapping = guess_columns(sample_rows(upload))
    assert mapping["text"] == "content"
    uploaded = import_uploads([upload], tmp_path / "up", columns={upload.name: mapping})
    assert len(uploaded.articles) == 2 and uploaded.rejects.empty


def test_two_uploads_with_one_name_keep_their_own_column_choices(tmp_path):
    first = Upload("export.csv", f"body,site\n\"{article(1)}\",Xinhua\n".encode())
    second = Upload("export.csv", f"story,paper\n\"{article(2)}\",TASS\n".encode())
    columns = {"export.csv": {"text": "body", "outlet": "site"},
               "export (2).csv": {"text": "story", "outlet": "paper"}}
    corpus = import_uploads([first, second], tmp_path, columns=columns)
    assert list(corpus.articles["source"]) == ["export.csv row 1", "export (2).csv row 1"]
    assert list(corpus.articles["outlet"]) == ["Xinhua", "TASS"]
    report = import_report(corpus, uploads=[first, second])
    assert list(report["input"]) == ["export.csv row 1", "export (2).csv row 1"]


# -- decoding ---------------------------------------------------------------------------------

def test_utf8_with_one_cp1252_byte_keeps_its_utf8_and_says_so(tmp_path):
    text = f"Caf\u00e9 owners met the minister. {WORDS}\nThe minister\x92s visit ended.\n"
    data = text.encode("utf-8").replace(b"\xc2\x92", b"\x92")  # one raw cp1252 quote mark
    (tmp_path / "a.txt").write_bytes(data)
    corpus = load_corpus(tmp_path / "a.txt")
    assert "Caf\u00e9" in corpus.articles["text"].iloc[0]  # not mac_roman's "Caf\u221a\u00a9"
    assert "minister\u2019s visit" in corpus.articles["text"].iloc[0]
    assert notes(corpus) == {"a.txt": "1 line not UTF-8, decoded as cp1252"}


def test_utf16_without_a_byte_order_mark(tmp_path):
    (tmp_path / "le.txt").write_bytes(article(1).encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(article(2).encode("utf-16-be"))
    (tmp_path / "rows.jsonl").write_bytes((json.dumps({"text": article(3)}) + "\n")
                                          .encode("utf-16-le"))
    corpus = load_corpus(tmp_path)
    assert set(corpus.articles["source"]) == {"le.txt", "be.txt", "rows.jsonl line 1"}
    assert corpus.articles.set_index("source").at["le.txt", "text"] == article(1)
    assert notes(corpus)["be.txt"] == "decoded as UTF-16-BE (no byte-order mark)"


def test_dates_the_reader_could_not_use_are_noted(tmp_path):
    rows = [("2023-08-17", "ok"), ("today", "relative"), ("1692230400", "epoch"),
            ("3023-01-01", "far"), ("", "none")]
    path = tmp_path / "dated.csv"
    path.write_text("text,date,title\n" + "".join(f"\"{article(i)}\",{d},{t}\n"
                                                   for i, (d, t) in enumerate(rows)))
    corpus = load_corpus(path)
    dates = dict(zip(corpus.articles["title"], corpus.articles["published"], strict=True))
    assert str(dates["ok"].date()) == "2023-08-17"
    assert all(dates[t] is None or str(dates[t]) == "NaT" for t in ("relative", "epoch", "far"))
    assert notes(corpus) == {
        "dated.csv row 2": "date 'today' not understood; left undated",
        "dated.csv row 3": "date '1692230400' not understood; left undated",
        "dated.csv row 4": "date '3023-01-01' not understood; left undated",
    }


# -- decompression is capped while it runs ----------------------------------------------------

def test_a_gzip_bomb_stops_at_its_ratio_on_the_command_line(tmp_path):
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", 64 << 20)  # 64 MB of newlines in ~64 KB
    assert bomb.stat().st_size < 200_000
    corpus = load_corpus(bomb)
    assert corpus.articles.empty
    assert list(reasons(corpus)) == ["bomb.jsonl.gz"]
    assert reasons(corpus)["bomb.jsonl.gz"].startswith("refused: compression ratio over")


def test_a_gzip_bomb_inside_a_zip_is_refused(tmp_path):
    inner = gzip.compress(b"\n" * (8 << 20))
    upload = Upload("bundle.zip", zip_bytes({"feed.jsonl.gz": inner,
                                             "good.txt": article(1).encode()}))
    corpus = import_uploads([upload], tmp_path)
    assert list(corpus.articles["source"]) == ["bundle.zip/good.txt"]
    assert reasons(corpus)["bundle.zip/feed.jsonl.gz"].startswith("refused: compression ratio")


def test_an_uploaded_gz_is_capped_per_file_not_only_in_total(tmp_path):
    lines = "".join(json.dumps({"text": article(i) + " " + "x " * 400}) + "\n"
                    for i in range(300))  # varied enough to pack well under the ratio cap
    upload = Upload("feed.jsonl.gz", gzip.compress(lines.encode()))
    capped = Limits(max_file_bytes=100_000, max_total_bytes=10_000_000)
    corpus = import_uploads([upload], tmp_path, limits=capped)
    assert corpus.articles.empty
    assert reasons(corpus) == {"feed.jsonl.gz": "too large (unpacks to more than 100000 bytes)"}


def test_line_and_reject_caps_end_a_file_with_one_line_that_says_so(tmp_path):
    path = tmp_path / "junk.jsonl"
    path.write_text("\n".join(["{broken"] * 50 + [json.dumps({"text": article(1)})]) + "\n")
    corpus = load_corpus(path, limits=Limits(max_rejects=10))
    assert len(corpus.rejects) == 11 and corpus.articles.empty
    assert reasons(corpus)["junk.jsonl (rest)"] == (
        "skipped: more than 10 rejected rows; the rest of the file was not read")
    corpus = load_corpus(path, limits=Limits(max_lines=20))
    assert reasons(corpus)["junk.jsonl (rest)"].startswith("skipped: more than 20 lines")


# -- archives and folders that try to reach outside --------------------------------------------

def test_zip_members_that_clash_or_have_long_names_do_not_break_the_import(tmp_path):
    long_name = "n" * 300 + ".txt"
    upload = Upload("odd.zip", zip_bytes({"d": article(1).encode(),
                                          "d/x.txt": article(2).encode(),
                                          long_name: article(3).encode()}))
    corpus = import_uploads([upload], tmp_path)
    assert set(corpus.articles["source"]) == {"odd.zip/d/x.txt", f"odd.zip/{long_name}"}
    assert reasons(corpus) == {"odd.zip/d": "unsupported file type (no extension)"}


def test_a_deep_json_line_is_a_malformed_row_not_a_crash(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    data = (deep + "\n" + json.dumps({"text": article(1)}) + "\n").encode()
    upload = Upload("deep.jsonl", data)
    assert columns_of(upload) == ["text"]
    corpus = import_uploads([upload], tmp_path)
    assert len(corpus.articles) == 1
    assert reasons(corpus) == {"deep.jsonl line 1": "malformed JSON on line 1"}


def test_a_symbolic_link_out_of_the_corpus_folder_is_refused(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(article(1))
    secret = tmp_path / "secret.txt"
    secret.write_text(article(2))
    os.symlink(secret, corpus_dir / "leak.txt")
    os.symlink(tmp_path, corpus_dir / "up")
    (corpus_dir / "inside.txt").symlink_to(corpus_dir / "a.txt")
    corpus = load_corpus(corpus_dir)
    assert set(corpus.articles["source"]) == {"a.txt"}  # inside.txt repeats it: a duplicate
    assert reasons(corpus) == {
        "inside.txt": "duplicate of a.txt",
        "leak.txt": "refused: a symbolic link to a file outside the corpus folder",
        "up": "refused: a symbolic link to a folder (not followed)",
    }


# -- fuzzing: archives inside archives ------------------------------------------------------------

member_names = st.sampled_from(["a.txt", "b.csv", "c.jsonl", "d.jsonl.gz", "e.zip", "f/g.txt",
                                "h.csv.gz", "i.md", "../j.txt", "k"])
members = st.recursive(
    payloads,
    lambda inner: st.one_of(
        inner.map(gzip.compress),
        st.dictionaries(member_names, inner, max_size=3).map(zip_bytes)),
    max_leaves=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(st.sampled_from(["x.zip", "y.jsonl.gz", "z.csv.gz", "w.txt"]),
                                members), min_size=1, max_size=3))
def test_nested_archives_never_crash_and_every_file_has_a_line(files):
    with tempfile.TemporaryDirectory() as tmp:
        uploads = [Upload(name, data) for name, data in files]
        limits = Limits(max_file_bytes=50_000, max_total_bytes=150_000, max_ratio=20)
        corpus = import_uploads(uploads, Path(tmp) / "work", limits=limits, min_words=1)
        assert check(corpus.articles, "articles") == []
        assert check(corpus.rejects, "rejects") == []
        report = import_report(corpus, uploads=uploads)
        for upload in uploads:
            assert any(i == upload.name or i.startswith((upload.name + " ", upload.name + "/"))
                       for i in report["input"]), upload.name
        assert [p.name for p in Path(tmp).iterdir()] == ["work"]
