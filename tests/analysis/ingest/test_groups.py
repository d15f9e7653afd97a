"""Outlet groups: from an upload's group column, from data/outlets.csv, and which wins."""

from __future__ import annotations

import pandas as pd

from analysis.ingest import Upload, import_uploads, load_outlets, outlet_groups
from analysis.tables import check
from tests.fixtures.inputs import article


def _csv(rows: list[tuple[str, str]], group_column: str) -> Upload:
    lines = [f"text,outlet,{group_column}"]
    lines += [f"\"{article(i)}\",{outlet},{group}" for i, (outlet, group) in enumerate(rows)]
    return Upload("groups.csv", "\n".join(lines).encode())


def test_an_allsides_bias_column_maps_to_the_group_without_a_step(tmp_path):
    upload = _csv([("Fox News", "right"), ("Reuters", "center"), ("Reuters", "center"),
                   ("Reuters", "left"), ("CNN", "left")], "bias_text")
    corpus = import_uploads([upload], tmp_path)
    # an outlet's group is what most of its articles say
    assert corpus.groups.to_dict("records") == [
        {"outlet": "CNN", "group": "left"}, {"outlet": "Fox News", "group": "right"},
        {"outlet": "Reuters", "group": "center"}]


def test_an_upload_maps_any_column_to_the_group(tmp_path):
    upload = _csv([("Xinhua", "state media"), ("AP", "wire service")], "camp")
    unmapped = import_uploads([upload], tmp_path / "a")
    assert unmapped.groups.empty
    mapped = import_uploads([upload], tmp_path / "b", columns={"groups.csv": {"group": "camp"}})
    assert dict(zip(mapped.groups["outlet"], mapped.groups["group"], strict=True)) == {
        "AP": "wire service", "Xinhua": "state media"}
    assert mapped.fingerprint != unmapped.fingerprint  # a new grouping is a new build


def test_the_outlets_file_wins_and_unknown_sources_get_no_row(tmp_path):
    listed_path = tmp_path / "outlets.csv"
    listed_path.write_text("# comment\noutlet,group,country,kind\n"
                           "Reuters,wire,United Kingdom,wire service\nCNN,,United States,\n")
    listed = load_outlets(listed_path)
    articles = pd.DataFrame({"outlet": ["Reuters", "CNN", "Fox News", "unknown: a.txt"],
                             "outlet_from": ["metadata", "metadata", "metadata", "unknown"]})
    metadata = pd.DataFrame({"outlet": ["Reuters", "CNN"], "group": ["center", "left"]})
    groups = outlet_groups(articles, metadata, listed)
    assert check(groups, "groups") == []
    assert groups.fillna("").to_dict("records") == [
        {"outlet": "CNN", "group": "left", "group_from": "metadata",
         "country": "United States", "kind": ""},
        {"outlet": "Fox News", "group": "", "group_from": "", "country": "", "kind": ""},
        {"outlet": "Reuters", "group": "wire", "group_from": "data/outlets.csv",
         "country": "United Kingdom", "kind": "wire service"}]
    assert load_outlets(tmp_path / "absent.csv").empty
