"""Entity-targeted tone: how one sentence portrays one mention in it.

Sentence-level VADER gives every entity in a sentence the same tone, so "Police praised the
nurse who caught the attacker" scores the nurse and the attacker alike. This scorer looks at
the target span: the words around it (by side and distance), VADER on the target's clause,
on its left and right context and on a window around it, lexicon valences by distance, and the
target's role (speaker, pronoun, inside a quote). A small ensemble (a logistic regression and
three one-hidden-layer networks) trained on NewsMTSC (`tools/train_tone.py`) turns those
features into P(negative), P(neutral), P(positive). Inference needs numpy and vaderSentiment
only; the model is one .npz file under analysis/tone/data/.

Speed (v2): VADER's per-word valences are computed once per sentence and the clause, window,
left and right scores are sums over runs of them (analysis.tone.vader_spans), not four more
polarity_scores calls per target; the sentence's words and VADER scores go through the first
layer once per sentence. About 10,000 targets/s on one core on devtest_mt against 4,400 for
v1 (CPU time), with the same cross-validated macro-F1.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from analysis.tone.features import FEATURE_VERSION, sparse_rows, target_features, target_parts

MODEL_FILE = Path(__file__).resolve().parent / "data" / "targeted_tone_v2.npz"
# The name inside the shipped model file (tests check it), and its macro-F1 (negative /
# neutral / positive) on NewsMTSC devtest_mt, measured with tools/train_tone.py.
ENTITY_SCORER = "NewsMTSC-trained target-aware ensemble (logistic regression + 3 small MLPs) v2"
ENTITY_SCORER_MACRO_F1 = 0.648
# Its mean score over devtest_mt's 748 neutral targets (0 would be calibrated; -0.106 as
# trained, before the class offsets), measured with bench/quality_tone.py.
ENTITY_SCORER_NEUTRAL_MEAN = -0.052
TRAIN_COMMAND = (
    "python tools/train_tone.py --train ../shared/eval/newsmtsc/train.jsonl "
    "--out analysis/tone/data/targeted_tone_v2.npz --calibrate"
)
LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
# Of a longer sentence the scorer reads this many characters on each side of the target (cut at
# a word): its features look at the target's neighbourhood, and the cost stays bounded.
WINDOW_CHARS = 1_000
# Targets scored in one go: the first layer's weighted feature rows take about 20 KB each, so a
# run of 2,048 targets stays near 40 MB however many an article has.
CHUNK_TARGETS = 2_048


def target_window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """(the part of `text` the scorer reads, the target's start and end in it)."""
    if len(text) <= 2 * WINDOW_CHARS + (end - start):
        return text, start, end
    left = max(0, start - WINDOW_CHARS)
    right = min(len(text), end + WINDOW_CHARS)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return text[left:right], start - left, end - left

def shifted(probabilities: np.ndarray, class_offsets: np.ndarray) -> np.ndarray:
    """`probabilities` (n, 3) reweighted by exp(class_offsets) and normalised again."""
    weighted = probabilities.astype(np.float64) * np.exp(np.asarray(class_offsets, np.float64))
    return weighted / weighted.sum(axis=1, keepdims=True)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it holds arrays
class TargetedToneScorer:
    """A trained model plus the VADER analyzer its features need; build it with load_scorer.

    input_weights has one row per feature: the logistic regression's 3 logits, then each
    network's hidden units side by side, so one sparse product feeds the whole ensemble.
    """

    name: str
    vocabulary: dict[str, int]
    input_weights: np.ndarray  # (n_features, 3 + n_networks * n_hidden)
    linear_bias: np.ndarray  # (3,)
    hidden_bias: np.ndarray  # (n_networks, n_hidden)
    output_weights: np.ndarray  # (n_networks, n_hidden, 3)
    output_bias: np.ndarray  # (n_networks, 3)
    analyzer: object
    # log-weights of negative, neutral, positive applied to the ensemble's probabilities: the
    # training data holds far more opinion than news does, and without them a neutral target
    # leans negative (tools/train_tone.py --calibrate chooses them out of fold)
    class_offsets: np.ndarray = field(default_factory=lambda: np.zeros(3))

    def features(self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[dict]:
        if len(sentences) != len(spans):
            raise ValueError(f"{len(sentences)} sentences but {len(spans)} spans")
        cache: dict = {}
        return [target_features(text, int(start), int(end), analyzer=self.analyzer,
                                sentence_cache=cache)
                for text, (start, end) in zip(sentences, spans, strict=True)]

    def _first_layer(self, feature_dicts: Sequence[dict[str, float]]) -> np.ndarray:
        """(len(feature_dicts), n_inputs): each dict's features times input_weights."""
        rows, columns, values = sparse_rows(feature_dicts, self.vocabulary)
        summed = np.zeros((len(feature_dicts), self.input_weights.shape[1]), dtype=np.float32)
        if len(rows):  # rows come in order: sum each row's run of weighted feature rows
            firsts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            weighted = self.input_weights[columns].astype(np.float32) * values[:, None]
            summed[rows[firsts]] = np.add.reduceat(weighted, firsts, axis=0)
        return summed

    def probabilities(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """(n, 3) probabilities of negative, neutral, positive for each target span."""
        if len(sentences) != len(spans):
            raise ValueError(f"{len(sentences)} sentences but {len(spans)} spans")
        # in runs of CHUNK_TARGETS: the first layer's weighted rows grow with the targets
        return np.concatenate([np.empty((0, 3))] + [
            self._probabilities(sentences[i: i + CHUNK_TARGETS], spans[i: i + CHUNK_TARGETS])
            for i in range(0, len(sentences), CHUNK_TARGETS)])

    def _probabilities(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        # The first layer is linear, so the features target_features gives are summed in three
        # parts: the sentence's words and VADER scores once per sentence, less the target's
        # own words, plus the features that depend on the target.
        cache: dict = {}
        parts = [target_parts(*target_window(text, int(start), int(end)), self.analyzer, cache)
                 for text, (start, end) in zip(sentences, spans, strict=True)]
        summed = self._first_layer([own for _, _, _, own in parts])
        sentence_rows: dict[int, int] = {}
        of_sentence = np.empty(len(parts), dtype=np.int64)
        target_rows: list[int] = []
        target_columns: list[int] = []
        for row, (cached, first, last, _) in enumerate(parts):
            of_sentence[row] = sentence_rows.setdefault(id(cached), len(sentence_rows))
            for index in range(first, last):
                for key in cached.keys[index]:
                    column = self.vocabulary.get("u" + key)
                    if column is not None:
                        target_rows.append(row)
                        target_columns.append(column)
        if parts:
            sentence_parts = {id(cached): cached.words for cached, _, _, _ in parts}
            summed += self._first_layer(list(sentence_parts.values()))[of_sentence]
        np.subtract.at(summed, np.asarray(target_rows, dtype=np.int64),
                       self.input_weights[np.asarray(target_columns, dtype=np.int64)]
                       .astype(np.float32))
        linear = _softmax(summed[:, :3] + self.linear_bias)
        n_networks, n_hidden = self.hidden_bias.shape
        hidden = summed[:, 3:].reshape(len(sentences), n_networks, n_hidden) + self.hidden_bias
        logits = np.einsum("bkh,khc->bkc", np.maximum(hidden, 0.0), self.output_weights)
        networks = _softmax(logits + self.output_bias).mean(axis=1)
        return shifted((linear + networks) / 2, self.class_offsets)

    def score(self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Expected polarity P(positive) - P(negative) per target, in [-1, 1]."""
        probabilities = self.probabilities(sentences, spans)
        return probabilities[:, 2] - probabilities[:, 0]

    def score_and_label(self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
                        ) -> tuple[np.ndarray, list[str]]:
        """(score as `score` gives it, the most probable of negative / neutral / positive)."""
        probabilities = self.probabilities(sentences, spans)
        return (probabilities[:, 2] - probabilities[:, 0],
                [LABELS[i] for i in probabilities.argmax(axis=1)])

    def predict_labels(
        self, sentences: Sequence[str], spans: Sequence[tuple[int, int]]
    ) -> list[str]:
        """The most probable of negative / neutral / positive per target."""
        return [LABELS[i] for i in self.probabilities(sentences, spans).argmax(axis=1)]


def save_model(path: Path, *, name: str, vocabulary: Sequence[str], arrays: dict,
               class_offsets: Sequence[float] = (0.0, 0.0, 0.0)) -> None:
    """Write the model as an .npz whose bytes depend only on its content (fixed zip dates).

    `arrays` holds input_weights, linear_bias, hidden_bias, output_weights, output_bias.
    """
    header = {"name": name, "feature_version": FEATURE_VERSION, "labels": list(LABELS),
              "class_offsets": [round(float(v), 4) for v in class_offsets]}
    entries = {
        "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
        # one feature name per line: tokens never contain whitespace, so "\n" is safe
        "vocabulary": np.frombuffer("\n".join(vocabulary).encode(), dtype=np.uint8),
        **arrays,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key, array in entries.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def model_bytes(path: Path | None = None) -> bytes:
    """The model file's bytes (default: the shipped one). Where this module was imported from
    a zip (the code a Dask cluster's workers get from the client: annotate.engines.upload_package),
    MODEL_FILE is no file and the shipped model is read out of the zip.

    Raises FileNotFoundError naming the training command when the file is missing.
    """
    if path is None and not MODEL_FILE.is_file():
        shipped = importlib.resources.files("analysis.tone") / "data" / MODEL_FILE.name
        if shipped.is_file():
            return shipped.read_bytes()
    path = Path(path) if path is not None else MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"targeted tone model not found at {path}; train it from the repository root "
            f"with: {TRAIN_COMMAND}"
        )
    return path.read_bytes()


def model_identity(path: Path | None = None) -> dict[str, str]:
    """The model's name and content hash, read without building the scorer: the annotation
    cache files records under them, so a retrained model re-scores every mention."""
    blob = model_bytes(path)
    with np.load(io.BytesIO(blob), allow_pickle=False) as archive:
        header = json.loads(archive["header"].tobytes().decode())
    return {"name": header["name"], "sha256": hashlib.sha256(blob).hexdigest()[:16]}


def load_scorer(path: Path | None = None, *, analyzer=None) -> TargetedToneScorer:
    """The scorer from a model file (default: the one shipped in analysis/data/).

    Raises FileNotFoundError naming the training command when the file is missing.
    """
    with np.load(io.BytesIO(model_bytes(path)), allow_pickle=False) as archive:
        header = json.loads(archive["header"].tobytes().decode())
        if header.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"{path} was trained for feature version {header.get('feature_version')}, "
                f"this code computes version {FEATURE_VERSION}; retrain with: {TRAIN_COMMAND}"
            )
        names = archive["vocabulary"].tobytes().decode().split("\n")
        arrays = {key: archive[key] for key in ("input_weights", "linear_bias", "hidden_bias",
                                                "output_weights", "output_bias")}
    if analyzer is None:
        from analysis.tone.vader import new_analyzer

        analyzer = new_analyzer()
    return TargetedToneScorer(name=header["name"],
                              vocabulary={key: i for i, key in enumerate(names)},
                              analyzer=analyzer, **arrays,
                              class_offsets=np.array(header.get("class_offsets", [0.0] * 3)))
