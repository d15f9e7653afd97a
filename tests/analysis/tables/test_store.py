import json

import pandas as pd
import pytest

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


def small_tables() -> Tables:
    articles = empty("articles")
    articles.loc[0] = ["a1", "Global Times", "Title", pd.Timestamp("2023-08-14"), "", "x.txt",
                       "Li visits Moscow.", 3, 17, 1, 0.0]
    places = pd.DataFrame(
        {"place_id": [524901], "name": ["Moscow"], "kind": ["city"], "country_code": ["RU"],
         "lat": [55.75222], "lon": [37.61556], "population": [10381222]}
    )
    return Tables.conformed(articles=articles, sentences=empty("sentences"),
                            mentions=empty("mentions"), entities=empty("entities"),
                            places=places, rejects=empty("rejects"))


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
    ],
    ids=["missing table", "truncated table", "corrupt manifest", "no manifest", "old schema"],
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
                                          "places", "rejects", "reuse", "duplicates"]}
    places = pd.read_csv(tmp_path / "csv" / "places.csv")
    assert places.loc[0, "name"] == "Moscow"
