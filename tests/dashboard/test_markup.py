"""HTML for article text: escaped first, then highlighted."""

from analysis.views import Filters, evidence
from dashboard import markup
from tests.fixtures.sample_tables import MOSCOW

ALL = Filters()


def test_highlight_html_escapes_text_before_marking():
    text = 'Moscow hosted <b>Shoigu</b> & "co".'
    html = markup.highlight_html(text, [markup.Span(0, 6, "GPE"), markup.Span(17, 23, "PERSON")])
    assert "<b>" not in html
    assert "&lt;b&gt;<mark" in html and "Shoigu</mark>&lt;/b&gt;" in html
    assert "&amp; &quot;co&quot;" in html
    assert html.count("<mark") == 2
    assert html.startswith('<mark style="background:#c6efc0')  # GPE colour


def test_highlight_html_escapes_inside_marks_and_titles():
    html = markup.highlight_html("<script>x</script>", [markup.Span(0, 8, "ORG", '"><img>')])
    assert "<script>" not in html and "<img>" not in html
    assert "&lt;script&gt;</mark>" in html


def test_highlight_html_skips_overlaps_and_out_of_range_spans():
    html = markup.highlight_html("abcdef", [markup.Span(0, 4), markup.Span(2, 6),
                                            markup.Span(9, 12)])
    assert html.count("<mark") == 2  # the overlap is cut to 4..6, the stray span dropped
    assert html.endswith(">ef</mark>")


def test_evidence_html_marks_the_place(tables):
    rows = evidence.place_sentences(tables, ALL, place_id=MOSCOW)
    html = markup.evidence_html(rows)
    assert html.count(">Moscow</mark>") == 2
    assert "&lt;b&gt;Shoigu&lt;/b&gt;" in html
    assert "Beta Wire" in html and "tone +0.30" in html


def test_article_html_shows_every_sentence_tone_and_entity(tables):
    article = tables.articles.set_index("article_id").loc["a3"]
    html = markup.article_html(article["text"],
                               evidence.article_sentences(tables, ALL, article_id="a3"),
                               evidence.article_mentions(tables, ALL, article_id="a3"))
    assert "+0.30" in html and "-0.10" in html
    assert html.count("<mark") == 3
    assert 'title="PERSON: Shoigu"' in html
    assert "<b>" not in html


def test_escape_shows_markup_as_text():
    assert markup.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_legend_explains_label_names_in_words():
    html = markup.legend_html(["NORP", "FAC", "WORK_OF_ART"])
    assert "NORP</mark> nationalities, religious and political groups" in html
    assert "FAC</mark> buildings, airports" in html
    assert "WORK_OF_ART</mark>" in html  # an unexplained label still shows, without words
