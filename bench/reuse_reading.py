"""Reading the real reuse of a corpus: the largest clusters across outlets, and a random sample
of article pairs to check by reading.

    python bench/reuse.py --store /work/stores/all5 --save /tmp/reuse.parquet
    python bench/reuse_reading.py --store /work/stores/all5 --table /tmp/reuse.parquet

A cluster is one text reused (Passim's clusters): passages joined by reuse rows, the
overlapping passages of one article being one; quotations both articles print are left out.
The 20 largest across outlets are printed. 30 pairs drawn at random (fixed seed) are written
to bench/data/reuse_sample.csv; bench/data/reuse_verdicts.csv holds the verdicts of reading
them (pair, verdict, note), and their counts are printed when it exists. `--kind rewritten`
samples rewritten sentence pairs instead (bench/data/reuse_sample_rewritten.csv, verdicts in
bench/data/reuse_verdicts_rewritten.csv).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data"
SEED = 15


def clusters(table: pd.DataFrame, articles: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """Passages that are one text reused (Passim's clusters): each row joins its source span
    and its target span, and the overlapping spans of one article are one. Those across
    outlets, the most articles first."""
    spans = pd.concat([
        pd.DataFrame({"row": np.arange(len(table)), "article": table[f"{side}_id"].to_numpy(),
                      "start": table[f"{side}_start"].to_numpy(),
                      "end": table[f"{side}_end"].to_numpy(), "side": side})
        for side in ("source", "target")], ignore_index=True)
    spans = spans.sort_values(["article", "start"], ignore_index=True)
    reach = spans.groupby("article")["end"].cummax().groupby(spans["article"]).shift(1)
    spans["segment"] = (spans["article"].ne(spans["article"].shift())
                        | (spans["start"] >= reach.fillna(-1))).cumsum()
    parent = list(range(int(spans["segment"].max()) + 1))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    ends = spans.pivot(index="row", columns="side", values="segment")
    for s, t in zip(ends["source"], ends["target"], strict=True):
        parent[root(int(s))] = root(int(t))
    spans["cluster"] = [root(int(k)) for k in spans["segment"]]
    meta = articles.set_index("article_id")
    spans["outlet"] = meta["outlet"].reindex(spans["article"]).to_numpy()
    spans["length"] = spans["end"] - spans["start"]
    out = spans.groupby("cluster").agg(articles=("article", "nunique"),
                                       outlets=("outlet", "nunique"), longest=("length", "max"))
    out = out[out["outlets"] > 1].sort_values(["articles", "longest"], ascending=False).head(top)
    longest = spans.sort_values("length", ascending=False).drop_duplicates("cluster")
    longest = longest.set_index("cluster").reindex(out.index)
    out["passage"] = [meta.at[a, "text"][s:e][:90] for a, s, e in
                      zip(longest["article"], longest["start"], longest["end"], strict=True)]
    return out.reset_index(drop=True)


def sample_pairs(table: pd.DataFrame, articles: pd.DataFrame, n: int,
                 rng: np.random.Generator) -> pd.DataFrame:
    pairs = table.groupby(["source_id", "target_id"], as_index=False).agg(
        passages=("kind", "size"), chars=("chars", "sum"), kinds=("kind", lambda k: "|".join(
            sorted(set(k)))), direction=("direction", "first"), credit=("credit", "first"))
    chosen = pairs.iloc[np.sort(rng.choice(len(pairs), size=min(n, len(pairs)), replace=False))]
    meta = articles.set_index("article_id")
    texts = meta["text"]
    out = []
    for k, p in enumerate(chosen.itertuples(index=False)):
        rows = table[(table["source_id"] == p.source_id) & (table["target_id"] == p.target_id)]
        first = rows.sort_values("chars", ascending=False).iloc[0]
        out.append({"pair": k + 1, "source_outlet": meta.at[p.source_id, "outlet"],
                    "target_outlet": meta.at[p.target_id, "outlet"],
                    "source_title": meta.at[p.source_id, "title"],
                    "target_title": meta.at[p.target_id, "title"], "passages": p.passages,
                    "chars": p.chars, "kinds": p.kinds, "direction": p.direction,
                    "credit": p.credit,
                    "source_passage": texts[p.source_id][first.source_start:first.source_end],
                    "target_passage": texts[p.target_id][first.target_start:first.target_end],
                    "source_id": p.source_id, "target_id": p.target_id})
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the store the table is of")
    parser.add_argument("--table", type=Path, required=True, help="a reuse table (Parquet)")
    parser.add_argument("--kind", choices=["verbatim", "rewritten"], default="verbatim",
                        help="the pairs to sample: any but quotations, or rewritten only")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    from analysis.tables.store import load_table

    articles = load_table(args.store, "articles",
                          columns=["article_id", "outlet", "title", "text"])
    table = pd.read_parquet(args.table)
    print(f"{len(table):,} rows: "
          + ", ".join(f"{k} {v:,}" for k, v in table["kind"].value_counts().items()))
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    not_quotes = table[table["kind"] != "quotation"]
    suffix = ""
    if args.kind == "rewritten":
        not_quotes, suffix = table[table["kind"] == "rewritten"], "_rewritten"
    else:
        print("the 20 largest clusters across outlets:")
        print(clusters(not_quotes, articles).to_string())
    sample = sample_pairs(not_quotes, articles, 30, np.random.default_rng(args.seed))
    DATA.mkdir(parents=True, exist_ok=True)
    sample.to_csv(DATA / f"reuse_sample{suffix}.csv", index=False)
    verdicts = DATA / f"reuse_verdicts{suffix}.csv"
    if verdicts.exists():
        read = pd.read_csv(verdicts)
        print(f"reading check of the {len(read)} sampled pairs: "
              + ", ".join(f"{k} {v}" for k, v in read["verdict"].value_counts().items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
