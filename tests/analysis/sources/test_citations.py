"""Cited sources: linked to the corpus's outlets, typed, their channel, and whether the citing
article takes issue with their words."""

import pandas as pd
import pytest

from analysis.sources import outlet_key
from tests.fixtures.quotes import sources_of

pytestmark = pytest.mark.e2e


def test_outlet_names_match_however_they_are_written():
    assert outlet_key("The Associated Press") == outlet_key("Associated Press")
    assert outlet_key("the Global Times") == outlet_key("Global Times")
    assert outlet_key("CNN (Web News)") == outlet_key("CNN")
    assert outlet_key("New York Times - News") == outlet_key("The New York Times")
    assert outlet_key("Reuters") != outlet_key("Reuters Breakingviews")


def test_a_cited_agency_that_is_in_the_corpus_is_linked_to_its_outlet(models):
    _, citations = sources_of(models, [
        "The talks in Geneva collapsed on Friday evening, the Associated Press reported.",
        "The talks in Geneva collapsed, according to AP. Xinhua said the talks would resume "
        "after the holiday in the spring.",
        "Officials in Geneva said on Friday that the talks would resume in the spring."],
        outlets=["Global Times", "Al Jazeera", "Associated Press"])
    rows = citations.set_index("name")
    assert rows.loc["Associated Press", "outlet"] == "Associated Press"
    assert rows.loc["Associated Press", "source_type"] == "news outlet"
    assert set(citations.loc[citations["text"] == "AP", "outlet"]) == {"Associated Press"}
    assert rows.loc["Xinhua", "source_type"] == "news agency"  # an agency outside the corpus
    assert pd.isna(rows.loc["Xinhua", "outlet"])


def test_channels_from_the_words_around_the_cue(models):
    _, citations = sources_of(models, [
        "The ministry said in a statement that the border crossing would reopen on Monday.",
        "“We will reopen the crossing on Monday,” the minister told reporters at a briefing.",
        "Senator Jane Miller wrote on Twitter that the crossing should stay closed all winter."])
    assert list(citations["channel"]) == ["statement", "press briefing", "social media"]


def test_an_article_that_rebuts_the_words_it_quotes_disputes_its_source(models):
    _, citations = sources_of(models, [
        "Western media claimed the visit was “a show of support for the war”. It is a "
        "groundless claim: the visit was no show of support for the war at all.",
        "Officials said the visit was a routine one. The weather in the capital was fine."])
    assert list(citations["stance"]) == ["disputes", "relies"]


def test_the_rebuttal_inside_the_quoted_words_is_the_speakers_not_the_outlets(models):
    _, citations = sources_of(models, [
        "“These accusations are groundless and false,” the foreign ministry spokesperson said."])
    assert list(citations["stance"]) == ["relies"]
