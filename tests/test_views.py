"""The dashboard's views on the hand-made build of tests/sample_tables.py."""

from datetime import date

import pandas as pd
import pytest

from analysis import evidence, tone, tone_views, views
from analysis.geo import country_codes
from analysis.views import Filters
from tests.sample_tables import MINSK, MOSCOW, RUSSIA

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def highlighted(rows: pd.DataFrame) -> list[list[str]]:
    """The words each evidence row highlights, read back through its offsets."""
    return [
        [sentence[start:end] for start, end in evidence.parse_highlights(spans)]
        for sentence, spans in zip(rows["sentence"], rows["highlights"], strict=True)
    ]


def test_filters_are_hashable_values():
    assert Filters(outlets=("A",)) == Filters(outlets=("A",))
    assert len({Filters(), Filters(), ALPHA}) == 2
    with pytest.raises(AttributeError):
        ALL.outlets = ("B",)


def test_corpus_counts_follow_the_filters(tables):
    counts = dict(views.corpus_counts(tables, ALL).itertuples(index=False))
    assert counts == {"articles": 4, "outlets": 3, "words": 44, "sentences": 7, "entities": 6,
                      "places": 3, "rejects": 1}
    alpha = dict(views.corpus_counts(tables, ALPHA).itertuples(index=False))
    assert (alpha["articles"], alpha["outlets"], alpha["sentences"]) == (2, 1, 4)
    assert alpha["entities"] == 5  # Shoigu is only in Beta Wire


def test_articles_view_filters_by_outlet_and_date(tables):
    assert list(views.articles_view(tables, ALL)["article_id"]) == ["a1", "a2", "a3", "a4"]
    assert list(views.articles_view(tables, ALPHA)["title"]) == ["Li visits Moscow",
                                                                  "Talks in Minsk"]
    one_day = Filters(start=date(2023, 8, 15), end=date(2023, 8, 15))
    assert list(views.articles_view(tables, one_day)["article_id"]) == ["a3"]
    # a start alone keeps later articles and drops the undated one
    since = Filters(start=date(2023, 8, 15))
    assert list(views.articles_view(tables, since)["article_id"]) == ["a2", "a3"]


def test_outlet_counts(tables):
    counts = views.outlet_counts(tables, ALL)
    assert list(counts["outlet"]) == ["Alpha News", "Beta Wire", "Gamma Post"]
    assert list(counts["n_articles"]) == [2, 1, 1]


def test_place_mentions_counts_outlets_and_tone(tables):
    places = views.place_mentions(tables, ALL).set_index("place_id")
    moscow = places.loc[MOSCOW]
    assert (moscow["n_mentions"], moscow["n_outlets"]) == (2, 2)
    assert moscow["outlets"] == "Alpha News | Beta Wire"
    assert moscow["tone"] == pytest.approx((0.0 + 0.3) / 2)
    assert places.loc[RUSSIA, "tone"] == pytest.approx(0.8)
    alpha = views.place_mentions(tables, ALPHA).set_index("place_id")
    assert alpha.loc[MOSCOW, "n_mentions"] == 1
    assert alpha.loc[MINSK, "outlets"] == "Alpha News"


def test_country_mentions_add_up_a_country_and_its_places(tables):
    countries = views.country_mentions(tables, ALL, countries=country_codes())
    russia = countries.set_index("iso3").loc["RUS"]
    assert (russia["n_mentions"], russia["n_places"]) == (3, 2)  # Moscow twice, Russia once
    # three distinct sentences: a1 s0 (0.0), a1 s1 (0.8), a3 s0 (0.3)
    assert russia["tone"] == pytest.approx((0.0 + 0.8 + 0.3) / 3)
    assert set(countries["iso3"]) == {"RUS", "BLR"}


def test_place_sentences_highlight_the_place(tables):
    rows = evidence.place_sentences(tables, ALL, place_id=MOSCOW)
    assert list(rows.columns) == evidence.EVIDENCE_COLUMNS
    assert list(rows["outlet"]) == ["Alpha News", "Beta Wire"]
    assert highlighted(rows) == [["Moscow"], ["Moscow"]]
    assert len(evidence.place_sentences(tables, ALPHA, place_id=MOSCOW)) == 1


def test_entity_sentences_highlight_every_mention(tables):
    rows = evidence.entity_sentences(tables, ALL, entity_id="E_li")
    assert len(rows) == 4
    # each sentence's targeted tone for Li beside its VADER tone
    praised = rows[rows["sentence"].str.startswith("He praised")].iloc[0]
    assert (praised["tone"], praised["entity_tone"]) == (pytest.approx(0.8), pytest.approx(0.2))
    assert all(words == ["Li Shangfu"] for words in highlighted(rows))
    assert evidence.entity_sentences(tables, ALL, entity_id="nobody").empty


def test_pair_sentences_by_window(tables):
    in_sentence = evidence.pair_sentences(tables, ALL, entity_a="E_li", entity_b="E_moscow")
    assert list(in_sentence["article_id"]) == ["a1", "a3"]
    assert sorted(highlighted(in_sentence)[0]) == ["Li Shangfu", "Moscow"]
    in_article = evidence.pair_sentences(tables, ALL, entity_a="E_li", entity_b="E_moscow",
                                         window="article")
    # a1's second sentence names Li only, but it is in an article naming both
    assert list(zip(in_article["article_id"], in_article["sentence_id"], strict=True)) == [
        ("a1", 0), ("a1", 1), ("a3", 0)]


def test_top_entities_by_outlet_split_and_label_filter(tables):
    top = views.top_entities_by_outlet(tables, ALL, top=2)
    assert list(dict.fromkeys(top["name"])) == ["Li Shangfu", "Minsk"]
    li = top[top["name"] == "Li Shangfu"]
    assert dict(zip(li["outlet"], li["n_mentions"], strict=True)) == {"Alpha News": 3,
                                                                     "Beta Wire": 1}
    assert li["n_mentions"].sum() == li["total_mentions"].iloc[0] == 4
    people = views.top_entities_by_outlet(tables, Filters(labels=("PERSON",)))
    assert set(people["label"]) == {"PERSON"}
    assert set(people["name"]) == {"Li Shangfu", "Lukashenko", "Shoigu"}


def test_cooccurrence_view_names_pairs_and_applies_the_weight(tables):
    pairs = views.cooccurrence_view(tables, ALL, measure="count", min_weight=2)
    assert list(zip(pairs["name_a"], pairs["name_b"], strict=True)) == [("Li Shangfu",
                                                                         "Moscow")]
    assert list(pairs["weight"]) == [2.0]
    pmi = views.cooccurrence_view(tables, ALL, measure="pmi", min_weight=-10)
    assert (pmi["weight"] == pmi["pmi"]).all()
    assert pmi["weight"].is_monotonic_decreasing
    by_article = views.cooccurrence_view(tables, ALL, window="article", min_weight=1)
    assert ("Li Shangfu", "Russia") in set(zip(by_article["name_a"], by_article["name_b"],
                                               strict=True))
    with pytest.raises(ValueError):
        views.cooccurrence_view(tables, ALL, measure="lift")


def test_outlet_tone_view(tables):
    tone = tone_views.outlet_tone_view(tables, ALL).set_index("outlet")
    assert tone.loc["Alpha News", "mean"] == pytest.approx((0.0 + 0.8 + 0.0 - 0.7) / 4)
    assert tone.loc["Alpha News", "ci_low"] < tone.loc["Alpha News", "mean"]
    assert pd.isna(tone.loc["Gamma Post", "ci_low"])  # one sentence: no interval
    assert list(tone_views.outlet_tone_view(tables, ALPHA)["outlet"]) == ["Alpha News"]


def test_sentence_tones_are_the_distribution_per_outlet(tables):
    tones = tone_views.sentence_tones(tables, ALPHA)
    assert list(tones.columns) == ["outlet", "tone"]
    assert sorted(tones["tone"]) == [-0.7, 0.0, 0.0, 0.8]


def test_sentence_tone_view_labels_by_vader_thresholds(tables):
    rows = tone_views.sentence_tone_view(tables, ALL)
    assert len(rows) == 7
    labels = dict(zip(rows["tone"], rows["tone_label"], strict=False))
    assert (labels[0.8], labels[-0.7], labels[0.0], labels[-0.1]) == (
        "positive", "negative", "neutral", "negative")


def test_entity_tone_matrix(tables):
    matrix = tone_views.entity_tone_matrix(tables, ALL, top=3)
    li = matrix[matrix["name"] == "Li Shangfu"].set_index("outlet")
    # the mentions' targeted tones (0.2 where the sentence's VADER tone is 0.8), not VADER's
    assert li.loc["Alpha News", "mean"] == pytest.approx((0.0 + 0.2 + 0.0) / 3)
    assert set(matrix["scorer"]) == {tone.ENTITY_SCORER}
    assert li.loc["Beta Wire", "n_sentences"] == 1
    assert matrix["name"].nunique() == 3


def test_extreme_sentences_never_show_neutral_as_extreme(tables):
    rows = tone_views.extreme_sentences(tables, ALL, n=3)
    assert "Gamma Post" not in set(rows["outlet"])  # its only sentence is neutral
    alpha = rows[rows["outlet"] == "Alpha News"]
    assert list(zip(alpha["direction"], alpha["tone"], strict=True)) == [
        ("most positive", 0.8), ("most negative", -0.7)]


def test_filtered_table_keeps_rows_behind_the_articles(tables):
    beta = Filters(outlets=("Beta Wire",))
    assert list(views.filtered_table(tables, beta, name="places")["place_id"]) == [MOSCOW]
    assert set(views.filtered_table(tables, beta, name="mentions")["article_id"]) == {"a3"}
    assert len(views.filtered_table(tables, beta, name="rejects")) == 1
    assert len(views.filtered_table(tables, ALL, name="sentences")) == 7
    with pytest.raises(ValueError):
        views.filtered_table(tables, ALL, name="secrets")


def test_article_views_respect_the_filters(tables):
    sentences = evidence.article_sentences(tables, ALL, article_id="a1")
    assert list(sentences["tone_label"]) == ["neutral", "positive"]
    mentions = evidence.article_mentions(tables, ALL, article_id="a1")
    assert list(mentions["text"]) == ["Li Shangfu", "Moscow", "Russia", "Li Shangfu"]
    assert list(mentions["place"].dropna()) == ["Moscow", "Russia"]
    beta = Filters(outlets=("Beta Wire",))
    assert evidence.article_sentences(tables, beta, article_id="a1").empty
    assert evidence.article_mentions(tables, beta, article_id="a1").empty


def test_highlights_are_each_span_once_in_order(tables):
    sentence = tables.sentences.query("article_id == 'a1' and sentence_id == 1").iloc[0]
    li = sentence["start"] + sentence["text"].index("Li Shangfu")
    russia = sentence["start"] + sentence["text"].index("Russia")
    spans = pd.DataFrame({"article_id": "a1", "sentence_id": 1,
                          "start": [li, russia, li], "end": [li + 10, russia + 6, li + 10]})
    shown = evidence.sentence_evidence(tables, spans)
    assert len(shown) == 1
    assert evidence.parse_highlights(shown.at[0, "highlights"]) == [
        (russia - sentence["start"], russia - sentence["start"] + 6),
        (li - sentence["start"], li - sentence["start"] + 10)]
    assert evidence.parse_highlights("") == []


def test_cooccurrence_view_pmi_counts_every_window_of_the_slice(tables):
    from analysis.cooccurrence import cooccurrence

    full = cooccurrence(views.scoped_mentions(tables, ALL)).set_index(["entity_a", "entity_b"])
    # only the top two entities are paired, yet PMI is the one over all sentences
    top_two = views.cooccurrence_view(tables, ALL, measure="pmi", min_weight=-10, top=2)
    assert list(zip(top_two["name_a"], top_two["name_b"], strict=True)) == [("Li Shangfu",
                                                                             "Minsk")]
    for row in top_two.itertuples():
        assert row.pmi == pytest.approx(full.loc[(row.entity_a, row.entity_b), "pmi"])
        assert row.jaccard == pytest.approx(full.loc[(row.entity_a, row.entity_b), "jaccard"])


ONE_DAY = Filters(start=date(2023, 8, 15), end=date(2023, 8, 15))  # Beta Wire's a3 only


@pytest.mark.parametrize("view, options", [
    (views.articles_view, {}),
    (views.outlet_counts, {}),
    (views.top_entities_by_outlet, {}),
    (tone_views.outlet_tone_view, {}),
    (tone_views.sentence_tone_view, {}),
    (tone_views.entity_tone_matrix, {}),
    (tone_views.extreme_sentences, {}),
    (evidence.entity_sentences, {"entity_id": "E_li"}),
    (evidence.place_sentences, {"place_id": MOSCOW}),
    (evidence.pair_sentences, {"entity_a": "E_li", "entity_b": "E_moscow"}),
])
def test_every_outlet_view_keeps_only_the_filtered_dates(tables, view, options):
    rows = view(tables, ONE_DAY, **options)
    assert set(rows["outlet"]) == {"Beta Wire"}


def test_date_filters_narrow_the_place_and_entity_views(tables):
    assert list(views.place_mentions(tables, ONE_DAY)["place_id"]) == [MOSCOW]
    assert views.country_mentions(tables, ONE_DAY, countries=country_codes())["iso3"].tolist() \
        == ["RUS"]
    assert set(views.entity_mentions(tables, ONE_DAY)["name"]) == {"Moscow", "Li Shangfu",
                                                                   "Shoigu"}
    assert set(views.cooccurrence_view(tables, ONE_DAY)["name_b"]) <= {"Moscow", "Shoigu",
                                                                       "Li Shangfu"}
    assert dict(views.corpus_counts(tables, ONE_DAY).itertuples(index=False))["articles"] == 1
