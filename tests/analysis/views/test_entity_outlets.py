"""Each entity's mentions per outlet, and the entity views added up from them, on the hand-made
build of tests/fixtures/sample_tables.py with its articles of unknown outlet."""

import dataclasses

import pandas as pd

from analysis.tables import conform
from analysis.views import Filters, entities
from analysis.views import entity_outlets as counted
from tests.fixtures.sample_tables import sample_tables


def mixed_tables():
    """Two outlets in one group, two sources of unknown outlet, and an article with none."""
    tables = sample_tables(unknown=True)
    articles = tables.articles.copy()
    articles.loc[articles["article_id"] == "a4", "outlet"] = pd.NA
    groups = pd.DataFrame({"outlet": ["Alpha News", "Beta Wire", "Gamma Post"],
                           "group": ["left", "left", ""], "group_from": "metadata",
                           "country": "", "kind": ""})
    return dataclasses.replace(tables, articles=articles, groups=conform(groups, "groups"))


def test_the_counts_hold_each_entitys_mentions_per_outlet():
    counts = counted.entity_outlet_counts(mixed_tables(), Filters())
    rows = counts.assign(entity_id=counts["entity_id"].astype(str),
                         outlet=counts["outlet"].astype("string"))
    li = rows[rows["entity_id"] == "E_li"]
    assert dict(zip(li["outlet"], li["n_mentions"], strict=True)) == {"Alpha News": 3,
                                                                     "Beta Wire": 1}
    minsk = rows[rows["entity_id"] == "E_minsk"]
    assert minsk["outlet"].isna().sum() == 1  # a4, without an outlet
    assert set(minsk.loc[minsk["unknown"], "outlet"]) == {"unknown: notes.txt"}


def test_every_choice_of_outlets_adds_up_to_counting_only_theirs():
    tables = mixed_tables()
    outlets = tables.articles["outlet"].dropna().unique().tolist()
    choices = [(), *[(outlet,) for outlet in outlets], ("Alpha News", "Gamma Post"),
               tuple(outlets)]
    for options in [{}, {"compare_by": "group"}, {"unknown_outlets": True},
                    {"labels": ("GPE",)}]:
        counts = counted.entity_outlet_counts(tables, Filters(**options))
        for chosen in choices:
            filters = Filters(outlets=chosen, **options)
            pd.testing.assert_frame_equal(
                counted.most_named_of(tables, counts, filters, top=3),
                entities.most_named(tables, filters, top=3))
            for rank_by in entities.RANKINGS:
                pd.testing.assert_frame_equal(
                    counted.top_entities_of(tables, counts, filters, top=3, rank_by=rank_by,
                                            shown=1),
                    entities.top_entities_by_outlet(tables, filters, top=3, rank_by=rank_by,
                                                    shown=1))


def test_the_entity_list_counts_unknown_sources_and_the_comparison_leaves_them_out():
    tables = mixed_tables()
    counts = counted.entity_outlet_counts(tables, Filters())
    named = counted.most_named_of(tables, counts, Filters(), top=10).set_index("name")
    assert named.loc["Shoigu", "n_mentions"] == 2  # Beta Wire's, and u2's of unknown outlet
    compared = counted.top_entities_of(tables, counts, Filters(), top=10)
    assert not compared["outlet"].str.startswith("unknown").any()
    assert compared.loc[compared["name"] == "Shoigu", "total_mentions"].iloc[0] == 1
