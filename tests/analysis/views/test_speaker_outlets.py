"""Quotes per source by speaker and by kind, and the source views added up from them, on the
hand-made build of tests/fixtures/sample_tables.py with more quotes: in three outlets, two
sources of unknown outlet and an article without one."""

import dataclasses

import pandas as pd

from analysis.tables import conform
from analysis.views import Filters, sources
from analysis.views import speaker_outlets as counted
from tests.fixtures.sample_tables import sample_tables

# article, speaker entity, speaker name, kind: added to the fixture's two quotes (a1: Li
# Shangfu, a2: critics, both indirect)
MORE_QUOTES = [("a3", "E_li", "Li", "direct"), ("a3", None, "Critics", "indirect"),
               ("u1", "E_li", "Li Shangfu", "direct"), ("a4", None, "critics", "mixed"),
               ("a2", None, None, "direct"), ("u2", "E_shoigu", "Shoigu", "mixed")]


def quoted_tables():
    tables = sample_tables(unknown=True)
    template = tables.quotes.iloc[0]
    added = pd.DataFrame([template.to_dict() | {
        "article_id": article, "quote_id": i + 1, "speaker_entity_id": entity,
        "speaker_name": name, "kind": kind} for i, (article, entity, name, kind)
        in enumerate(MORE_QUOTES)])
    articles = tables.articles.copy()
    articles.loc[articles["article_id"] == "a4", "outlet"] = pd.NA
    groups = pd.DataFrame({"outlet": ["Alpha News", "Beta Wire", "Gamma Post"],
                           "group": ["left", "left", ""], "group_from": "metadata",
                           "country": "", "kind": ""})
    return dataclasses.replace(
        tables, articles=articles, groups=conform(groups, "groups"),
        quotes=conform(pd.concat([tables.quotes, added], ignore_index=True), "quotes"))


def test_every_choice_of_outlets_adds_up_to_counting_only_theirs():
    tables = quoted_tables()
    outlets = tables.articles["outlet"].dropna().unique().tolist()
    choices = [(), *[(outlet,) for outlet in outlets], ("Alpha News", "Beta Wire"),
               tuple(outlets)]
    for options in [{}, {"compare_by": "group"}, {"unknown_outlets": True}]:
        kind_counts = counted.kind_outlet_counts(tables, Filters(**options))
        for kinds in [(), ("direct",)]:
            speaker_counts = counted.speaker_outlet_counts(tables, Filters(**options),
                                                           kinds=kinds)
            for chosen in choices:
                filters = Filters(outlets=chosen, **options)
                for top, shown in [(15, None), (1, 1)]:
                    pd.testing.assert_frame_equal(
                        counted.speakers_of(tables, speaker_counts, filters, top=top,
                                            shown=shown),
                        sources.speakers_by_outlet(tables, filters, top=top, kinds=kinds,
                                                   shown=shown))
                    pd.testing.assert_frame_equal(
                        counted.quotes_by_kind_of(tables, kind_counts, filters, shown=shown),
                        sources.quotes_by_kind(tables, filters, shown=shown))


def test_a_speaker_is_named_as_most_of_its_quotes_name_it_over_every_outlet_chosen():
    tables = quoted_tables()
    counts = counted.speaker_outlet_counts(tables, Filters(unknown_outlets=True))
    every = counted.speakers_of(tables, counts, Filters(unknown_outlets=True))
    li = every[every["speaker_key"] == "E_li"]
    assert set(li["speaker"]) == {"Li Shangfu"}  # twice "Li Shangfu", once "Li"
    assert dict(zip(li["outlet"], li["n_quotes"], strict=True)) == {
        "Alpha News": 1, "Beta Wire": 1, "unknown: notes.txt": 1}
    beta = counted.speakers_of(tables, counts, Filters(outlets=("Beta Wire",),
                                                       unknown_outlets=True))
    assert beta.set_index("speaker_key").loc["E_li", "speaker"] == "Li"
    # the critics of a2, a3 and a4 are one speaker; a4 has no outlet to be counted under
    critics = every[every["speaker_key"] == "name:critics"]
    assert critics["total_quotes"].iloc[0] == 3
    assert critics["n_quotes"].sum() == 2
