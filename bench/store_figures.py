"""What a researcher would quote from a store, to compare two builds (before / after a change).

    python bench/store_figures.py STORE [STORE ...]

Reads the Parquet tables directly with pandas, so it also reads stores an older version of the
project wrote (their columns permitting). Per store: body sentences per article, the share of
body sentences that run across a paragraph break, segment kinds, outlets and articles of
unknown outlet, the top entities and a few names that should be one entity, mention roles,
the widest per-outlet interval the current code gives, and how the targeted tone leans.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

NAMES = ["Donald Trump", "Trump", "Barack Obama", "Obama", "Vladimir Putin", "Putin", "Reuters",
         "Associated Press", "Johnson"]
BLANK_LINE = r"\n[^\S\n]*\n"
PARAGRAPH_BREAK = r"[.!?][\"”’)]?[^\S\n]*\n[^\S\n]*\n\s*[A-Z“\"]"


def _has(store: Path, name: str, column: str) -> bool:
    return column in pq.read_schema(store / f"{name}.parquet").names


def table(store: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    return pd.read_parquet(store / f"{name}.parquet", columns=columns)


def report(store: Path) -> None:
    print(f"== {store}")
    sentences = table(store, "sentences")
    articles = table(store, "articles", ["article_id", "outlet"]
                     + (["outlet_from"] if _has(store, "articles", "outlet_from") else []))
    mentions = table(store, "mentions")
    entities = table(store, "entities")
    body = sentences[sentences["kind"] == "body"] if "kind" in sentences else sentences
    per_article = body.groupby("article_id").size()
    print(f"articles {len(articles):,}; body sentences {len(body):,}, per article mean "
          f"{per_article.mean():.1f}, median {per_article.median():.0f}")
    if "kind" in sentences:
        print("segment kinds:", sentences["kind"].value_counts().to_dict())
    texts = body["text"].str
    print(f"body sentences holding a blank line: {texts.contains(BLANK_LINE).mean():.1%}; "
          f"ending a paragraph and starting the next: {texts.contains(PARAGRAPH_BREAK).mean():.1%}")
    unknown = (articles["outlet_from"] == "unknown") if "outlet_from" in articles \
        else articles["outlet"] == "Unknown"
    print(f"outlets {articles.loc[~unknown, 'outlet'].nunique():,}; articles of unknown outlet "
          f"{int(unknown.sum()):,}")
    top = entities.sort_values("n_mentions", ascending=False).head(10)
    print("top entities:", "; ".join(f"{r.name} {r.n_mentions:,}" for r in top.itertuples()))
    counts = entities.set_index("name")["n_mentions"]
    print("names:", "; ".join(f"{n} {int(counts.get(n, 0)):,}" for n in NAMES))
    if "role" in mentions:
        print("mention roles:", mentions["role"].value_counts().to_dict())
    vader = mentions.merge(sentences[["article_id", "sentence_id", "tone"]],
                           on=["article_id", "sentence_id"], suffixes=("", "_sentence"))
    neutral = vader["tone_sentence"].abs() < 0.05
    print(f"targeted tone: mean {mentions['tone'].mean():+.3f}, in sentences VADER scores "
          f"neutral {vader.loc[neutral, 'tone'].mean():+.3f}")
    if "tone_label" in mentions:
        print("mentions read as:", mentions["tone_label"].value_counts(normalize=True)
              .round(3).to_dict())


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for store in argv:
        report(Path(store))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
