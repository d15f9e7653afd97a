"""Segments: sentences never cross a block, and headlines, datelines, captions and sign-offs
are their own segments, marked by kind. Rules alone first (spaCy's sentences given), then the
real model through annotate_texts."""

from hypothesis import given
from hypothesis import strategies as st

from analysis.annotate import annotate_texts
from analysis.annotate.segments import blocks, segment

ARTICLE = (
    "Li Shangfu flies to Minsk\n"
    "\n"
    "MINSK, Aug 17 (Reuters) - China's defence minister arrived in Belarus on Thursday. "
    "He met the president near the Polish border.\n"
    "\n"
    "Poland has moved troops to the area. Officials in Warsaw said the move was a precaution.\n"
    "[Pavel Bednyakov/Sputnik via Reuters]\n"
    "The talks went on into the evening.\n"
    "\n"
    "Source: The Associated Press"
)


def kinds_and_texts(text: str, sentences: list[tuple[int, int]]) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in segment(text, sentences)]


def test_one_sentence_over_the_whole_text_is_cut_at_every_block():
    # the statistical splitter at its worst: the whole article as one sentence
    found = kinds_and_texts(ARTICLE, [(0, len(ARTICLE))])
    assert found == [
        ("headline", "Li Shangfu flies to Minsk"),
        ("dateline", "MINSK, Aug 17 (Reuters) -"),
        ("body", "China's defence minister arrived in Belarus on Thursday. "
                 "He met the president near the Polish border."),
        ("body", "Poland has moved troops to the area. "
                 "Officials in Warsaw said the move was a precaution."),
        ("caption", "[Pavel Bednyakov/Sputnik via Reuters]"),
        ("body", "The talks went on into the evening."),
        ("signoff", "Source: The Associated Press"),
    ]


def test_the_real_model_splits_at_a_paragraph_break_and_marks_kinds(models):
    sentences = annotate_texts([("a", ARTICLE)], models=models).sentences.to_pandas()
    texts = list(sentences["text"])
    assert "He met the president near the Polish border." in texts
    assert "Poland has moved troops to the area." in texts
    assert not any("\n\n" in t for t in texts)
    kind_of = dict(zip(sentences["text"], sentences["kind"], strict=True))
    assert kind_of["Li Shangfu flies to Minsk"] == "headline"
    assert kind_of["MINSK, Aug 17 (Reuters) -"] == "dateline"
    assert kind_of["Source: The Associated Press"] == "signoff"
    assert kind_of["[Pavel Bednyakov/Sputnik via Reuters]"] == "caption"
    # the sign-off is not scored as part of the sentence before it
    assert kind_of["The talks went on into the evening."] == "body"


def test_hard_wrapped_lines_stay_one_paragraph():
    line = "word " * 14
    text = "\n".join([line.strip() + " and more"] * 5) + " end.\n\nNext paragraph here."
    found = blocks(text)
    assert len(found) == 2
    assert text[found[1][0]:found[1][1]] == "Next paragraph here."


words = st.text(alphabet="abcdefgh .,", min_size=1, max_size=40)


@given(paragraphs=st.lists(words, min_size=2, max_size=6))
def test_a_blank_line_always_splits(paragraphs):
    text = "\n\n".join(paragraphs)
    segments = segment(text, [(0, len(text))])
    for s in segments:
        assert "\n\n" not in text[s.start:s.end]
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    # nothing but whitespace is lost
    kept = "".join(text[s.start:s.end] for s in segments)
    assert kept.replace(" ", "") == "".join(text.split())
