"""Distinctive words: the log-odds statistic by hand, a term counted once per article, and the
view with its sentences on the hand-made build."""

import dataclasses
import math

import pandas as pd
import pytest

from analysis.views import Filters, distinctive


def test_log_odds_z_of_a_hand_computed_two_by_two():
    # group X uses "alpha" in 3 articles and "beta" in 1; group Y the other way round.
    counts = pd.DataFrame({"group": ["X", "X", "Y", "Y"], "term": ["alpha", "beta"] * 2,
                           "count": [3, 1, 1, 3]})
    scores = distinctive.log_odds_z(counts).set_index(["group", "term"])
    # prior = corpus counts: alpha 4, beta 4, alpha0 8; n_X = n_Y = 4.
    # X, alpha: log((3+4)/(4+8-3-4)) - log((1+4)/(4+8-1-4)) = log(7/5) - log(5/7)
    delta = math.log(7 / 5) - math.log(5 / 7)
    z = delta / math.sqrt(1 / 7 + 1 / 5)
    assert scores.loc[("X", "alpha"), "delta"] == pytest.approx(delta)
    assert scores.loc[("X", "alpha"), "z"] == pytest.approx(z)
    assert z == pytest.approx(1.1493, abs=1e-4)
    assert scores.loc[("X", "beta"), "z"] == pytest.approx(-z)
    assert scores.loc[("Y", "beta"), "z"] == pytest.approx(z)


def test_a_term_repeated_in_one_article_is_counted_once(tables):
    terms = distinctive.sentence_terms("Drones, drones and more drones over the drones depot.")
    assert ("drones", "word") in terms and ("drones depot", "bigram") in terms
    assert ("the", "word") not in terms
    per_article = distinctive.article_terms(tables, Filters())
    assert not per_article.duplicated(["article_id", "term", "kind"]).any()


def _repeat(tables, article_id, word, times):
    """The build with `word` written `times` times into a new body sentence of `article_id`."""
    sentences = tables.sentences
    last = sentences[sentences["article_id"] == article_id].iloc[-1]
    extra = last.copy()
    extra["sentence_id"] = last["sentence_id"] + 1
    extra["text"] = " ".join([word] * times) + "."
    extra["start"], extra["end"] = last["end"] + 2, last["end"] + 2 + len(extra["text"])
    grown = pd.concat([sentences, extra.to_frame().T], ignore_index=True)
    return dataclasses.replace(tables, sentences=grown.astype(sentences.dtypes.to_dict()))


def test_repeating_a_word_in_one_article_does_not_raise_its_count(tables):
    article = tables.articles["article_id"].iloc[0]
    once = distinctive.article_terms(_repeat(tables, article, "zeppelin", 1), Filters())
    often = distinctive.article_terms(_repeat(tables, article, "zeppelin", 40), Filters())
    assert (once["term"] == "zeppelin").sum() == (often["term"] == "zeppelin").sum() == 1


def test_distinctive_terms_rank_each_outlet_and_open_to_sentences(tables):
    terms = distinctive.distinctive_terms(tables, Filters(), min_articles=1)
    assert list(terms.columns) == distinctive.TERM_COLUMNS
    outlets = set(tables.articles["outlet"])
    assert set(terms["group"]) <= outlets and len(set(terms["group"])) >= 2
    for _, of_group in terms.groupby("group"):
        assert list(of_group["z"]) == sorted(of_group["z"], reverse=True)
    row = terms[terms["kind"] == "word"].iloc[0]
    evidence = distinctive.term_evidence(tables, Filters(), row["term"])
    assert not evidence.empty
    assert evidence["sentence"].str.lower().str.contains(row["term"]).all()
    first = distinctive.term_evidence(tables, Filters(), row["term"], read=0)
    assert first["sentence"].isna().all()
    assert first["sentence_id"].tolist() == evidence["sentence_id"].tolist()


def test_every_term_listed_opens_to_the_sentences_of_the_articles_it_counts(tables):
    terms = distinctive.distinctive_terms(tables, Filters(), top=30, min_articles=1)
    assert {"word", "bigram"} <= set(terms["kind"])
    for row in terms[terms["kind"] != "entity"].itertuples():
        evidence = distinctive.term_evidence(tables, Filters(), row.term)
        in_group = evidence[evidence["outlet"] == row.group]
        assert in_group["article_id"].nunique() == row.articles, row.term


def test_stored_terms_answer_as_tokenising_does_and_follow_the_filters(tables):
    from analysis.terms import term_tables
    from analysis.tone import TONE_KINDS

    body = tables.sentences[tables.sentences["kind"].isin(list(TONE_KINDS))]
    names = tables.mentions[["article_id", "sentence_id", "entity_id"]].drop_duplicates().merge(
        tables.entities[["entity_id", "name"]], on="entity_id")
    terms, used = term_tables(body.rename(columns={"text": "sentence"}), names)
    stored = dataclasses.replace(tables, terms=terms, article_terms=used)
    first = tables.articles["outlet"].iloc[0]
    for filters in [Filters(), Filters(outlets=tuple(sorted(set(tables.articles["outlet"]))))]:
        fresh = distinctive.distinctive_terms(tables, filters, min_articles=1)
        kept = distinctive.distinctive_terms(stored, filters, min_articles=1)
        assert kept[["group", "term", "articles"]].equals(fresh[["group", "term", "articles"]])
    one_outlet = distinctive.article_terms(stored, Filters(outlets=(first,)))
    ids = set(tables.articles.loc[tables.articles["outlet"] == first, "article_id"])
    assert set(one_outlet["article_id"]) <= ids


def test_two_sides_share_the_terms_each_uses_more(tables):
    pairs = distinctive.two_group_terms(tables, Filters(), first="Alpha News",
                                        second="Beta Wire", min_articles=1)
    assert list(pairs.columns) == distinctive.PAIR_COLUMNS
    assert (pairs.loc[pairs["z"] > 0, "share_first"] > pairs.loc[pairs["z"] > 0,
                                                                "share_second"]).all()
    # (at equal shares the sides' total term counts decide the sign)
    assert (pairs.loc[pairs["z"] < 0, "share_first"] <= pairs.loc[pairs["z"] < 0,
                                                                 "share_second"]).all()
    assert list(pairs["z"]) == sorted(pairs["z"], reverse=True)


def test_stored_rows_in_any_order_give_the_same_terms_and_no_articles_none(tables):
    from analysis.terms import term_tables
    from analysis.tone import TONE_KINDS

    body = tables.sentences[tables.sentences["kind"].isin(list(TONE_KINDS))]
    names = tables.mentions[["article_id", "sentence_id", "entity_id"]].drop_duplicates().merge(
        tables.entities[["entity_id", "name"]], on="entity_id")
    terms, used = term_tables(body.rename(columns={"text": "sentence"}), names)
    in_order = dataclasses.replace(tables, terms=terms,
                                   article_terms=used.sort_values(["term_id", "article_id"]))
    shuffled = dataclasses.replace(tables, terms=terms,
                                   article_terms=used.sample(frac=1.0, random_state=3))
    expected = distinctive.distinctive_terms(in_order, Filters(), min_articles=1)
    got = distinctive.distinctive_terms(shuffled, Filters(), min_articles=1)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(got, expected)
    nobody = distinctive.two_group_terms(in_order, Filters(), first="no such outlet",
                                         second="nor this one")
    assert nobody.empty and list(nobody.columns) == distinctive.PAIR_COLUMNS


def test_terms_scored_a_block_of_terms_at_a_time_are_those_scored_at_once(tables, monkeypatch):
    from analysis.terms import term_tables
    from analysis.tone import TONE_KINDS

    body = tables.sentences[tables.sentences["kind"].isin(list(TONE_KINDS))]
    no_names = pd.DataFrame({"article_id": [], "sentence_id": [], "name": []})
    terms, used = term_tables(body.rename(columns={"text": "sentence"}), no_names)
    stored = dataclasses.replace(tables, terms=terms, article_terms=used)
    at_once = distinctive.distinctive_terms(stored, Filters(), top=5, min_articles=1)
    monkeypatch.setattr(distinctive, "BLOCK_ROWS", 3)
    in_blocks = distinctive.distinctive_terms(stored, Filters(), top=5, min_articles=1)
    assert len(at_once) > 5
    pd.testing.assert_frame_equal(in_blocks, at_once)
    # the rows past the remembered ones are found again in the second pass
    monkeypatch.setattr(distinctive, "REMEMBERED_ROWS", 10)
    pd.testing.assert_frame_equal(
        distinctive.distinctive_terms(stored, Filters(), top=5, min_articles=1), at_once)
