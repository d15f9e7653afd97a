import numpy as np
import pandas as pd
import pytest

from analysis.entities import canonicalise, load_aliases, normalise_name, strip_titles
from analysis.tables import check


def mentions_frame(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text", "label"])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the Global Times", "Global Times"),
        ("Li Shangfu’s", "Li Shangfu"),
        ("Li Shangfu's", "Li Shangfu"),
        ("  Xi \n Jinping ", "Xi Jinping"),
        ("“Kremlin”", "Kremlin"),
        ("The Hague", "Hague"),
    ],
)
def test_normalise_name(raw, expected):
    assert normalise_name(raw) == expected


def test_strip_titles_keeps_the_name():
    assert strip_titles("Defence Minister Li Shangfu") == "Li Shangfu"
    assert strip_titles("President Vladimir Putin") == "Vladimir Putin"
    assert strip_titles("President") == "President"


def test_one_person_from_many_spellings():
    mentions = mentions_frame(
        [
            ("a1", 0, "Minister Li Shangfu", "PERSON"),
            ("a1", 1, "Li", "PERSON"),
            ("a1", 2, "Shangfu", "ORG"),
            ("a1", 3, "Li Shangfu’s", "PERSON"),
            ("a2", 0, "Li Shangfu", "PERSON"),
            ("a2", 1, "the Global Times", "ORG"),
            ("a3", 0, "Global Times", "ORG"),
            ("a3", 1, "Lukashenko", "PERSON"),
            ("a4", 0, "Alexander Lukashenko", "PERSON"),
        ]
    )
    outlets = pd.Series({"a1": "X", "a2": "Y", "a3": "Y", "a4": "Z"})
    ids, entities, _ = canonicalise(mentions, outlets=outlets)
    assert check(entities, "entities") == []
    assert ids.iloc[:5].nunique() == 1  # every Li Shangfu spelling, across two articles
    li = entities.set_index("entity_id").loc[ids.iloc[0]]
    assert li["name"] == "Li Shangfu"
    assert li["label"] == "PERSON"
    assert (li["n_mentions"], li["n_articles"], li["n_outlets"]) == (5, 2, 2)
    assert ids.iloc[5] == ids.iloc[6]  # the Global Times == Global Times
    # "Lukashenko" alone in a3 is the one corpus person ending with that word
    assert ids.iloc[7] == ids.iloc[8]
    assert len(entities) == 3


def test_ambiguous_surname_stays_apart():
    mentions = mentions_frame(
        [
            ("a1", 0, "Wang Yi", "PERSON"),
            ("a1", 1, "Wang Wenbin", "PERSON"),
            ("a1", 2, "Wang", "PERSON"),
        ]
    )
    ids, entities, _ = canonicalise(mentions, outlets=pd.Series({"a1": "X"}))
    assert ids.nunique() == 3
    assert "Wang" in set(entities["name"])


def test_alias_file_merges_spelling_variants(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("# comment\nalias,canonical\nSergey Shoigu,Sergei Shoigu\n")
    aliases = load_aliases(path)
    mentions = mentions_frame(
        [("a1", 0, "Sergey Shoigu", "PERSON"), ("a2", 0, "Sergei Shoigu", "PERSON")]
    )
    ids, entities, _ = canonicalise(mentions, outlets=pd.Series({"a1": "X", "a2": "Y"}),
                                 aliases=aliases)
    assert ids.nunique() == 1
    assert entities.iloc[0]["name"] == "Sergei Shoigu"
    assert entities.iloc[0]["aliases"] == "Sergey Shoigu"


def test_missing_alias_file_means_no_merges(tmp_path):
    assert load_aliases(tmp_path / "absent.csv") == {}


def test_majority_label_wins():
    mentions = mentions_frame(
        [
            ("a1", 0, "Kremlin", "ORG"),
            ("a1", 1, "Kremlin", "ORG"),
            ("a2", 0, "Kremlin", "FAC"),
        ]
    )
    _, entities, _ = canonicalise(mentions, outlets=pd.Series({"a1": "X", "a2": "Y"}))
    assert entities.iloc[0]["label"] == "ORG"


def test_no_mentions_gives_empty_table():
    ids, entities, _ = canonicalise(mentions_frame([]), outlets=pd.Series(dtype="string"))
    assert ids.empty
    assert check(entities, "entities") == []


def test_mentions_of_one_place_are_one_entity():
    mentions = mentions_frame(
        [("a1", 0, "US", "GPE"), ("a2", 0, "United States", "GPE"), ("a2", 1, "Georgia", "GPE")]
    )
    mentions["place_id"] = pd.array([6252001, 6252001, 614540], dtype="Int64")
    place_names = pd.Series({6252001: "United States", 614540: "Georgia"})
    ids, entities, _ = canonicalise(mentions, outlets=pd.Series({"a1": "X", "a2": "Y"}),
                                 place_names=place_names)
    assert ids.iloc[0] == ids.iloc[1] != ids.iloc[2]
    us = entities.set_index("entity_id").loc[ids.iloc[0]]
    assert (us["name"], us["aliases"], us["n_outlets"]) == ("United States", "US", 2)


def test_a_surname_goes_to_the_one_full_name_of_the_corpus_and_the_merge_is_listed():
    mentions = mentions_frame(
        [
            ("a1", 0, "Barack Obama", "PERSON"),
            ("a1", 1, "Boris Johnson", "PERSON"),
            ("a2", 0, "Obama", "PERSON"),  # no full name in a2: the corpus's one Obama
            ("a3", 0, "Obama", "PERSON"),
            ("a3", 1, "Mike Johnson", "PERSON"),
            ("a4", 0, "Johnson", "PERSON"),  # two Johnsons in the corpus: left alone
            ("a4", 1, "Johnson", "PERSON"),
        ]
    )
    outlets = pd.Series({"a1": "X", "a2": "Y", "a3": "Y", "a4": "Z"})
    ids, entities, merges = canonicalise(mentions, outlets=outlets)
    assert ids.iloc[0] == ids.iloc[2] == ids.iloc[3]
    obama = entities.set_index("entity_id").loc[ids.iloc[0]]
    assert (obama["name"], obama["n_mentions"], obama["n_articles"]) == ("Barack Obama", 3, 3)
    assert len({ids.iloc[1], ids.iloc[4], ids.iloc[5]}) == 3
    assert ids.iloc[5] == ids.iloc[6]
    assert "Johnson" in set(entities["name"])
    assert check(merges, "merges") == []
    listed = merges.set_index("alias")
    assert listed.at["Obama", "name"] == "Barack Obama"
    assert "corpus" in listed.at["Obama", "rule"]
    assert listed.at["Obama", "n_mentions"] == 2
    assert "Johnson" not in listed.index


def test_mentions_that_do_not_count_are_left_out_of_the_entity_counts():
    mentions = mentions_frame(
        [("a1", 0, "Reuters", "ORG"), ("a1", 3, "Reuters", "ORG"), ("a2", 0, "Reuters", "ORG")]
    )
    counted = np.array([False, True, True])  # the first is a1's own sign-off
    _, entities, _ = canonicalise(mentions, outlets=pd.Series({"a1": "X", "a2": "Y"}),
                                  counted=counted)
    assert entities.iloc[0][["n_mentions", "n_articles", "n_outlets"]].tolist() == [2, 2, 2]
