"""Tone quality on NewsMTSC devtest_mt: sentence-level VADER against the targeted scorer.

    python bench/quality_tone.py [--shared ../shared]

For each scorer: macro-F1 and accuracy over negative / neutral / positive targets, the
confusion matrix (rows gold, columns predicted) and targets per second on one core; for the
targeted scorer also its calibration: the mean score over the gold-neutral targets, as trained
and with the class offsets it ships with (tools/train_tone.py --calibrate). VADER gives
every target the compound score of its whole sentence (positive at >= 0.05, negative at
<= -0.05, as in analysis/tone.py). devtest_mt is for reporting only: the model and its settings
were chosen on a split of train.jsonl (tools/train_tone.py --validate).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

from analysis.tone import NEGATIVE_AT, POSITIVE_AT, new_analyzer
from analysis.tone.newsmtsc import NewsMTSCTargets, read_newsmtsc
from analysis.tone.targeted import LABELS, MODEL_FILE, TargetedToneScorer, load_scorer

REPO = Path(__file__).resolve().parents[1]

DEVTEST = Path("eval/newsmtsc/devtest_mt.jsonl")


def confusion(gold: list[str], predicted: list[str]) -> np.ndarray:
    """Counts with rows = gold label, columns = predicted label, both in LABELS order."""
    matrix = np.zeros((len(LABELS), len(LABELS)), dtype=np.int64)
    for g, p in zip(gold, predicted, strict=True):
        matrix[LABELS.index(g), LABELS.index(p)] += 1
    return matrix


def macro_f1(matrix: np.ndarray) -> float:
    true_positive = np.diag(matrix).astype(float)
    precision = np.divide(true_positive, matrix.sum(axis=0),
                          out=np.zeros_like(true_positive), where=matrix.sum(axis=0) > 0)
    recall = np.divide(true_positive, matrix.sum(axis=1),
                       out=np.zeros_like(true_positive), where=matrix.sum(axis=1) > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(both), where=both > 0)
    return float(f1.mean())


def _result(name: str, gold: list[str], predicted: list[str], seconds: float) -> dict:
    matrix = confusion(gold, predicted)
    return {
        "scorer": name,
        "macro_f1": round(macro_f1(matrix), 4),
        "accuracy": round(float(np.trace(matrix) / matrix.sum()), 4),
        "confusion": matrix.tolist(),
        "targets_per_s": round(len(gold) / seconds),
    }


def vader_labels(sentences: list[str], analyzer) -> list[str]:
    """Sentence-level VADER: every target gets its sentence's label."""
    labels = []
    for sentence in sentences:
        compound = analyzer.polarity_scores(sentence)["compound"]
        labels.append("positive" if compound >= POSITIVE_AT
                      else "negative" if compound <= NEGATIVE_AT else "neutral")
    return labels


def neutral_calibration(scorer: TargetedToneScorer, data: NewsMTSCTargets) -> dict[str, float]:
    """The mean score P(positive) - P(negative) over the gold-neutral targets, without the
    scorer's class offsets (as trained) and with them (as shipped); near 0 is calibrated."""
    neutral = [i for i, label in enumerate(data.labels) if label == "neutral"]
    sentences = [data.sentences[i] for i in neutral]
    spans = [data.spans[i] for i in neutral]
    uncalibrated = dataclasses.replace(scorer, class_offsets=np.zeros(len(LABELS)))
    return {"as trained": round(float(uncalibrated.score(sentences, spans).mean()), 4),
            "calibrated": round(float(scorer.score(sentences, spans).mean()), 4)}


def tone_report(shared: Path) -> dict:
    """Both scorers on devtest_mt; {"skipped": reason} when the shared data is absent.

    `shared` is the shared folder (../shared); the devtest_mt.jsonl file itself works too.
    """
    path = Path(shared) if Path(shared).is_file() else Path(shared) / DEVTEST
    if not path.is_file():
        return {"skipped": f"{path} not found (the NewsMTSC gold set lives in ../shared)"}
    data = read_newsmtsc(path)
    analyzer = new_analyzer()

    started = time.perf_counter()
    vader = vader_labels(data.sentences, analyzer)
    vader_result = _result("VADER compound (sentence)", data.labels, vader,
                           time.perf_counter() - started)

    started = time.perf_counter()
    scorer = load_scorer(analyzer=analyzer)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    targeted = scorer.predict_labels(data.sentences, data.spans)
    targeted_result = _result(scorer.name, data.labels, targeted, time.perf_counter() - started)
    targeted_result["load_s"] = round(load_seconds, 2)
    targeted_result["neutral_mean"] = neutral_calibration(scorer, data)
    targeted_result["model_mb"] = round(MODEL_FILE.stat().st_size / 1e6, 2)
    return {
        "dataset": f"NewsMTSC devtest_mt ({path})",
        "n_targets": len(data.labels),
        "n_sentences": len(set(data.sentences)),
        "labels": list(LABELS),
        "gold_counts": {label: data.labels.count(label) for label in LABELS},
        "vader": vader_result,
        "targeted": targeted_result,
    }


def print_report(report: dict) -> None:
    if "skipped" in report:
        print(f"tone quality skipped: {report['skipped']}")
        return
    print(f"{report['dataset']}: {report['n_targets']} targets in {report['n_sentences']} "
          f"sentences; gold {report['gold_counts']}")
    for key in ("vader", "targeted"):
        result = report[key]
        print(f"\n{result['scorer']}")
        print(f"  macro-F1 {result['macro_f1']:.3f}  accuracy {result['accuracy']:.3f}  "
              f"{result['targets_per_s']:,} targets/s")
        print("  confusion (rows gold, cols predicted):  " + "  ".join(f"{x:>8}" for x in LABELS))
        for label, row in zip(LABELS, result["confusion"], strict=True):
            print(f"  {label:>38}  " + "  ".join(f"{n:>8}" for n in row))
        if "model_mb" in result:
            print(f"  model file {result['model_mb']} MB, loaded in {result['load_s']} s")
            means = result["neutral_mean"]
            print(f"  mean score of the {report['gold_counts']['neutral']} neutral targets "
                  f"(0 is calibrated): {means['as trained']:+.3f} as trained, "
                  f"{means['calibrated']:+.3f} with the shipped class offsets")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared folder holding eval/newsmtsc (default: ../shared)")
    print_report(tone_report(parser.parse_args(argv).shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
