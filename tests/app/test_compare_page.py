"""The Compare page through AppTest on the default corpus: distinctive terms open to their
sentences, two outlets against each other, the timeline, and Compare by: group."""

from dashboard import session
from tests.fixtures.apptest import (
    assert_download_matches,
    figure,
    open_page,
    open_tab,
    table,
    tables_shown,
)
from tests.fixtures.paths import KNOWN_OUTLETS


def test_distinctive_terms_open_to_their_sentences(app):
    at = open_page(app, "pages/compare.py")
    assert [t.value for t in at.title] == ["Compare"]
    terms = table(at, session.COMPARE_TERMS)
    assert set(terms["group"]) == KNOWN_OUTLETS  # the unknown sources are left out
    assert_download_matches(at, session.COMPARE_TERMS)
    bars, _ = figure(at, session.COMPARE_BARS)
    assert sorted(a["text"] for a in bars["layout"]["annotations"]) == sorted(KNOWN_OUTLETS)

    word = terms[terms["kind"] == "word"].iloc[0]
    at.selectbox(key=session.COMPARE_TERM).set_value(word["term"]).run()
    assert not at.exception
    sentences = table(at, session.COMPARE_TERM_SENTENCES)
    assert len(sentences) >= word["sentences"]
    assert sentences["sentence"].str.lower().str.contains(word["term"]).all()


def test_only_the_open_tab_is_computed(app):
    at = open_page(app, "pages/compare.py")
    assert at.session_state[session.COMPARE_TAB] == "Distinctive terms"
    assert session.COMPARE_TERMS in tables_shown(at)
    assert session.COMPARE_PAIRS not in tables_shown(at)  # the other tabs wait to be opened
    open_tab(at, session.COMPARE_TAB, "Over time")
    assert session.COMPARE_TONE in tables_shown(at)
    assert session.COMPARE_TERMS not in tables_shown(at)


def test_two_outlets_against_each_other_and_over_time(app):
    at = open_page(app, "pages/compare.py")
    open_tab(at, session.COMPARE_TAB, "Two against each other")
    pairs = table(at, session.COMPARE_PAIRS)
    assert not pairs.empty
    first = at.selectbox(key=session.COMPARE_FIRST).value
    # z > 0: the first outlet's words, used there more than in the second
    mine = pairs[pairs["z"] > 0]
    assert (mine["share_first"] > mine["share_second"]).all()
    assert_download_matches(at, session.COMPARE_PAIRS)
    assert first in KNOWN_OUTLETS

    open_tab(at, session.COMPARE_TAB, "Over time")

    # the known outlets' articles carry no date: counted apart, not on the time axis
    undated = table(at, session.COMPARE_UNDATED)
    assert set(undated["outlet"]) == KNOWN_OUTLETS
    at.sidebar.toggle(key=session.SIDEBAR_UNKNOWN).set_value(True).run()
    articles = table(at, session.COMPARE_ARTICLES)
    dated = articles[articles["articles"] > 0]
    assert len(dated) == 1 and dated["outlet"].iloc[0].startswith("unknown: 000_")
    assert_download_matches(at, session.COMPARE_ARTICLES)
    tone = table(at, session.COMPARE_TONE)
    assert tone["mean"].dropna().between(-1, 1).all() and tone["too_few"].all()
    at.selectbox(key=session.COMPARE_ENTITY).select_index(1).run()
    assert not at.exception
    assert table(at, session.COMPARE_MENTIONS)["outlet"].tolist() == dated["outlet"].tolist()


def test_compare_by_group_keeps_ungrouped_outlets_apart(app):
    at = open_page(app, "pages/compare.py")
    at.sidebar.radio(key=session.SIDEBAR_COMPARE_BY).set_value("group").run()
    assert not at.exception
    # data/outlets.csv gives the default corpus's outlets no group: each stands alone
    assert set(table(at, session.COMPARE_TERMS)["group"]) == KNOWN_OUTLETS


def test_naming_compares_the_words_around_an_entity_with_their_sentences(app):
    at = open_page(app, "pages/compare.py")
    open_tab(at, session.COMPARE_TAB, "Naming")
    at.selectbox(key=session.COMPARE_NAMING_ENTITY).select_index(1).run()
    assert not at.exception
    around = table(at, session.COMPARE_NAMING)
    assert not around.empty and set(around["group"]) <= KNOWN_OUTLETS
    assert_download_matches(at, session.COMPARE_NAMING)
    word = around[around["kind"] == "word"].iloc[0]["term"]
    at.selectbox(key=session.COMPARE_NAMING_TERM).set_value(word).run()
    assert not at.exception
    sentences = table(at, session.COMPARE_NAMING_SENTENCES)
    assert sentences["sentence"].str.lower().str.contains(word).all()
    assert len(sentences) >= 1
