"""Reuse views: how much of each outlet's text was found earlier in another outlet, who took
from whom, article pairs, and the passages behind every figure.

Reuse rows count only when both articles are within the filters; the page compares outlets, so
articles of unknown outlet are left out unless the filters bring them in (`comparing=True`,
analysis.views.scope). Each row is one *part*:
`credited` and `uncredited` verbatim passages, `rewritten` sentences, and `order unknown`
(shared text whose direction the build could not tell: neither date, credit nor containment
decided). Characters are counted once per target article: where rows overlap, a stretch of
text counts in the first part of PARTS that covers it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables, TextSource, with_text
from analysis.views.outlets import OTHER_OUTLETS, pooled_outlets
from analysis.views.scope import NO_FILTERS, Filters, in_set, scoped_articles

PARTS = ("credited", "uncredited", "rewritten", "order unknown")
KINDS = ("verbatim", "rewritten", "quotation")
# a quotation both articles print (one speaker quoted by both) is shown only on request
DEFAULT_KINDS = ("verbatim", "rewritten")
PASSAGE_COLUMNS = ["source_outlet", "source_title", "source_published", "target_outlet",
                   "target_title", "target_published", "kind", "part", "credit", "similarity",
                   "chars", "source_passage", "target_passage", "direction", "source_id",
                   "target_id", "source_start", "source_end", "target_start", "target_end"]


def _rows(tables: Tables, filters: Filters, kinds: tuple[str, ...] = DEFAULT_KINDS,
          min_chars: int = 0) -> pd.DataFrame:
    """Reuse rows with both articles in scope, with their outlets and part."""
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet"], comparing=True)
    outlet = articles.set_index("article_id")["outlet"]
    rows = tables.reuse[in_set(tables.reuse["source_id"], outlet.index)
                        & in_set(tables.reuse["target_id"], outlet.index)
                        & tables.reuse["kind"].isin(list(kinds))
                        & (tables.reuse["target_end"] - tables.reuse["target_start"] >= min_chars)]
    part = np.select([rows["direction"] == "undecided", rows["kind"] == "rewritten",
                      rows["credited"]], ["order unknown", "rewritten", "credited"],
                     default="uncredited")
    return rows.assign(source_outlet=rows["source_id"].map(outlet).astype("string"),
                       target_outlet=rows["target_id"].map(outlet).astype("string"),
                       part=pd.Series(part, index=rows.index, dtype="string"))


def _covered(rows: pd.DataFrame, by: list[str]) -> pd.Series:
    """Characters of the target covered by the rows' target spans, overlaps counted once,
    per `by` (which must include target_id)."""
    if rows.empty:  # indexed as a full result is, so joins with one still line up
        index = pd.MultiIndex.from_arrays([rows[col] for col in by], names=by) \
            if len(by) > 1 else pd.Index(rows[by[0]], name=by[0])
        return pd.Series([], index=index, dtype="int64")
    spans = rows.sort_values([*by, "target_start"])
    keys = [spans[col] for col in by]
    reach = spans.groupby(keys, sort=False)["target_end"].cummax()
    before = reach.groupby(keys, sort=False).shift(1).fillna(-1)
    new = (spans["target_end"] - np.maximum(spans["target_start"], before)).clip(lower=0)
    return new.groupby(keys).sum().astype("int64")


def _by_part(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Covered characters per `by` and part, each stretch in the first part covering it."""
    out = {}
    previous = None
    for k, part in enumerate(PARTS):
        covered = _covered(rows[rows["part"].isin(PARTS[:k + 1])], by)
        out[part] = covered if previous is None else covered.sub(previous, fill_value=0)
        previous = covered
    return pd.DataFrame(out).fillna(0).astype("int64")


def outlet_shares(tables: Tables, filters: Filters = NO_FILTERS, *,
                  kinds: tuple[str, ...] = DEFAULT_KINDS, min_chars: int = 0,
                  shown: int | None = None) -> pd.DataFrame:
    """Per outlet: its articles and characters, and the characters (and share) found earlier
    in another outlet, per part. `reused_share` adds credited, uncredited and rewritten.
    `shown`: outlets beyond the leading `shown` pooled into "other outlets", last."""
    articles = pooled_outlets(tables, filters, scoped_articles(
        tables, filters, columns=["article_id", "outlet", "n_chars"], comparing=True),
        shown=shown)
    rows = _rows(tables, filters, kinds, min_chars)
    per_article = _by_part(rows, ["target_id"])
    per_article["outlet"] = per_article.index.map(articles.set_index("article_id")["outlet"])
    reused = per_article.groupby("outlet")[list(PARTS)].sum()
    out = articles.groupby("outlet").agg(articles=("article_id", "size"),
                                         chars=("n_chars", "sum"))
    out = out.join(reused).fillna(0)
    for part in PARTS:
        out[part] = out[part].astype("int64")
        out[f"{part.replace(' ', '_')}_share"] = out[part] / out["chars"].where(out["chars"] > 0)
    out["reused_share"] = out[["credited_share", "uncredited_share",
                               "rewritten_share"]].sum(axis=1)
    out = out.rename(columns={"order unknown": "order_unknown"}).reset_index()
    return out.assign(_pooled=out["outlet"] == OTHER_OUTLETS).sort_values(
        ["_pooled", "reused_share", "outlet"], ascending=[True, False, True],
        ignore_index=True).drop(columns="_pooled")


def outlet_graph(tables: Tables, filters: Filters = NO_FILTERS, *,
                 kinds: tuple[str, ...] = DEFAULT_KINDS, min_chars: int = 0) -> pd.DataFrame:
    """Source outlet -> target outlet, weighted by the target characters taken (each stretch
    from its best source only, `first_source`; direction decided)."""
    rows = _rows(tables, filters, kinds, min_chars)
    rows = rows[rows["first_source"] & (rows["part"] != "order unknown")]
    columns = ["source_outlet", "target_outlet", "chars", "credited_chars", "credited_share",
               "passages", "article_pairs"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="string" if "outlet" in c else "float64")
                             for c in columns})
    by = ["source_outlet", "target_outlet", "target_id"]
    chars = _covered(rows, by).groupby(level=[0, 1]).sum()
    credited = _covered(rows[rows["part"] == "credited"], by).groupby(level=[0, 1]).sum()
    edge = ["source_outlet", "target_outlet"]
    counts = pd.DataFrame({
        "passages": rows.groupby(edge).size(),
        "article_pairs": rows.drop_duplicates([*edge, "source_id", "target_id"])
        .groupby(edge).size()})
    out = pd.DataFrame({"chars": chars}).join(
        pd.DataFrame({"credited_chars": credited})).fillna(0).join(counts)
    out["credited_share"] = out["credited_chars"] / out["chars"].where(out["chars"] > 0)
    out = out.reset_index()
    out[["chars", "credited_chars"]] = out[["chars", "credited_chars"]].astype("int64")
    return out[columns].sort_values(["chars", "source_outlet", "target_outlet"],
                                    ascending=[False, True, True], ignore_index=True)


def reuse_pairs(tables: Tables, filters: Filters = NO_FILTERS, *,
                kinds: tuple[str, ...] = DEFAULT_KINDS, min_chars: int = 0) -> pd.DataFrame:
    """One row per (source article, target article): outlets, titles, dates, passages, the
    target's share taken, its credited part, the direction's basis, and whether the build
    flagged one as a duplicate of the other."""
    rows = _rows(tables, filters, kinds, min_chars)
    columns = ["source_outlet", "source_title", "source_published", "target_outlet",
               "target_title", "target_published", "passages", "rewritten", "chars",
               "target_share", "credited_share", "similarity", "direction", "duplicate",
               "source_id", "target_id"]
    if rows.empty:
        return _empty_pairs(columns)
    pair = ["source_id", "target_id"]
    chars = _covered(rows, pair).rename("chars")
    credited = _covered(rows[rows["part"] == "credited"], pair).rename("credited")
    weight = rows["target_end"] - rows["target_start"]
    summary = rows.assign(
        _w=weight, _ws=weight * rows["similarity"],
        _verbatim=(rows["kind"] == "verbatim").astype("int64"),
        _rewritten=(rows["kind"] == "rewritten").astype("int64"),
    ).groupby(pair).agg(
        passages=("_verbatim", "sum"), rewritten=("_rewritten", "sum"),
        direction=("direction", "first"), source_outlet=("source_outlet", "first"),
        target_outlet=("target_outlet", "first"), _w=("_w", "sum"), _ws=("_ws", "sum"))
    out = summary.join(chars).join(credited).fillna({"credited": 0}).reset_index()
    meta = tables.articles.set_index("article_id")[["title", "published", "n_chars"]]
    for side in ("source", "target"):
        found = meta.reindex(out[f"{side}_id"])
        out[f"{side}_title"] = found["title"].to_numpy()
        out[f"{side}_published"] = found["published"].to_numpy()
    out["target_share"] = out["chars"] / meta["n_chars"].reindex(out["target_id"]).to_numpy()
    out["credited_share"] = out["credited"] / out["chars"].where(out["chars"] > 0)
    out["similarity"] = (out["_ws"] / out["_w"]).round(4)
    out["duplicate"] = _duplicate_flags(tables, out)
    out = out[columns].sort_values(["chars", "source_id", "target_id"],
                                   ascending=[False, True, True], ignore_index=True)
    return out.astype({"chars": "int64", "passages": "int64", "rewritten": "int64"})


def _empty_pairs(columns: list[str]) -> pd.DataFrame:
    numeric = {"passages", "rewritten", "chars"}
    floats = {"target_share", "credited_share", "similarity"}
    dates = {"source_published", "target_published"}
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in numeric else "float64"
                                      if c in floats else "datetime64[ns]" if c in dates
                                      else "string") for c in columns})


def _duplicate_flags(tables: Tables, pairs: pd.DataFrame) -> pd.Series:
    """"exact" or "near" when the build flagged one article of the pair as repeating the
    other (either way round), else ""."""
    flags = tables.duplicates
    kind = {}
    for a, b, k in zip(flags["article_id"], flags["duplicate_of"], flags["kind"], strict=True):
        kind[(a, b)] = kind[(b, a)] = k
    return pd.Series([kind.get((s, t), "") for s, t in zip(pairs["source_id"],
                                                            pairs["target_id"], strict=True)],
                     index=pairs.index, dtype="string")


def passages(tables: Tables, filters: Filters = NO_FILTERS, *,
             kinds: tuple[str, ...] = DEFAULT_KINDS, min_chars: int = 0,
             source_outlet: str | None = None, target_outlet: str | None = None,
             source_id: str | None = None, target_id: str | None = None,
             part: str | None = None, texts: TextSource | None = None) -> pd.DataFrame:
    """The passages behind a figure, with the text of each side: those of one target outlet
    (a share bar), one source -> target outlet edge, or one article pair; `part` narrows to
    one part."""
    rows = _rows(tables, filters, kinds, min_chars)
    for column, value in (("source_outlet", source_outlet), ("target_outlet", target_outlet),
                          ("source_id", source_id), ("target_id", target_id),
                          ("part", part)):
        if value is not None:
            rows = rows[rows[column] == value]
    ids = pd.DataFrame({"article_id": pd.unique(pd.concat([rows["source_id"],
                                                           rows["target_id"]]))})
    found = with_text(tables, "articles", ids, texts=texts).set_index("article_id")["text"]
    meta = tables.articles.set_index("article_id")[["title", "published"]]
    out = rows.copy()
    for side in ("source", "target"):
        text = found.reindex(out[f"{side}_id"]).fillna("").to_numpy()
        out[f"{side}_passage"] = pd.array(
            [t[s:e] for t, s, e in zip(text, out[f"{side}_start"], out[f"{side}_end"],
                                       strict=True)], dtype="string")
        out[f"{side}_title"] = meta["title"].reindex(out[f"{side}_id"]).to_numpy()
        out[f"{side}_published"] = meta["published"].reindex(out[f"{side}_id"]).to_numpy()
    out = out.sort_values(["target_outlet", "target_id", "target_start", "source_id"],
                          ignore_index=True)
    return out[PASSAGE_COLUMNS]


def duplicate_pairs(tables: Tables, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Articles that repeat another whole (the build's near-duplicate flags), both in scope."""
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet", "title"])
    meta = articles.set_index("article_id")
    flags = tables.duplicates[in_set(tables.duplicates["article_id"], meta.index)
                              & in_set(tables.duplicates["duplicate_of"], meta.index)]
    out = pd.DataFrame({
        "outlet": meta["outlet"].reindex(flags["article_id"]).to_numpy(),
        "title": meta["title"].reindex(flags["article_id"]).to_numpy(),
        "repeats_outlet": meta["outlet"].reindex(flags["duplicate_of"]).to_numpy(),
        "repeats_title": meta["title"].reindex(flags["duplicate_of"]).to_numpy(),
        "kind": flags["kind"].to_numpy(), "similarity": flags["similarity"].to_numpy(),
        "article_id": flags["article_id"].to_numpy(),
        "duplicate_of": flags["duplicate_of"].to_numpy()})
    return out.astype({c: "string" for c in out.columns if c != "similarity"})
