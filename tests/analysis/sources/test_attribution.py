"""Attributions in small texts, through the real model: every quote style, split and
multi-paragraph quotes, indirect and mixed speech, nested attributions, speakers resolved or
kept as written, and quotation marks that are no quote."""

import pandas as pd
import pytest

from tests.fixtures.quotes import quotes_of, said

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("text", [
    '"We will win the vote in the autumn," Senator Jane Miller said on Monday.',
    "“We will win the vote in the autumn,” Senator Jane Miller said on Monday.",
    "‘We will win the vote in the autumn,’ Senator Jane Miller said on Monday.",
    "'We will win the vote in the autumn,' Senator Jane Miller said on Monday.",
    "«We will win the vote in the autumn,» Senator Jane Miller said on Monday.",
    'Senator Jane Miller said on Monday: "We will win the vote in the autumn."',
    '"We will win the vote in the autumn," said Senator Jane Miller, who leads the group.',
])
def test_a_direct_quote_in_every_style_of_mark(models, text):
    (kind, content, speaker, cue), = said(quotes_of(models, text))
    assert (kind, speaker, cue) == ("direct", "Jane Miller", "said")
    assert content.rstrip(",.") == "We will win the vote in the autumn"


def test_a_quote_split_by_its_attribution_is_one_quote_in_two_parts(models):
    quotes = quotes_of(models, "Foreign Minister Sergei Lavrov met the envoys in Geneva.\n\n"
                       "“The talks were useful,” Lavrov said, “but much remains to be done.”")
    (kind, content, speaker, cue), = said(quotes)
    assert (kind, speaker, cue) == ("direct", "Sergei Lavrov", "said")
    assert content == "The talks were useful, … but much remains to be done."
    assert len(quotes["parts"].iloc[0].split()) == 2


def test_a_quote_over_two_paragraphs_is_one_quote(models):
    text = ("Prime Minister Anna Berg spoke after the vote.\n\n"
            "“We did what we promised to do for the farmers of the north.\n\n"
            "“And we will keep doing it until the work is finished,” Berg said.")
    (kind, content, speaker, _), = said(quotes_of(models, text))
    assert (kind, speaker) == ("direct", "Anna Berg")
    assert content.startswith("We did what we promised") and content.endswith("finished,")


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), [
    ("The World Bank said that growth in the region would slow sharply next year.",
     "growth in the region would slow sharply next year", "World Bank", "said"),
    ("Wang Xianju told the Global Times that the main purpose of the visit is to promote peace.",
     "the main purpose of the visit is to promote peace", "Wang Xianju", "told"),
    ("According to Reuters, the talks between the two delegations collapsed on Friday evening.",
     "the talks between the two delegations collapsed on Friday evening", "Reuters",
     "According to"),
    ("The talks between the two delegations collapsed on Friday, according to Reuters.",
     "The talks between the two delegations collapsed on Friday", "Reuters", "according to"),
    ("Prices will rise much further over the next year, the Bank of England warned.",
     "Prices will rise much further over the next year", "Bank of England", "warned"),
    ("The harvest will be the smallest in a decade, the ministry noted.",
     "The harvest will be the smallest in a decade", "the ministry", "noted"),
    ("Moscow accused Kyiv of shelling the nuclear plant overnight.",
     "Kyiv of shelling the nuclear plant overnight", "Moscow", "accused"),
    ("Gazprom's statement said the pipeline would stay closed until the repairs are done.",
     "the pipeline would stay closed until the repairs are done", "Gazprom", "said"),
    ("The company has claimed that its new engine cuts fuel use by a third.",
     "its new engine cuts fuel use by a third", "the company", "claimed"),
])
def test_indirect_speech(models, text, content, speaker, cue):
    (kind, found, who, word), = said(quotes_of(models, text))
    assert (kind, found, word) == ("indirect", content, cue)
    assert who.lower() == speaker.lower()


def test_mixed_speech_holds_quoted_words(models):
    text = ('China’s foreign ministry spokesperson Wang Wenbin said Chinese and Russian leaders '
            '“have maintained strategic communication”.')
    (kind, content, speaker, _), = said(quotes_of(models, text))
    assert (kind, speaker) == ("mixed", "Wang Wenbin")
    assert content == "Chinese and Russian leaders “have maintained strategic communication”"


def test_nested_attributions_name_the_original_speaker_and_the_relay(models):
    quotes = quotes_of(models,
                       "The agency said the plant had been damaged, citing a senior official.",
                       "Three drones were shot down over the region, TASS said, quoting the "
                       "defence ministry.")
    assert list(quotes["speaker_name"]) == ["a senior official", "the defence ministry"]
    assert list(quotes["via_text"]) == ["The agency", "TASS"]
    (quote,) = quotes_of(models, "Interfax reported, quoting the emergencies ministry, that "
                         "the fire had been put out by the morning.").itertuples()
    assert (quote.text, quote.via_text) == ("the fire had been put out by the morning",
                                            "Interfax")
    assert quote.speaker_name.removeprefix("the ") == "emergencies ministry"


def test_he_said_is_the_person_who_spoke_before(models):
    quotes = quotes_of(models, "Foreign Minister Wang Yi met his German counterpart in Berlin. "
                       "“We are ready to talk about everything,” Wang Yi told reporters.\n\n"
                       "“There is no other way,” he said.")
    assert list(quotes["speaker_name"]) == ["Wang Yi", "Wang Yi"]
    assert list(quotes["speaker_text"]) == ["Wang Yi", "he"]
    assert list(quotes["speaker_rule"]) == ["name", "pronoun"]
    assert quotes["speaker_entity_id"].nunique() == 1


def test_a_description_is_the_named_source_it_describes(models):
    quotes = quotes_of(models, "The Ministry of Defence said the exercise would end on Friday. "
                       "The ministry added that no troops would stay behind.\n\n"
                       "The spokesperson, Colonel Wu Qian, said the drills were routine. "
                       "Later the spokesperson said more drills were planned for the spring.")
    rows = quotes.set_index("speaker_text")
    assert rows.loc["The ministry", "speaker_name"] == "Ministry of Defence"
    assert rows.loc["The ministry", "speaker_rule"] == "description"
    assert rows.loc["the spokesperson", "speaker_name"] == "Wu Qian"


def test_a_speaker_no_rule_can_resolve_stays_as_written(models):
    quotes = quotes_of(models, "“The war will end before the winter,” a senior official said.",
                       "“Nobody expected it,” he said.")
    assert list(quotes["speaker_name"]) == ["a senior official", "he"]
    assert quotes["speaker_entity_id"].isna().all()
    assert list(quotes["speaker_rule"]) == ["unresolved", "unresolved"]


def test_titles_and_scare_quotes_are_no_quotes(models):
    quotes = quotes_of(models, 'She read "War and Peace" twice last year before the election.',
                       'The so-called "peace plan" was drafted in a hurry by the committee.')
    assert quotes.empty


def test_every_row_points_at_its_words(models):
    text = ("“It heads to target like a meteorite,” Russian President Vladimir Putin said. "
            "He added that the missile was already in service.")
    quotes = quotes_of(models, text)
    for quote in quotes.itertuples(index=False):
        assert text[quote.speaker_start:quote.speaker_end] == quote.speaker_text
        assert text[quote.cue_start:quote.cue_end] == quote.cue
        assert quote.text.startswith(text[quote.start:quote.start + 10])
        assert not pd.isna(quote.tone)
    assert list(quotes["speaker_name"]) == ["Vladimir Putin", "Vladimir Putin"]
