"""Quotation marks of every style paired into quotations."""

import pytest

from analysis.sources.marks import quotations


def quoted(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.parts] for q in quotations(text)]


@pytest.mark.parametrize("text", [
    'He said "we will win the vote" on Monday.',
    "He said “we will win the vote” on Monday.",
    "He said ‘we will win the vote’ on Monday.",
    "He said 'we will win the vote' on Monday.",
    "He said «we will win the vote» on Monday.",
    "He said „we will win the vote“ on Monday.".replace("“", "”"),
    'He said "we will win the vote” on Monday.',  # mixed straight and curly
])
def test_every_style_of_mark(text):
    assert quoted(text) == [["we will win the vote"]]


def test_apostrophes_are_not_quotation_marks():
    text = "Li’s trip and the leaders' talks don't change ‘the plan’, officials said."
    assert quoted(text) == [["the plan"]]


def test_a_quotation_over_paragraphs_is_one_with_a_part_per_paragraph():
    text = ("“The first paragraph of the statement runs on.\n\n"
            "“And the second one ends it,” she said.\n\nNext “topic”.")
    assert quoted(text) == [["The first paragraph of the statement runs on.",
                             "And the second one ends it,"], ["topic"]]


def test_a_quotation_left_open_ends_with_its_paragraph():
    assert quoted("He wrote: “Nothing will stop us now\n\nA new paragraph.") == [
        ["Nothing will stop us now"]]


def test_a_nested_quotation_is_left_to_the_outer_one():
    text = "“China has never ‘owned’ North Korea,” said Zhang."
    assert quoted(text) == [["China has never ‘owned’ North Korea,"]]


def test_marks_glued_to_words_in_text_that_lost_its_spaces():
    text = 'imminent."We have been told," a source said."We have many scares."'
    assert quoted(text) == [["We have been told,"], ["We have many scares."]]
