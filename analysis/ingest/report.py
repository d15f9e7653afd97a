"""The import report: one line per input file or row, accepted (with what reading it took, and
any near-duplicate flag) or rejected with the reason, in upload order."""

from __future__ import annotations

import re

import pandas as pd

from analysis.ingest.corpus import Corpus
from analysis.ingest.uploads import Upload, distinct_names

REPORT_COLUMNS = ["input", "status", "detail", "article_id"]


def _order(name: str) -> tuple:
    """Natural order: "x.csv row 10" after "x.csv row 9"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def import_report(corpus: Corpus, flags: pd.DataFrame | None = None,
                  uploads: list[Upload] | None = None) -> pd.DataFrame:
    """One line per input file or row: accepted (maybe with notes or flagged) or rejected, with
    the reason.

    `flags` (duplicates.near_duplicates) marks accepted articles that repeat another. Lines
    follow the upload order (`uploads`), then the row
    order within a file.
    """
    arts = corpus.articles
    notes: dict[str, list[str]] = {}
    for source, note in zip(corpus.notes["input"], corpus.notes["note"], strict=True):
        notes.setdefault(source, []).append(note)
    if flags is not None:
        for source, of, similarity in zip(flags["source"], flags["duplicate_of_source"],
                                          flags["similarity"], strict=True):
            notes.setdefault(source, []).append(f"near-duplicate of {of} "
                                                f"(similarity {similarity:.2f})")
    detail = pd.Series(["; ".join(notes.get(source, ())) for source in arts["source"]],
                       dtype="object")
    accepted = pd.DataFrame({"input": arts["source"].astype("object"), "status": "accepted",
                             "detail": detail.to_numpy(),
                             "article_id": arts["article_id"].astype("object")})
    rejected = pd.DataFrame({"input": corpus.rejects["input"].astype("object"),
                             "status": "rejected",
                             "detail": corpus.rejects["reason"].astype("object"),
                             "article_id": ""})
    report = pd.concat([accepted, rejected], ignore_index=True)[REPORT_COLUMNS]
    rank = {u.name: i for i, u in enumerate(distinct_names(uploads or []))}

    def key(name: str) -> tuple:
        top = next((u for u in rank if name == u or name.startswith((u + " ", u + "/"))), None)
        return (rank.get(top, len(rank)), _order(name))

    order = sorted(range(len(report)), key=lambda i: key(report["input"].iat[i]))
    return report.iloc[order].reset_index(drop=True)
