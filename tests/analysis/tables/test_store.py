import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.tables import (
    StoreError,
    Tables,
    check,
    empty,
    export_csv,
    is_current,
    load_store,
    load_table,
    save_store,
)
from analysis.tables.store import sha256_of


def small_tables() -> Tables:
    articles = empty("articles")
    articles.loc[0] = ["a1", "Global Times", "metadata", "Title", pd.Timestamp("2023-08-14"),
                       "", "x.txt", "Li visits Moscow.", 3, 17, 1, 0.0]
    places = pd.DataFrame(
        {"place_id": [524901], "name": ["Moscow"], "kind": ["city"], "country_code": ["RU"],
         "lat": [55.75222], "lon": [37.61556], "population": [10381222]}
    )
    return Tables.conformed(articles=articles, sentences=empty("sentences"),
                            mentions=empty("mentions"), entities=empty("entities"),
                            places=places, quotes=empty("quotes"),
                            citations=empty("citations"), rejects=empty("rejects"))


def test_round_trip_keeps_schema_and_rows(tmp_path):
    manifest = save_store(small_tables(), tmp_path / "s", manifest={"build_key": {"k": 1}})
    assert manifest["files"]["places"]["rows"] == 1
    loaded = load_store(tmp_path / "s")
    for name, df in loaded.items():
        assert check(df, name) == [], name
    assert loaded.places.loc[0, "place_id"] == 524901
    assert loaded.articles.loc[0, "published"] == pd.Timestamp("2023-08-14")
    assert is_current(tmp_path / "s", build_key={"k": 1})
    assert not is_current(tmp_path / "s", build_key={"k": 2})


def test_columns_are_read_on_their_own(tmp_path):
    save_store(small_tables(), tmp_path / "s", manifest={})
    df = load_table(tmp_path / "s", "places", columns=["name", "lat"])
    assert list(df.columns) == ["name", "lat"]
    assert str(df["name"].dtype) == "string"


def edit_manifest(store: Path, change) -> None:
    manifest = json.loads((store / "manifest.json").read_text())
    change(manifest)
    (store / "manifest.json").write_text(json.dumps(manifest))


def flip_a_byte(store: Path) -> None:
    """One byte of an article's text changed: same size, same footer."""
    path = store / "articles.parquet"
    data = bytearray(path.read_bytes())
    data[data.index(b"Li visits Moscow.")] ^= 0xFF
    path.write_bytes(bytes(data))


def drop_a_column(store: Path) -> None:
    """The places table without a column, with a manifest that matches it (size, sha256)."""
    path = store / "places.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["population"]), path)
    edit_manifest(store, lambda m: m["files"]["places"].update(
        bytes=path.stat().st_size, sha256=sha256_of(path)))


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: (d / "places.parquet").unlink(),
        lambda d: (d / "places.parquet").write_bytes(b"PAR1 truncated"),
        lambda d: (d / "manifest.json").write_text("{not json"),
        lambda d: (d / "manifest.json").unlink(),
        lambda d: (d / "manifest.json").write_text(
            json.dumps({**json.loads((d / "manifest.json").read_text()), "schema_version": 0})
        ),
        lambda d: (d / "manifest.json").write_text("[]"),
        lambda d: (d / "manifest.json").write_text("null"),
        lambda d: edit_manifest(d, lambda m: m["files"]["places"].pop("bytes")),
        lambda d: edit_manifest(d, lambda m: m["files"].update(places="42")),
        lambda d: edit_manifest(d, lambda m: m.update(files=[])),
        flip_a_byte,
        drop_a_column,
    ],
    ids=["missing table", "truncated table", "corrupt manifest", "no manifest", "old schema",
         "manifest a list", "manifest null", "entry without bytes", "entry a string",
         "files a list", "a flipped byte", "a dropped column"],
)
def test_damaged_store_is_detected(tmp_path, damage):
    save_store(small_tables(), tmp_path / "s", manifest={"build_key": {"k": 1}})
    damage(tmp_path / "s")
    with pytest.raises(StoreError):
        load_store(tmp_path / "s")
    assert not is_current(tmp_path / "s", build_key={"k": 1})


def test_export_csv_writes_every_table(tmp_path):
    save_store(small_tables(), tmp_path / "s", manifest={})
    written = export_csv(tmp_path / "s", tmp_path / "csv")
    assert {p.name for p in written} == {f"{n}.csv" for n in
                                         ["articles", "sentences", "mentions", "entities",
                                          "places", "quotes", "citations", "rejects", "notes",
                                          "merges", "reuse", "duplicates", "groups", "terms",
                                          "article_terms"]}
    places = pd.read_csv(tmp_path / "csv" / "places.csv")
    assert places.loc[0, "name"] == "Moscow"


def test_a_folder_the_project_did_not_write_is_never_replaced(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.tex").write_text("years of work")
    with pytest.raises(StoreError, match="did not write"):
        save_store(small_tables(), thesis, manifest={})
    assert (thesis / "chapter1.tex").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no staging left behind
    # a store with a file of the user's added to it is not replaced either
    save_store(small_tables(), tmp_path / "s", manifest={})
    (tmp_path / "s" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match=r"notes\.txt"):
        save_store(small_tables(), tmp_path / "s", manifest={})
    assert (tmp_path / "s" / "notes.txt").read_text() == "mine"


def test_a_store_of_ours_is_replaced_whole(tmp_path):
    save_store(small_tables(), tmp_path / "s", manifest={"build_key": {"k": 1}})
    save_store(small_tables(), tmp_path / "s", manifest={"build_key": {"k": 2}})
    assert is_current(tmp_path / "s", build_key={"k": 2})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]  # nothing old left beside it
    assert (tmp_path / "s" / "rejects.csv").read_text().startswith("input,reason")
    empty = tmp_path / "empty"
    empty.mkdir()
    save_store(small_tables(), empty, manifest={})  # an empty folder is fine
    assert (empty / "manifest.json").exists()


def test_export_never_overwrites_a_users_file(tmp_path):
    save_store(small_tables(), tmp_path / "s", manifest={})
    out = tmp_path / "csv"
    out.mkdir()
    (out / "articles.csv").write_text("my own spreadsheet")
    with pytest.raises(StoreError, match=r"articles\.csv"):
        export_csv(tmp_path / "s", out)
    assert (out / "articles.csv").read_text() == "my own spreadsheet"
    export_csv(tmp_path / "s", tmp_path / "fresh")
    export_csv(tmp_path / "s", tmp_path / "fresh")  # its own export it may write again


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=3),
    max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.sampled_from(["articles", "places", "rejects", "notes", "x"]),
                             json_values, max_size=4),
       other=st.dictionaries(st.sampled_from(["schema_version", "files", "format", "rows"]),
                             json_values, max_size=3))
def test_any_manifest_is_a_store_or_a_store_error(tmp_path_factory, files, other):
    store = tmp_path_factory.mktemp("store")
    save_store(small_tables(), store / "s", manifest={"build_key": {"k": 1}})
    real = json.loads((store / "s" / "manifest.json").read_text())
    (store / "s" / "manifest.json").write_text(json.dumps(
        {**real, **other, "files": {**real["files"], **files}}, default=str))
    try:
        load_store(store / "s")
    except StoreError:
        assert not is_current(store / "s", build_key={"k": 1})
