"""Read NewsMTSC (Hamborg and Donnay, EACL 2021; MIT), the gold set for targeted tone.

Each line is a sentence (`sentence_normalized`) with target mentions: character offsets `from`,
`to` and a `polarity` of 2 (negative), 4 (neutral) or 6 (positive).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NewsMTSCTargets:
    """The targets of a NewsMTSC jsonl file, one entry per target mention."""

    sentences: list[str]
    spans: list[tuple[int, int]]
    labels: list[str]
    articles: list[str]  # the AllSides article each sentence comes from, to split by article


NEWSMTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read_newsmtsc(path: Path) -> NewsMTSCTargets:
    """Read NewsMTSC (sentence_normalized, targets with from, to, polarity 2/4/6)."""
    out = NewsMTSCTargets([], [], [], [])
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            # primary_gid opens with its article: allsides_<article>_<story>_... or
            # polusa_v1_<article>_...
            article = "_".join(record["primary_gid"].split("_")[:3])
            for target in record["targets"]:
                out.sentences.append(record["sentence_normalized"])
                out.spans.append((int(target["from"]), int(target["to"])))
                out.labels.append(NEWSMTSC_POLARITY[float(target["polarity"])])
                out.articles.append(article)
    return out
