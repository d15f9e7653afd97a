"""Compare by group: the views that compare outlets compare their groups, CSVs included."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd

from analysis.tables import conform, csv_bytes
from analysis.views import Filters, corpus, entities, sources, tone
from tests.fixtures.sample_tables import sample_tables


def grouped_tables():
    groups = pd.DataFrame({"outlet": ["Alpha News", "Beta Wire", "Gamma Post"],
                           "group": ["left", "left", ""],
                           "group_from": ["metadata", "data/outlets.csv", ""],
                           "country": "", "kind": ""})
    return dataclasses.replace(sample_tables(), groups=conform(groups, "groups"))


def test_a_grouped_csv_has_one_row_per_group_and_ungrouped_outlets_stand_alone():
    tables = grouped_tables()
    by_group = Filters(compare_by="group")
    counts = corpus.outlet_counts(tables, by_group)
    rows = pd.read_csv(io.BytesIO(csv_bytes(counts)))
    assert dict(zip(rows["outlet"], rows["n_articles"], strict=True)) == {"left": 3,
                                                                          "Gamma Post": 1}
    by_outlet = corpus.outlet_counts(tables, Filters())
    assert len(by_outlet) == 3
    toned = tone.outlet_tone_view(tables, by_group)
    assert sorted(toned["outlet"]) == ["Gamma Post", "left"]
    assert toned.set_index("outlet").at["left", "n_articles"] == 3
    assert set(tone.entity_tone_matrix(tables, by_group)["outlet"]) <= {"left", "Gamma Post"}
    assert set(tone.sentence_tones(tables, by_group)["outlet"]) == {"left", "Gamma Post"}


def test_the_outlet_filter_still_picks_outlets_when_comparing_groups():
    tables = grouped_tables()
    only_beta = Filters(outlets=("Beta Wire",), compare_by="group")
    assert list(corpus.outlet_counts(tables, only_beta)["outlet"]) == ["left"]
    shares = entities.top_entities_by_outlet(tables, only_beta)
    assert set(shares["outlet"]) == {"left"}


def test_sources_compare_groups_and_an_edge_opens_its_quotes():
    tables = grouped_tables()  # both quotes are Alpha News's, in group "left"
    by_group = Filters(compare_by="group")
    speakers = sources.speakers_by_outlet(tables, by_group)
    assert set(speakers["outlet"]) == {"left"}
    edges = sources.cited_sources(tables, by_group)
    assert set(edges["outlet"]) == {"left"}
    behind = sources.citation_quotes(tables, by_group, outlet="left", source="critics")
    assert list(behind["quote"]) == ["The talks were a terrible failure"]
    assert sources.citation_quotes(tables, Filters(), outlet="left", source="critics").empty
