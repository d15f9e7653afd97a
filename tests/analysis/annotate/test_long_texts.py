"""Long articles reach spaCy in parts and come back whole: offsets into the whole text,
sentence ids running on, mentions from every part."""

from analysis.annotate import annotate_texts
from analysis.annotate.worker import PART_CHARS, text_parts
from tests.fixtures.paths import DEFAULT_CORPUS


def test_text_parts_cut_at_paragraphs_and_cover_the_text():
    paragraph = ("Officials met in Minsk and Moscow. " * 40).strip()
    text = "\n\n".join([paragraph] * 200)
    parts = text_parts(text, limit=10_000)
    assert "".join(part for _, part in parts) == text
    assert all(len(part) <= 10_000 for _, part in parts)
    assert all(part.endswith("\n\n") for _, part in parts[:-1])  # at paragraph breaks
    assert [offset for offset, _ in parts] == [sum(len(p) for _, p in parts[:i])
                                               for i in range(len(parts))]
    unbroken = "x" * 25_000  # no place to cut: cut at the limit
    assert [len(p) for _, p in text_parts(unbroken, limit=10_000)] == [10_000, 10_000, 5_000]


def test_a_long_article_comes_back_as_one_with_offsets_into_it(models):
    story = sorted(DEFAULT_CORPUS.glob("00*.txt"))[2].read_text(encoding="utf-8")
    text = "\n\n".join([story] * (2 * PART_CHARS // len(story) + 2))  # three parts or more
    assert len(text_parts(text)) >= 3
    records = annotate_texts([("long", text)], models=models)
    sentences = records.sentences.to_pandas()
    mentions = records.mentions.to_pandas()
    assert list(sentences["sentence_id"]) == list(range(len(sentences)))
    assert (sentences["start"].diff().dropna() > 0).all()
    for row in sentences.itertuples():
        assert text[row.start:row.end] == row.text
    for row in mentions.itertuples():
        assert text[row.start:row.end] == row.text
        sentence = sentences.iloc[row.sentence_id]
        assert sentence.start <= row.start < sentence.end
    assert mentions["start"].max() > 2 * PART_CHARS  # the last part's names are there too
    alone = annotate_texts([("story", story)], models=models).mentions.to_pandas()
    first = mentions[mentions["start"] < len(story)]
    assert list(first["text"]) == list(alone["text"])  # the first copy reads as on its own


def test_a_text_without_punctuation_still_scores(models):
    text = " ".join(["minister visited border region talks continued"] * 5_000)
    records = annotate_texts([("flat", text)], models=models)
    sentences = records.sentences.to_pandas()
    assert sentences["tone"].between(-1, 1).all()
    assert sentences["end"].max() == len(text)
