"""Rewritten sentences: an article that says another's sentences again in other words, in the
same order, is flagged `rewritten`; one similar sentence alone is not."""

import pandas as pd

from analysis.reuse import find_reuse
from tests.fixtures.reuse import articles, segments, spans, story

SHARED = ("Officials said the new grain corridor would reopen on Friday after three weeks of "
          "talks between the two governments, and that the first ships were already waiting.")
# (sentence, entities it names) of the source, and the same said in other words
SOURCE = [
    ("Mayor Anna Berg opened the Harbour Bridge in Tallinn on Monday after six years of "
     "construction.", {"E_berg", "E_tallinn"}),
    ("The bridge cost 240 million euros, paid mostly by the European Union and the city of "
     "Tallinn.", {"E_eu", "E_tallinn"}),
    ("Critics in the Estonian parliament said the route would flood the old town with "
     "traffic.", {"E_parliament"}),
]
REWRITTEN = [
    "After six years of construction, Tallinn's Harbour Bridge was opened Monday by Mayor "
    "Anna Berg.",
    "Most of the 240 million euros the bridge cost came from the European Union and Tallinn "
    "itself.",
    "That route will flood the old town with cars, critics in the Estonian parliament warned.",
]


def corpus(rewritten: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Articles, sentences and mentions of a source and a later article rewriting it."""
    source_body = [SHARED, *(sentence for sentence, _ in SOURCE)]
    texts = {"source": "\n\n".join([story(1), *source_body, story(2)]),
             "copy": "\n\n".join([story(3), SHARED, *rewritten, story(4)])}
    table = articles([("source", "Harbour Times", "2024-05-06", texts["source"]),
                      ("copy", "Content Farm", "2024-05-07", texts["copy"])])
    sentences, mentions = [], []
    for aid, body in (("source", source_body), ("copy", [SHARED, *rewritten])):
        pieces = [(story(1 if aid == "source" else 3), "body"),
                  *((piece, "body") for piece in body)]
        sentences += segments(aid, texts[aid], pieces)
        for k, (_, named) in enumerate(SOURCE[:len(body) - 1]):
            mentions += [{"article_id": aid, "sentence_id": k + 2, "entity_id": e}
                         for e in named]
    return table, pd.DataFrame(sentences), pd.DataFrame(mentions)


def test_sentences_rewritten_in_order_are_flagged_after_the_verbatim_passage():
    table, sentences, mentions = corpus(REWRITTEN)
    found = find_reuse(table, sentences=sentences, mentions=mentions)
    texts = dict(zip(table["article_id"], table["text"], strict=True))
    rewritten = found[found["kind"] == "rewritten"]
    assert spans(rewritten, texts) == REWRITTEN
    assert spans(rewritten, texts, "source") == [sentence for sentence, _ in SOURCE]
    assert set(rewritten["source_id"]) == {"source"}
    assert (found["kind"] == "verbatim").sum() == 1


def test_one_similar_sentence_alone_is_not_rewriting():
    table, sentences, mentions = corpus(REWRITTEN[:1])
    found = find_reuse(table, sentences=sentences, mentions=mentions)
    assert list(found["kind"]) == ["verbatim"]
