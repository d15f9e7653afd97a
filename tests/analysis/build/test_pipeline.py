"""End to end: the real model on the default corpus, through the build into a store."""

import pandas as pd
import pytest

from analysis import tone
from analysis.build import DEFAULT_CORPUS, Resources, build_store
from analysis.entities import RULES
from analysis.tables import check, load_store, read_manifest, save_store
from analysis.tone import load_scorer
from tests.fixtures.paths import KNOWN_OUTLETS, UNKNOWN_SOURCES

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def built_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("store") / "default"


@pytest.fixture(scope="module")
def built(built_dir):
    return build_store(DEFAULT_CORPUS, built_dir)


def entity(tables, name):
    rows = tables.entities[tables.entities["name"] == name]
    assert len(rows) == 1, f"{name!r}: {len(rows)} entities"
    return rows.iloc[0]


def test_tables_follow_the_contract(built):
    assert not built.cached
    for name, df in built.tables.items():
        assert check(df, name) == [], name


def test_articles_and_outlets(built):
    articles = built.tables.articles
    assert len(articles) == 5
    # three articles name no outlet: three sources, not one outlet "Unknown"
    assert set(articles["outlet"]) == KNOWN_OUTLETS | UNKNOWN_SOURCES
    assert set(articles.loc[articles["outlet"].isin(UNKNOWN_SOURCES), "outlet_from"]) == {
        "unknown"}
    assert built.tables.rejects.empty
    assert (articles["n_sentences"] > 5).all()
    assert articles["tone"].between(-1, 1).all()
    # data/outlets.csv: the known outlets with their country; the unknown sources get no row
    groups = built.tables.groups
    assert set(groups["outlet"]) == KNOWN_OUTLETS
    assert groups.set_index("outlet").at["Global Times", "country"] == "China"


def test_places_on_the_map(built):
    places = built.tables.places.set_index("place_id")
    moscow = places.loc[524901]
    assert moscow["name"] == "Moscow"
    assert moscow["lat"] == pytest.approx(55.75, abs=0.05)
    assert moscow["lon"] == pytest.approx(37.62, abs=0.05)
    assert 1816670 in places.index  # Beijing
    countries = set(places.loc[places["kind"] == "country", "name"])
    assert {"Russia", "Belarus", "China", "Ukraine", "Taiwan"} <= countries
    # a country sits at its own centroid, not at its capital
    russia = places[places["name"] == "Russia"].iloc[0]
    assert russia["lon"] > 60


def test_mentions_carry_offsets_entities_and_places(built):
    t = built.tables
    text = t.articles.set_index("article_id")["text"]
    for row in t.mentions.head(50).itertuples():
        assert text[row.article_id][row.start:row.end] == row.text
    assert set(t.mentions["entity_id"]) == set(t.entities["entity_id"])
    moscow_mentions = t.mentions[t.mentions["place_id"] == 524901]
    assert set(moscow_mentions["text"]) == {"Moscow"}
    assert len(moscow_mentions) >= 5


def test_mentions_carry_their_targeted_tone(built):
    t = built.tables
    assert t.mentions["tone"].dtype == "float64"
    assert t.mentions["tone"].notna().all()
    assert t.mentions["tone"].between(-1, 1).all()
    # the tone is the scorer's on the mention's span inside its sentence
    sample = t.mentions.head(20).merge(
        t.sentences[["article_id", "sentence_id", "start", "text"]],
        on=["article_id", "sentence_id"], suffixes=("", "_sentence"))
    spans = list(zip(sample["start"] - sample["start_sentence"],
                     sample["end"] - sample["start_sentence"], strict=True))
    expected = load_scorer().score(sample["text_sentence"].tolist(), spans)
    assert sample["tone"].to_numpy() == pytest.approx(expected)
    # it is not the sentence's VADER tone under another name
    vader = sample.merge(t.sentences[["article_id", "sentence_id", "tone"]],
                         on=["article_id", "sentence_id"], suffixes=("", "_vader"))
    assert not (vader["tone"] == vader["tone_vader"]).all()


def test_people_and_organisations_are_merged(built):
    t = built.tables
    li = entity(t, "Li Shangfu")
    assert li["label"] == "PERSON"
    assert li["n_articles"] == 5
    assert {"Li", "Shangfu"} <= set(li["aliases"].split(" | "))
    assert "Xi" in entity(t, "Xi Jinping")["aliases"].split(" | ")
    assert "Lukashenko" in entity(t, "Alexander Lukashenko")["aliases"].split(" | ")
    assert entity(t, "Global Times")["label"] == "ORG"
    names = set(t.entities["name"])
    assert not {"Li", "Shangfu", "Xi", "Lukashenko", "the Global Times"} & names


def test_second_build_is_a_cache_hit_that_loads_nothing(built, tmp_path):
    store_dir = tmp_path / "s"
    save_store(built.tables, store_dir, manifest={"build_key": built.manifest["build_key"]})
    resources = Resources()
    again = build_store(DEFAULT_CORPUS, store_dir, resources=resources)
    assert again.cached and resources.loaded() == set()
    pd.testing.assert_frame_equal(again.tables.mentions, built.tables.mentions)


def test_corrupt_store_is_rebuilt(built, tmp_path):
    store_dir = tmp_path / "s"
    save_store(built.tables, store_dir, manifest={"build_key": built.manifest["build_key"]})
    (store_dir / "mentions.parquet").write_bytes(b"garbage")
    resources = Resources()
    rebuilt = build_store(DEFAULT_CORPUS, store_dir, resources=resources)
    assert not rebuilt.cached and "gazetteer" in resources.loaded()
    assert len(load_store(store_dir).mentions) == len(built.tables.mentions)


def test_manifest_records_model_and_counts(built, built_dir):
    m = read_manifest(built_dir)
    assert m["model"]["name"].startswith("en_core_web_sm")
    assert m["model"]["version"] == "3.8.0"
    assert m["gazetteer"]
    assert m["rows"]["articles"] == 5
    assert m["corpus_fingerprint"] == m["build_key"]["corpus"]
    assert m["tone_scorers"] == {"sentence": tone.SCORER, "entity": tone.ENTITY_SCORER}


def test_sentences_end_at_paragraphs_and_credit_lines_are_their_own_segments(built):
    t = built.tables
    body = t.sentences[t.sentences["kind"] == "body"]
    assert not body["text"].str.contains("\n").any()  # before: 17 of 77 held a blank line
    per_article = t.articles.set_index("outlet")["n_sentences"]
    assert per_article["Al Jazeera"] >= 14  # 8 "sentences" in 508 words before
    kinds = t.sentences.groupby("kind")["text"].apply(set)
    assert "Source: The Associated Press" in kinds["signoff"]
    assert "(Global Times)" in kinds["signoff"]
    assert "China’s defence minister visits Russia and Belarus in show of support" \
        in kinds["headline"]
    assert any(text.endswith("[Pavel Bednyakov/Sputnik via Reuters]")
               for text in kinds["caption"])
    # the body sentence before the sign-off no longer carries it
    assert not body["text"].str.endswith("Source: The Associated Press").any()


def test_an_articles_own_outlet_in_its_signoff_is_not_counted(built):
    t = built.tables
    roles = t.mentions.set_index("text")["role"]
    assert roles["Global Times"] == "self"  # "(Global Times)" closing a Global Times article
    assert roles["the Global Times"] == "named"  # its body quoting "the Global Times"
    assert roles["The Associated Press"] == "credit"
    gt = entity(t, "Global Times")
    assert gt["n_mentions"] == 1  # the sign-off "(Global Times)" is left out
    assert set(t.merges["rule"]) <= set(RULES)
    assert t.merges.set_index("alias").at["Lukashenko", "name"] == "Alexander Lukashenko"
