"""find_toponyms: places spaCy missed or mislabelled, found in the article's own text, each with
the rule that found it; then resolved with the context they give."""

from __future__ import annotations

import pandas as pd

from analysis.places import find_toponyms
from tests.fixtures.places import (
    EDMONTON_ALBERTA,
    GEORGIA_STATE,
    place_of,
    placed_in_text,
)

DUBLIN_OHIO, DUBLIN_IRELAND = 5152333, 2964574
COLUMBUS_OHIO = 4509177


def test_a_dateline_in_capitals_is_a_place_and_sets_the_scene(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("COLUMBUS, Ohio — Voters in Dublin backed the school levy on Tuesday.",
         [("Dublin", "GPE")]),
        ("BEIRUT (AP) — Protesters gathered downtown on Sunday.", []),
        ("Voters in Dublin backed the levy on Tuesday.", [("Dublin", "GPE")]),
    )
    columbus = place_of(found, "COLUMBUS")
    assert (columbus["place_rule"], columbus["place_id"]) == ("dateline", COLUMBUS_OHIO)
    assert place_of(found, "Ohio")["place_rule"] == "dateline"
    # the dateline's state pulls the ambiguous town to itself, before population
    assert place_of(found, "Dublin")["place_id"] == DUBLIN_OHIO
    assert place_of(found, "Dublin", article=2)["place_id"] == DUBLIN_IRELAND
    beirut = place_of(found, "BEIRUT", article=1)
    assert (beirut["place_rule"], beirut["country_code"], beirut["kind"]) == (
        "dateline", "LB", "city")


def test_captions_in_capitals_are_no_datelines(gazetteer):
    found = placed_in_text(gazetteer, ("FILE - In this photo, a man walks home.", []))
    assert found["place_id"].isna().all()


def test_a_place_inside_an_organisation_name_is_embedded(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Officers of the Kentucky State Police met students of the University of Cincinnati.",
         [("the Kentucky State Police", "ORG"), ("the University of Cincinnati", "ORG")]),
        ("The New York Times and the Washington Post reported it.",
         [("The New York Times", "ORG"), ("the Washington Post", "ORG")]),
    )
    kentucky, cincinnati = place_of(found, "Kentucky"), place_of(found, "Cincinnati")
    assert (kentucky["place_rule"], kentucky["name"], kentucky["kind"]) == (
        "embedded", "Kentucky", "region")
    assert (cincinnati["place_rule"], cincinnati["country_code"]) == ("embedded", "US")
    # the organisation itself stays an organisation with no place
    police = place_of(found, "the Kentucky State Police")
    assert police["label"] == "ORG" and pd.isna(police["place_id"])
    # a newspaper's title says where it is published, not where the story happens
    assert found.loc[found["article_id"] == "a1", "place_id"].isna().all()


def test_spans_the_model_mislabels_are_relabelled(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Floods hit Tamil Nadu again this week.", [("Tamil Nadu", "PERSON")]),
        ("Edmonton said the roads in Edmonton would reopen.",
         [("Edmonton", "ORG")]),
        ("Barack Obama spoke; Obama said little.",
         [("Barack Obama", "PERSON"), ("Obama", "PERSON")]),
        ("Apple shares rose in the U.S. market.", [("Apple", "ORG"), ("U.S.", "GPE")]),
    )
    tamil_nadu = place_of(found, "Tamil Nadu")
    assert (tamil_nadu["label"], tamil_nadu["place_rule"], tamil_nadu["country_code"],
            tamil_nadu["kind"]) == ("GPE", "relabelled", "IN", "region")
    edmonton = place_of(found, "Edmonton", article=1)
    assert (edmonton["place_rule"], edmonton["place_id"]) == ("relabelled", EDMONTON_ALBERTA)
    assert found.loc[found["article_id"] == "a2", "place_id"].isna().all()  # a person
    assert pd.isna(place_of(found, "Apple", article=3)["place_id"])


def test_places_the_model_did_not_tag_are_found_by_name_and_cue(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Shelling went on in Aleppo. The convoy left Mosul-based depots at dawn.", []),
        ("Three farm workers in Pandi, Bulacan fell ill.", []),
        ("Social Media is no place. The media said so in March.", []),
    )
    aleppo, mosul = place_of(found, "Aleppo"), place_of(found, "Mosul")
    assert (aleppo["place_rule"], aleppo["country_code"]) == ("gazetteer", "SY")
    assert (mosul["place_rule"], mosul["country_code"]) == ("gazetteer", "IQ")
    pandi = place_of(found, "Pandi", article=1)
    assert (pandi["place_rule"], pandi["country_code"]) == ("gazetteer", "PH")
    # common words and months stay words
    assert found.loc[found["article_id"] == "a2", "place_id"].isna().all()


def test_a_local_namesake_is_pulled_to_the_articles_state(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Athens, Ga. — The council of Athens met. Georgia lawmakers and Atlanta watched.",
         [("Athens", "GPE"), ("Ga.", "GPE"), ("Georgia", "GPE"), ("Atlanta", "GPE")]),
        ("The talks in Vienna resumed. Iran, Austria and a Virginia senator took part.",
         [("Vienna", "GPE"), ("Iran", "GPE"), ("Austria", "GPE"), ("Virginia", "GPE")]),
        ("Georgia beat Alabama while Atlanta cheered.",
         [("Georgia", "GPE"), ("Atlanta", "GPE")]),
    )
    athens = place_of(found, "Athens")
    assert (athens["country_code"], athens["place_runner_up"] is not pd.NA) == ("US", True)
    assert gazetteer.place(int(athens["place_runner_up"])).country_code == "GR"
    assert 0.5 < athens["place_confidence"] <= 1.0
    # a capital keeps its name against a namesake in a state an international story names
    assert place_of(found, "Vienna", article=1)["country_code"] == "AT"
    # the state, not the country, beside its big city
    assert place_of(found, "Georgia", article=2)["place_id"] == GEORGIA_STATE


def test_state_words_make_the_state_not_its_city(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Snow fell across New York state and upstate New York.",
         [("New York", "GPE"), ("New York", "GPE")]),
    )
    assert set(found["text"]) >= {"New York state"}
    assert (found.loc[found["place_id"].notna(), "kind"] == "region").all()


def test_seas_and_areas_beyond_one_country(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Tankers crossed the Indian Ocean and the Mediterranean toward the Middle East.",
         [("the Indian Ocean", "LOC"), ("Mediterranean", "LOC"), ("the Middle East", "LOC")]),
        ("The EU and North Africa talked about the Korean Peninsula and the Atlantic.",
         [("EU", "ORG"), ("North Africa", "LOC"), ("the Korean Peninsula", "LOC"),
          ("Atlantic", "LOC")]),
        ("European and African leaders met.", [("European", "NORP"), ("African", "NORP")]),
    )
    ocean = place_of(found, "the Indian Ocean")
    assert (ocean["kind"], ocean["place_rule"], ocean["country_code"]) == ("sea", "ner", "")
    assert place_of(found, "Mediterranean")["kind"] == "sea"
    middle_east = place_of(found, "the Middle East")
    assert (middle_east["kind"], middle_east["name"]) == ("region", "Middle East")
    assert place_of(found, "North Africa", article=1)["name"] == "North Africa"
    assert place_of(found, "the Korean Peninsula", article=1)["kind"] == "region"
    assert place_of(found, "Atlantic", article=1)["kind"] == "sea"  # not Atlantic, Iowa
    # "EU" the institution stays an organisation; "in the EU" would be the place
    assert pd.isna(place_of(found, "EU", article=1)["place_id"])
    assert place_of(found, "European", article=2)["name"] == "Europe"
    assert place_of(found, "African", article=2)["name"] == "Africa"


def test_a_supranational_place_named_as_a_place(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Tariffs on steel imported into the EU rose; exports to the European Union fell.",
         [("EU", "GPE"), ("the European Union", "ORG")]),
    )
    eu = place_of(found, "EU")
    assert (eu["name"], eu["kind"], eu["place_rule"]) == ("European Union", "region", "ner")


def test_new_rows_take_the_sentence_they_start_in(gazetteer):
    text = "Talks began.\nShelling went on in Aleppo."
    mentions = pd.DataFrame(columns=["article_id", "sentence_id", "start", "end", "text",
                                     "label"]).astype({"article_id": "string",
                                                       "sentence_id": "int64",
                                                       "start": "int64", "end": "int64",
                                                       "text": "string", "label": "string"})
    sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1],
                              "start": [0, 13]})
    found = find_toponyms(mentions, {"a": text}, gazetteer=gazetteer, sentences=sentences)
    assert found[["text", "sentence_id", "place_rule"]].values.tolist() == [
        ["Aleppo", 1, "gazetteer"]]
    assert text[found["start"].iloc[0]:found["end"].iloc[0]] == "Aleppo"


def test_demonyms_still_stand_for_their_country(gazetteer):
    found = placed_in_text(gazetteer, ("A Turkish policeman fired.", [("Turkish", "NORP")]))
    turkish = place_of(found, "Turkish")
    assert (turkish["label"], turkish["place_id"], turkish["place_rule"]) == (
        "NORP", 298795, "ner")


def test_small_places_with_their_region_and_towns_that_belong_together(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Lucy was born in Churchill, Man. and flown from Churchill to Winnipeg.",
         [("Churchill", "ORG"), ("Churchill", "ORG"), ("Winnipeg", "GPE")]),
        ("Police in Edmonton and Enfield searched homes on Silver Street.",
         [("Edmonton", "GPE"), ("Enfield", "GPE")]),
        ("Mr Trump - Wisconsin and Pennsylvania - won; officials in Wisconsin recounted.",
         [("Trump - Wisconsin", "PERSON"), ("Pennsylvania", "GPE"), ("Wisconsin", "GPE")]),
    )
    churchill = place_of(found, "Churchill")
    assert (churchill["place_rule"], churchill["country_code"]) == ("relabelled", "CA")
    assert churchill["name"] == "Churchill" and abs(churchill["place_id"]) > 0
    assert gazetteer.place(int(churchill["place_id"])).population < 1_000
    # two towns whose namesakes lie side by side are those: north London, not Alberta
    assert place_of(found, "Edmonton", article=1)["country_code"] == "GB"
    assert place_of(found, "Enfield", article=1)["country_code"] == "GB"
    # a run-together list is no person whose surname would hide the state
    assert place_of(found, "Wisconsin", article=2)["kind"] == "region"


def test_areas_beyond_one_country_and_regions_after_towns(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("U.S. troops in the Middle East stayed.", [("U.S.", "GPE"), ("the Middle East", "LOC")]),
        ("Strikes hit Khan Younis, Gaza on Monday.", [("Khan Younis", "GPE"), ("Gaza", "GPE")]),
        ("A girl from Buffalo, New York fell ill.", [("Buffalo", "GPE"), ("New York", "GPE")]),
        ("Cases rose in Ohio, New York and Texas.",
         [("Ohio", "GPE"), ("New York", "GPE"), ("Texas", "GPE")]),
    )
    # not the Baltimore neighbourhood of that name, though the story names the U.S.
    assert place_of(found, "the Middle East")["kind"] == "region"
    assert place_of(found, "Gaza", article=1)["country_code"] == "PS"  # not Mozambique's
    assert place_of(found, "New York", article=2)["kind"] == "region"
    assert place_of(found, "New York", article=3)["kind"] == "region"


def test_a_capital_standing_for_its_government_moves_no_town(gazetteer):
    found = placed_in_text(
        gazetteer,
        ("Talks in Vienna went on, officials in Washington and Tehran said.",
         [("Vienna", "GPE"), ("Washington", "GPE"), ("Tehran", "GPE")]),
    )
    assert place_of(found, "Vienna")["country_code"] == "AT"  # not Vienna, Virginia
