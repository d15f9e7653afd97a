"""The terms table the build stores: once per article, with the sentences using each term."""

import pandas as pd

from analysis.terms import sentence_terms, term_places, term_tables


def test_each_article_term_is_one_row_counting_its_sentences():
    sentences = pd.DataFrame({
        "article_id": ["b2", "a1", "a1", "b2"],
        "sentence": ["Troops crossed the border.", "Troops crossed the river.",
                     "Troops stayed.", "Shelling continued."]})
    names = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_id": [0, 1],
                          "name": ["Kyiv", "Kyiv"]})
    terms, used = term_tables(sentences, names)
    keys = list(zip(terms["term"], terms["kind"], strict=True))
    assert keys == sorted(keys, key=lambda key: f"{key[0]}\x1f{key[1]}")  # ids alphabetical
    term_id = {term: i for i, term in zip(terms["term_id"], terms["term"], strict=True)}
    rows = {(str(a), t): n for a, t, n in zip(used["article_id"], used["term_id"],
                                              used["sentences"], strict=True)}
    assert rows[("a1", term_id["troops"])] == 2 and rows[("b2", term_id["troops"])] == 1
    assert rows[("a1", term_id["Kyiv"])] == 2 and ("b2", term_id["Kyiv"]) not in rows
    assert rows[("a1", term_id["troops crossed"])] == 1
    assert "the" not in term_id  # stop words are not terms
    # sorted by term, then article id
    order = list(zip(used["term_id"], used["article_id"].astype(str), strict=True))
    assert order == sorted(order)


def test_a_term_is_found_where_it_was_counted():
    sentence = "Get it delivered to your inbox. Trump's Bank of America warning, then a war."
    def found(term):
        return [sentence[start:end] for start, end in term_places(sentence, term)]

    # a pair of content words is counted across the stop words between them
    assert ("delivered inbox", "bigram") in sentence_terms(sentence)
    assert found("delivered inbox") == ["delivered to your inbox"]
    assert found("Bank of America") == ["Bank of America"]  # a name, as written
    assert found("war") == ["war"]  # not inside "warning"
    assert found("inbox trump") == ["inbox. Trump"]
    assert found("peace") == [] and found("") == []
