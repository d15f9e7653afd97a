"""Corpus import: the default corpus, every kind of bad input, CSV, JSONL, AllSides, fuzzing."""

from __future__ import annotations

import csv
import gzip
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest import Corpus, Limits, article_id, load_corpus
from analysis.ingest.article_meta import infer_outlet
from analysis.ingest.corpus import load_folder
from analysis.tables import check
from tests.fixtures.inputs import SUFFIXES, WORDS, article, payloads
from tests.fixtures.paths import ALLSIDES, DEFAULT_CORPUS, KNOWN_OUTLETS, UNKNOWN_SOURCES


def reasons(corpus: Corpus) -> dict[str, str]:
    return dict(zip(corpus.rejects["input"], corpus.rejects["reason"], strict=True))


def assert_conforms(corpus: Corpus) -> None:
    assert check(corpus.articles, "articles") == []
    assert check(corpus.rejects, "rejects") == []
    assert corpus.articles["article_id"].is_unique
    assert len(corpus.fingerprint) == 64


# --- the default corpus ------------------------------------------------------------------------

def test_default_corpus_loads_five_articles():
    corpus = load_corpus(DEFAULT_CORPUS)
    assert_conforms(corpus)
    arts = corpus.articles.set_index(corpus.articles["source"].str[:3])
    assert len(arts) == 5 and corpus.rejects.empty
    assert set(arts["outlet"]) == KNOWN_OUTLETS | UNKNOWN_SOURCES  # unknowns never pooled
    assert arts.at["002", "outlet_from"] == "unknown"
    assert arts.at["001", "outlet"] == "Al Jazeera"
    assert arts.at["003", "outlet"] == "Global Times"
    assert arts.at["000", "published"] == pd.Timestamp("2023-11-13")
    assert not arts.at["000", "text"].lstrip().startswith("date")
    assert arts.at["000", "text"].startswith("China’s Defence Minister")
    assert pd.isna(arts.at["004", "published"])  # "On August 17, 2023" is the event, not the date
    assert arts.at["001", "title"].startswith("China’s defence minister visits Russia")
    assert arts.at["004", "title"] == (
        "China and Belarus Deepen Military Ties Amid Diplomatic Strains with the West")
    for key in ("000", "002", "003"):  # no headline: from the first line, cut at a word
        assert 0 < len(arts.at[key, "title"]) <= 81 and arts.at[key, "title"].endswith("…")
    assert (arts["n_sentences"] == 0).all() and arts["tone"].isna().all()
    assert (arts["n_words"] > 300).all()
    assert not arts["text"].str.contains("\r").any()


def test_default_corpus_fingerprint_is_stable():
    first, second = load_corpus(DEFAULT_CORPUS), load_corpus(DEFAULT_CORPUS)
    assert first.fingerprint == second.fingerprint
    assert list(first.articles["article_id"]) == list(second.articles["article_id"])


def test_manifest_csv_is_the_documented_contract():
    manifest = pd.read_csv(DEFAULT_CORPUS / "manifest.csv", dtype=str, keep_default_na=False)
    assert list(manifest.columns) == ["file", "outlet", "date", "title", "url"]
    assert sorted(manifest["file"]) == sorted(p.name for p in DEFAULT_CORPUS.glob("*.txt"))
    assert set(manifest["outlet"]) == {"Al Jazeera", "Global Times", ""}


# --- small functions ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Some story.\n\nSource: The Associated Press", ("The Associated Press", "signoff")),
    ("Some story.\nSource: Reuters.\n\n", ("Reuters", "signoff")),
    ("Some story.\n(Global Times)", ("Global Times", "signoff")),
    ("Some story.\n(Reuters)\n", ("Reuters", "signoff")),
    ("A headline\n\nMINSK, Aug 17 (Reuters) - Li met Lukashenko.", ("Reuters", "dateline")),
    ("KYIV, Ukraine (AP) — Some story.", ("AP", "dateline")),
    ("Kyiv (AP) — a dateline's place is in capitals.", None),
    ("Some story.\n(Editing by Mark Heinrich)", None),
    ("Some story.\n(AP Photo/Evan Vucci)", None),
    ("Some story.\n(END)", None),
    ("Some story.\nSource: a senior official who asked not to be named", None),
    ("Source: Reuters\nThe story goes on after the line.", None),
    ("The Global Times reported it.", None),
    ("", None),
])
def test_infer_outlet(text, expected):
    assert infer_outlet(text) == expected


def test_a_dateline_gives_the_outlet_and_the_date_the_metadata_lacks(tmp_path):
    (tmp_path / "minsk.txt").write_text(
        "Li flies to Minsk\n\nMINSK, Aug 17, 2023 (Reuters) - " + article(1))
    (tmp_path / "kyiv.txt").write_text("KYIV, Ukraine (AP) — " + article(2))
    (tmp_path / "manifest.csv").write_text("file,outlet,date,title,url\n"
                                            "kyiv.txt,,2021-05-06,,\n")
    arts = load_folder(tmp_path).articles.set_index("source")
    assert (arts.at["minsk.txt", "outlet"], arts.at["minsk.txt", "outlet_from"]) == (
        "Reuters", "dateline")
    assert arts.at["minsk.txt", "published"] == pd.Timestamp("2023-08-17")
    assert arts.at["kyiv.txt", "outlet"] == "AP"
    assert arts.at["kyiv.txt", "published"] == pd.Timestamp("2021-05-06")  # metadata wins


def test_article_id_is_stable_16_hex():
    a = article_id("Global Times", "A title", "A text")
    assert a == article_id("Global Times", "A title", "A text")
    assert len(a) == 16 and int(a, 16) >= 0
    assert a != article_id("Xinhua", "A title", "A text")


# --- a folder with every kind of bad file ------------------------------------------------------

def test_folder_every_bad_kind(tmp_path):
    curly = "He said “we will cooperate” and it’s settled – café. " + WORDS
    files = {
        "good.txt": article(1).encode(),
        "crlf.txt": article(2).replace("\n", "\r\n").encode(),
        "cp1252.txt": curly.encode("cp1252"),
        "utf16.txt": ("Story three. " + curly).encode("utf-16"),  # with BOM
        "bom.md": ("# A markdown headline\n\n" + article(4)).encode("utf-8-sig"),
        "prefixed.txt": ("date 2021-02-03\n" + article(5)).encode(),
        "empty.txt": b"",
        "blank.txt": b"  \n\n \t\n",
        "binary.txt": bytes(range(256)) * 4,
        "short.txt": b"Only five words are here.",
        "good_copy.txt": article(1).upper().replace(" ", "  ").encode(),
        "big.txt": (article(6) * 40).encode(),
        "odd.txt": b"\xff\xfea\x00b",  # UTF-16 BOM, odd length
        "doc.pdf": b"%PDF-1.4 whatever",
        "noext": article(7).encode(),
        ".hidden.txt": article(8).encode(),
        "README.md": b"This folder holds test articles; it is not one of them.",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    corpus = load_corpus(tmp_path, limits=Limits(max_article_bytes=5_000))
    assert_conforms(corpus)
    arts = corpus.articles.set_index("source")
    assert set(arts.index) == {"good.txt", "crlf.txt", "cp1252.txt", "utf16.txt", "bom.md",
                               "prefixed.txt"}
    assert reasons(corpus) == {
        "empty.txt": "empty text",
        "blank.txt": "empty text",
        "binary.txt": "binary file",
        "short.txt": "too short (5 words, minimum 20)",
        "good_copy.txt": "duplicate of good.txt",
        "big.txt": f"too large ({len(files['big.txt'])} bytes, limit 5000)",
        "odd.txt": "could not decode",
        "doc.pdf": "unsupported file type .pdf",
        "noext": "unsupported file type (no extension)",
    }
    assert "“we will cooperate”" in arts.at["cp1252.txt", "text"]
    assert "café" in arts.at["cp1252.txt", "text"]
    assert arts.at["utf16.txt", "text"].startswith("Story three. He said “we")
    assert not arts.at["bom.md", "text"].startswith("\ufeff")
    assert arts.at["bom.md", "title"] == "A markdown headline"
    assert "\r" not in arts.at["crlf.txt", "text"]
    assert arts.at["crlf.txt", "text"] == article(2)
    assert arts.at["prefixed.txt", "published"] == pd.Timestamp("2021-02-03")
    assert arts.at["prefixed.txt", "text"] == article(5)
    # no outlet anywhere: each file is its own unknown source, never pooled with the others
    assert list(arts["outlet"]) == [f"unknown: {name}" for name in arts.index]
    assert (arts["outlet_from"] == "unknown").all()


def test_folder_manifest_metadata_wins_and_missing_files_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-02-03 " + article(1) + "\n(Global Times)\n")
    (tmp_path / "b.txt").write_text(article(2) + "\nSource: The Associated Press\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(article(3))
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,date,title,url\n"
        "a.txt,Xinhua,2020-01-02,Given title,https://example.org/a\n"
        "sub/c.txt,,,,\n"
        "gone.txt,Nobody,,,\n")
    corpus = load_folder(tmp_path)
    arts = corpus.articles.set_index("source")
    assert list(arts.index) == ["a.txt", "b.txt", "sub/c.txt"]
    assert arts.at["a.txt", "outlet"] == "Xinhua"  # the manifest beats the sign-off
    assert arts.at["a.txt", "published"] == pd.Timestamp("2020-01-02")  # and the date prefix
    assert arts.at["a.txt", "text"].startswith("Story number 1.")
    assert arts.at["a.txt", "title"] == "Given title"
    assert arts.at["a.txt", "url"] == "https://example.org/a"
    assert arts.at["b.txt", "outlet"] == "The Associated Press"
    assert arts.at["sub/c.txt", "outlet"] == "unknown: sub/c.txt"
    assert list(arts["outlet_from"]) == ["metadata", "signoff", "unknown"]
    title = arts.at["b.txt", "title"]  # from a long first line: 80 characters at a word end
    assert title.startswith("Story number 2. Li Shangfu") and title.endswith("…")
    assert len(title) <= 81 and not title[:-1].endswith(" ")
    assert reasons(corpus) == {"manifest.csv file gone.txt": "no such file: gone.txt"}


def test_limit_stops_after_that_many_articles(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(article(i))
    assert len(load_corpus(tmp_path, limit=3).articles) == 3
    assert load_corpus(tmp_path, limit=0).articles.empty


def test_missing_source_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nope.csv")


def test_empty_corpus_has_the_schema(tmp_path):
    corpus = load_corpus(tmp_path)
    assert_conforms(corpus)
    assert corpus.articles.empty and corpus.rejects.empty


# --- CSV ---------------------------------------------------------------------------------------

def test_csv_rows(tmp_path):
    path = tmp_path / "export.csv"
    rows = [
        ["content", "source", "published", "headline", "link"],
        [article(1), "Reuters", "2020-05-05T10:00:00+02:00", "First", "https://e.org/1"],
        ["", "Reuters", "", "", ""],
        ["too short", "AP", "", "", ""],
        ["only", "three", "fields"],
        [article(2) + "(Global Times)", "", "May 5, 2020", "", ""],
        [article(1), "Reuters", "", "", ""],
        [article(3), " TASS ", "not a date", "", ""],
        [article(1), "Al Jazeera", "", "", ""],  # the same wire story, another outlet: kept
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    corpus = load_corpus(path)
    assert_conforms(corpus)
    arts = corpus.articles.set_index("source")
    assert list(arts.index) == ["export.csv row 1", "export.csv row 5", "export.csv row 7",
                                "export.csv row 8"]
    assert arts.at["export.csv row 8", "outlet"] == "Al Jazeera"
    assert arts.at["export.csv row 1", "outlet"] == "Reuters"
    assert arts.at["export.csv row 1", "published"] == pd.Timestamp("2020-05-05 08:00")
    assert arts.at["export.csv row 1", "title"] == "First"
    assert arts.at["export.csv row 1", "url"] == "https://e.org/1"
    assert arts.at["export.csv row 5", "outlet"] == "Global Times"
    assert arts.at["export.csv row 5", "published"] == pd.Timestamp("2020-05-05")
    assert arts.at["export.csv row 7", "outlet"] == "TASS"
    assert pd.isna(arts.at["export.csv row 7", "published"])
    assert reasons(corpus) == {
        "export.csv row 2": "empty text",
        "export.csv row 3": "too short (2 words, minimum 20)",
        "export.csv row 4": "malformed CSV: 3 fields, header has 5 (line 8)",
        "export.csv row 6": "duplicate of export.csv row 1",
    }


def test_csv_semicolon_cp1252_and_whole_file_problems(tmp_path):
    semi = tmp_path / "semi.csv"
    semi.write_bytes(("Title;Text\nA “quoted” title;" + WORDS + "\n").encode("cp1252"))
    corpus = load_corpus(semi)
    assert list(corpus.articles["title"]) == ["A “quoted” title"]
    assert corpus.articles["text"].iloc[0] == WORDS
    (tmp_path / "notext.csv").write_text("a,b\n1,2\n")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header.csv").write_text("text,title\n")
    (tmp_path / "binary.csv").write_bytes(b"text\n\x00\x01\x02")
    folder = load_folder(tmp_path)
    assert reasons(folder) == {
        "notext.csv": "missing text column (looked for content_original, content, text, body,"
                      " article, maintext)",
        "empty.csv": "empty file",
        "header.csv": "empty file (no rows)",
        "binary.csv": "binary file",
    }
    assert list(folder.articles["source"]) == ["semi.csv row 1"]


# --- JSONL -------------------------------------------------------------------------------------

def jsonl_lines() -> list[str]:
    return [
        json.dumps({"text": article(1), "source": {"id": None, "name": "BBC News"},
                    "publishedAt": "2023-08-14T09:30:00Z", "title": "One"}),
        '{"text": "broken',
        "",
        json.dumps([1, 2, 3]),
        json.dumps({"body": article(2), "outlet": None, "date": None}),
        json.dumps({"headline": "no text here"}),
        json.dumps({"maintext": "short", "domain": "x.org"}),
    ]


def test_jsonl_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(jsonl_lines()) + "\n")
    corpus = load_corpus(path)
    assert_conforms(corpus)
    arts = corpus.articles.set_index("source")
    assert list(arts.index) == ["news.jsonl line 1", "news.jsonl line 5"]
    assert arts.at["news.jsonl line 1", "outlet"] == "BBC News"
    assert arts.at["news.jsonl line 1", "published"] == pd.Timestamp("2023-08-14 09:30")
    assert arts.at["news.jsonl line 5", "outlet"] == "unknown: news.jsonl line 5"
    assert reasons(corpus) == {
        "news.jsonl line 2": "malformed JSON on line 2",
        "news.jsonl line 4": "malformed JSON on line 4 (not an object)",
        "news.jsonl line 6": "missing text column (looked for content_original, content, text,"
                             " body, article, maintext)",
        "news.jsonl line 7": "too short (1 words, minimum 20)",
    }


def test_jsonl_gz_and_broken_gz(tmp_path):
    good = tmp_path / "news.jsonl.gz"
    with gzip.open(good, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(jsonl_lines()) + "\n")
    assert list(load_corpus(good).articles["source"]) == ["news.jsonl.gz line 1",
                                                          "news.jsonl.gz line 5"]
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b"\n".join(s.encode() for s in jsonl_lines()))[:-30])
    corpus = load_corpus(broken)
    assert corpus.rejects["input"].iloc[-1] == "broken.jsonl.gz"
    assert corpus.rejects["reason"].iloc[-1].startswith("could not decompress")


def test_jsonl_line_too_large(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": article(1) * 2000}) + "\n"
                    + json.dumps({"text": article(2)}) + "\n")
    corpus = load_corpus(path, limits=Limits(max_article_bytes=1000))
    assert list(corpus.articles["source"]) == ["big.jsonl line 2"]
    assert reasons(corpus)["big.jsonl line 1"].startswith("too large (")


# --- the AllSides export -----------------------------------------------------------------------

def test_allsides_first_200_rows():
    if not ALLSIDES.is_file():
        pytest.skip(f"AllSides corpus not found at {ALLSIDES.resolve()} (../shared is absent)")
    corpus = load_corpus(ALLSIDES, limit=200)
    assert_conforms(corpus)
    arts = corpus.articles
    assert len(arts) == 200 and corpus.rejects.empty
    assert arts["source"].iloc[0] == "articles_international.jsonl.gz line 1"
    assert not arts["outlet"].str.startswith("unknown: ").any() and arts["outlet"].nunique() > 20
    assert arts["published"].notna().mean() > 0.7
    dated = arts["published"].dropna()
    assert dated.between(pd.Timestamp("2005-01-01"), pd.Timestamp("2025-01-01")).all()
    assert (arts["title"].str.len() > 0).all() and arts["url"].str.startswith("http").mean() > 0.9


# --- fuzzing: arbitrary bytes never crash the import, every input is accounted for ------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        corpus = load_corpus(path, min_words=1)
        assert_conforms(corpus)
        inputs = list(corpus.articles["source"]) + list(corpus.rejects["input"])
        assert inputs and all(name.startswith(path.name) for name in inputs)
        if suffix == ".txt":
            assert inputs == [path.name]
        assert len(set(inputs)) == len(inputs)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(payloads, st.sampled_from(SUFFIXES)), min_size=1, max_size=4))
def test_arbitrary_folder_accounts_for_every_file(files):
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i, (data, suffix) in enumerate(files):
            names.append(f"f{i}{suffix}")
            (Path(tmp) / names[-1]).write_bytes(data)
        corpus = load_folder(Path(tmp))
        assert_conforms(corpus)
        inputs = list(corpus.articles["source"]) + list(corpus.rejects["input"])
        for name in names:
            assert any(i == name or i.startswith(f"{name} ") for i in inputs), name
