"""The entity-targeted tone scorer, on hand-written sentences (none from the NewsMTSC sets),
and its calibration on NewsMTSC's neutral targets where ../shared is there."""

from dataclasses import replace

import numpy as np
import pytest

from analysis.tone.features import FEATURE_VERSION, target_features
from analysis.tone.newsmtsc import read_newsmtsc
from analysis.tone.targeted import (
    ENTITY_SCORER,
    ENTITY_SCORER_MACRO_F1,
    ENTITY_SCORER_NEUTRAL_MEAN,
    LABELS,
    MODEL_FILE,
    TRAIN_COMMAND,
    load_scorer,
    model_identity,
    save_model,
    shifted,
)
from tests.fixtures.paths import SHARED

NEWSMTSC_DEVTEST = SHARED / "eval" / "newsmtsc" / "devtest_mt.jsonl"


@pytest.fixture(scope="module")
def scorer():
    return load_scorer()


def spans_of(sentence: str, *mentions: str) -> list[tuple[int, int]]:
    return [(sentence.index(m), sentence.index(m) + len(m)) for m in mentions]


def test_shipped_model_loads(scorer):
    assert MODEL_FILE.is_file()
    assert MODEL_FILE.name == "targeted_tone_v2.npz"
    assert MODEL_FILE.name in TRAIN_COMMAND  # the command rebuilds the shipped file
    assert MODEL_FILE.stat().st_size < 5_000_000
    assert "NewsMTSC" in scorer.name
    assert scorer.name.endswith(" v2")
    assert FEATURE_VERSION == 2
    # devtest_mt, measured by bench/quality_tone.py (0.650 before the class offsets)
    assert 0.64 <= ENTITY_SCORER_MACRO_F1 < 1
    assert scorer.name == ENTITY_SCORER  # the name the pages and tables show
    assert model_identity() == {"name": scorer.name, "sha256": model_identity()["sha256"]}
    assert len(scorer.vocabulary) == scorer.input_weights.shape[0]


# Each sentence praises one target and condemns the other. Sentence-level VADER gives both
# the same tone; the targeted scorer must tell them apart.
MIXED = [
    ("Jones won praise for her honesty, while critics accused Smith of corruption.",
     "Smith", "Jones"),
    ("Police arrested the gunman who killed three people, and neighbours thanked the brave "
     "nurse who saved a child.", "gunman", "nurse"),
    ("Mila won the prize and was celebrated by fans, but Zorg was convicted of fraud and "
     "corruption.", "Zorg", "Mila"),
]


@pytest.mark.parametrize(("sentence", "condemned", "praised"), MIXED)
def test_targets_in_one_sentence_get_their_own_tone(scorer, sentence, condemned, praised):
    spans = spans_of(sentence, condemned, praised)
    scores = scorer.score([sentence, sentence], spans)
    assert scores[0] < -0.3
    assert scores[1] > 0.3
    assert scorer.predict_labels([sentence, sentence], spans) == ["negative", "positive"]


def test_output_shape_range_and_batch_order(scorer):
    sentences = [MIXED[0][0], "", "Trump", "The summit in Minsk ended on Tuesday.", MIXED[2][0]]
    spans = [spans_of(MIXED[0][0], "Smith")[0], (0, 0), (0, 5), (14, 19),
             spans_of(MIXED[2][0], "Mila")[0]]
    scores = scorer.score(sentences, spans)
    assert scores.shape == (5,)
    assert np.all((scores >= -1) & (scores <= 1))
    probabilities = scorer.probabilities(sentences, spans)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    # a batch gives the same answer as one target at a time
    singles = [scorer.score([s], [span])[0] for s, span in zip(sentences, spans, strict=True)]
    np.testing.assert_allclose(scores, singles, atol=1e-6)
    assert set(scorer.predict_labels(sentences, spans)) <= set(LABELS)
    assert scorer.score([], []).shape == (0,)


def test_lengths_must_match(scorer):
    with pytest.raises(ValueError, match="2 sentences but 1 spans"):
        scorer.score(["a b", "c d"], [(0, 1)])


def test_missing_model_file_names_the_training_command(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        load_scorer(tmp_path / "missing.npz")
    assert "missing.npz" in str(error.value)
    assert TRAIN_COMMAND in str(error.value)
    assert "tools/train_tone.py" in TRAIN_COMMAND


def test_saved_model_round_trips(tmp_path, scorer):
    arrays = {
        "input_weights": scorer.input_weights,
        "linear_bias": scorer.linear_bias,
        "hidden_bias": scorer.hidden_bias,
        "output_weights": scorer.output_weights,
        "output_bias": scorer.output_bias,
    }
    vocabulary = sorted(scorer.vocabulary, key=scorer.vocabulary.__getitem__)
    copy = tmp_path / "copy.npz"
    save_model(copy, name="copy", vocabulary=vocabulary, arrays=arrays,
               class_offsets=scorer.class_offsets)
    reloaded = load_scorer(copy, analyzer=scorer.analyzer)
    sentence, condemned, praised = MIXED[1]
    spans = spans_of(sentence, condemned, praised)
    assert reloaded.name == "copy"
    np.testing.assert_array_equal(reloaded.score([sentence] * 2, spans),
                                  scorer.score([sentence] * 2, spans))


def test_scorer_loads_from_the_code_zip_a_dask_cluster_gets(tmp_path):
    """Remote Dask workers import this package from the zip annotate.engines.upload_package makes;
    the model file must travel in it and be found there."""
    import shutil
    import subprocess
    import sys

    from analysis.annotate.engines import upload_package

    class Client:
        def upload_file(self, path):
            shutil.copy(path, tmp_path / "code.zip")

    upload_package(Client())
    script = (f"import sys; sys.path.insert(0, {str(tmp_path / 'code.zip')!r}); "
              "import analysis.tone.targeted as t; assert '.zip' in t.__file__; "
              "print(t.load_scorer().name)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    assert out.stdout.strip() == load_scorer().name


def test_scorer_sums_the_features_training_sees(scorer):
    """probabilities() adds up the sentence's part once per sentence; that must equal the
    first layer over target_features' dicts, which training fits on."""
    sentences = [sentence for sentence, *_ in MIXED for _ in range(2)]
    spans = [span for sentence, *mentions in MIXED for span in spans_of(sentence, *mentions)]
    cache: dict = {}
    full = [target_features(s, a, b, analyzer=scorer.analyzer, sentence_cache=cache)
            for s, (a, b) in zip(sentences, spans, strict=True)]
    assert not any(key.startswith("u:smith") for key in full[0])  # the target's own word
    assert full[0]["u:jones"] == 1.0
    summed = scorer._first_layer(full)
    linear = np.exp(summed[:, :3] + scorer.linear_bias)
    linear /= linear.sum(axis=1, keepdims=True)
    n_networks, n_hidden = scorer.hidden_bias.shape
    hidden = np.maximum(summed[:, 3:].reshape(-1, n_networks, n_hidden) + scorer.hidden_bias, 0)
    logits = np.einsum("bkh,khc->bkc", hidden, scorer.output_weights) + scorer.output_bias
    networks = np.exp(logits - logits.max(axis=-1, keepdims=True))
    networks = (networks / networks.sum(axis=-1, keepdims=True)).mean(axis=1)
    np.testing.assert_allclose(scorer.probabilities(sentences, spans),
                               shifted((linear + networks) / 2, scorer.class_offsets), atol=1e-5)


def test_a_target_in_a_monster_sentence_is_scored_on_its_neighbourhood(scorer):
    from analysis.tone.targeted import WINDOW_CHARS, target_window

    filler = "and the talks went on " * 400
    sentence = f"{filler}critics accused Smith of corruption {filler}"
    start = sentence.index("Smith")
    window, a, b = target_window(sentence, start, start + 5)
    assert window[a:b] == "Smith" and len(window) <= 2 * WINDOW_CHARS + 5
    whole, windowed = scorer.score([sentence, window], [(start, start + 5), (a, b)])
    assert whole == pytest.approx(windowed)  # the scorer reads the window, not the filler


@pytest.mark.skipif(not NEWSMTSC_DEVTEST.exists(), reason="NewsMTSC lives in ../shared")
def test_neutral_targets_score_near_zero_and_the_page_states_the_measured_mean(scorer):
    data = read_newsmtsc(NEWSMTSC_DEVTEST)
    neutral = [i for i, label in enumerate(data.labels) if label == "neutral"]
    sentences = [data.sentences[i] for i in neutral]
    spans = [data.spans[i] for i in neutral]
    calibrated = scorer.score(sentences, spans).mean()
    as_trained = replace(scorer, class_offsets=np.zeros(3)).score(sentences, spans).mean()
    assert abs(calibrated) < abs(as_trained)
    assert calibrated == pytest.approx(ENTITY_SCORER_NEUTRAL_MEAN, abs=0.005)
