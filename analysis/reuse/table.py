"""From check results to the `reuse` table: one row per passage, from its source to its target.

- Boilerplate out: a passage is kept only when it overlaps a chain of rare seeds of its pair
  (analysis.reuse.index), so text made of stock phrases and outlet footers alone is no reuse.
- Coincidences out: a pair of articles is kept when they share at least `MIN_PAIR_CHARS`
  characters, or the later one quotes the passage and names the other. Measured on the
  AllSides corpus (by reading): pairs sharing one phrase of 50 to 100 characters are nearly
  all a shared name or title ("Pentagon press secretary Rear Adm. John Kirby said") or a
  stock phrase.
- Direction per pair (analysis.reuse.attribution.direction), credit per passage; a passage
  mostly inside quotation marks in both articles is a `quotation` (both quote one speaker),
  apart from verbatim reuse.
- Rewritten sentences: candidates that name the same entities and keep their order with the
  pair's verbatim passages, at least MIN_REWRITTEN of them (analysis.reuse.rewritten).
- `first_source`: in each target article, for each stretch of text, the best of the sources it
  is found in (verbatim, then rewritten, then quotation; then a decided direction, then the
  earliest, then the closest copy): Passim's "seriatim", so a passage found in three earlier
  outlets counts once in the outlet graph.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.reuse.attribution import Side, credit, direction, shared_quotation
from analysis.reuse.checks import Bounds
from analysis.reuse.rewritten import MIN_REWRITTEN, in_order, same_entities

MIN_PAIR_CHARS = 100  # text two articles must share, unless the later one credits the other
COLUMNS = ["source_id", "target_id", "source_start", "source_end", "target_start", "target_end",
           "chars", "similarity", "kind", "direction", "credited", "credit", "first_source"]


def _not_boilerplate(passages: pd.DataFrame, chains: pd.DataFrame) -> pd.DataFrame:
    """Passages that overlap a chain of rare seeds of their pair, in both texts."""
    if passages.empty:
        return passages
    numbered = passages.reset_index(drop=True).rename_axis("passage").reset_index()
    both = numbered.merge(chains, on=["x", "y"])
    overlap = ((both["a_word"] < both["x1"]) & (both["a_word"] + both["a_words"] > both["x0"])
               & (both["b_word"] < both["y1"]) & (both["b_word"] + both["b_words"] > both["y0"]))
    kept = np.unique(both.loc[overlap, "passage"].to_numpy())
    return numbered.loc[kept].drop(columns="passage")


def _union(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, -1
    for start, end in sorted(spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def reuse_table(articles: pd.DataFrame, passages: pd.DataFrame, rewrites: pd.DataFrame,
                chains: pd.DataFrame, *, bounds: list[Bounds] | None,
                sentences: pd.DataFrame | None, mentions: pd.DataFrame | None
                ) -> pd.DataFrame:
    """The table's rows (COLUMNS). `passages` and `rewrites` carry the pair's corpus positions
    x and y, x as side a; `bounds`, `sentences` and `mentions` are None without sentences."""
    passages = _not_boilerplate(passages, chains)
    ids = articles["article_id"].astype(str).to_numpy()
    texts = articles["text"].astype(str).tolist()
    outlets, published = articles["outlet"].tolist(), articles["published"].tolist()
    sides: dict[int, Side] = {}

    def side(doc: int) -> Side:
        if doc not in sides:
            sides[doc] = Side.of(texts[doc], outlets[doc], published[doc])
        return sides[doc]

    entities = _sentence_entities(articles, sentences, mentions) if mentions is not None else {}
    sentence_ids = _sentence_ids(articles, sentences) if sentences is not None else {}
    verbatim = _by_pair(passages, ["a_start", "a_end", "b_start", "b_end", "a_chars", "b_chars",
                                   "similarity"])
    candidates = _by_pair(rewrites, ["sentence_x", "sentence_y", "dice"])
    rows = []
    for x, y in sorted(set(verbatim) | set(candidates)):
        pieces = [(*piece, "verbatim") for piece in verbatim.get((x, y), [])]
        if (x, y) in candidates and bounds is not None:
            pieces += _rewritten(candidates[(x, y)], bounds[x], bounds[y], pieces,
                                 entities, sentence_ids.get(x), sentence_ids.get(y),
                                 ids[x], ids[y])
        if not pieces:
            continue
        sx, sy = side(x), side(y)
        shared_x = _union([(p[0], p[1]) for p in pieces])
        shared_y = _union([(p[2], p[3]) for p in pieces])
        x_first, basis = direction(sx, sy, share_x=shared_x / max(len(sx.text), 1),
                                   share_y=shared_y / max(len(sy.text), 1))
        found = []
        for a0, a1, b0, b1, a_chars, b_chars, similarity, kind in pieces:
            if x_first:
                source, target, s_span, t_span, chars = x, y, (a0, a1), (b0, b1), b_chars
            else:
                source, target, s_span, t_span, chars = y, x, (b0, b1), (a0, a1), a_chars
            if kind == "verbatim" and shared_quotation(side(source), side(target),
                                                       source_span=s_span, target_span=t_span):
                kind, how = "quotation", ""
            else:
                how = credit(side(source), side(target), source_span=s_span,
                             target_span=t_span)
            found.append((ids[source], ids[target], *s_span, *t_span, chars, similarity, kind,
                          basis, bool(how), how, published[source]))
        # a pair that shares one short phrase shares a name or a stock phrase, not copy,
        # unless the later one quotes it and names the other
        credit_at = COLUMNS.index("credit")
        if min(shared_x, shared_y) >= MIN_PAIR_CHARS or any(
                "quoted" in row[credit_at] and "named" in row[credit_at] for row in found):
            rows += found
    table = pd.DataFrame(rows, columns=[*COLUMNS[:-1], "_published"])
    table["first_source"] = _first_sources(table)
    order = ["target_id", "target_start", "source_id", "source_start", "kind"]
    return table.drop(columns="_published").sort_values(order, ignore_index=True)


def _by_pair(frame: pd.DataFrame, columns: list[str]) -> dict[tuple[int, int], list[tuple]]:
    """The rows of each pair (x, y), as tuples of `columns` (plain Python numbers)."""
    out: dict[tuple[int, int], list[tuple]] = {}
    values = zip(frame["x"].tolist(), frame["y"].tolist(),
                 *(frame[c].tolist() for c in columns), strict=True)
    for x, y, *row in values:
        out.setdefault((x, y), []).append(tuple(row))
    return out


def _sentence_ids(articles: pd.DataFrame, sentences: pd.DataFrame) -> dict[int, np.ndarray]:
    """Each article's sentence_ids in text order (the order of analysis.reuse.find's bounds)."""
    position = {aid: k for k, aid in enumerate(articles["article_id"].astype(str))}
    rows = sentences[["article_id", "sentence_id", "start"]].sort_values(["article_id", "start"])
    return {position[str(aid)]: g["sentence_id"].to_numpy(np.int64)
            for aid, g in rows.groupby("article_id", sort=False) if str(aid) in position}


def _sentence_entities(articles: pd.DataFrame, sentences: pd.DataFrame | None,
                       mentions: pd.DataFrame) -> dict[tuple[str, int], set]:
    named = mentions.dropna(subset=["entity_id"])
    return {(str(aid), int(sid)): set(g)
            for (aid, sid), g in named.groupby(["article_id", "sentence_id"])["entity_id"]}


def _rewritten(candidates: list[tuple], bounds_x: Bounds, bounds_y: Bounds, verbatim: list,
               entities: dict, ids_x: np.ndarray | None, ids_y: np.ndarray | None,
               article_x: str, article_y: str) -> list[tuple]:
    """The candidates that name the same entities and keep order with the verbatim passages."""
    if ids_x is None or ids_y is None:
        return []
    found = []
    for sx, sy, dice in candidates:
        sx, sy = int(sx), int(sy)
        if sx >= len(ids_x) or sy >= len(ids_y):
            continue
        if same_entities(entities.get((article_x, int(ids_x[sx])), set()),
                                   entities.get((article_y, int(ids_y[sy])), set())):
            a0, a1 = int(bounds_x[0][sx]), int(bounds_x[1][sx])
            b0, b1 = int(bounds_y[0][sy]), int(bounds_y[1][sy])
            found.append((a0, a1, b0, b1, a1 - a0, b1 - b0, float(dice), "rewritten"))
    if not found:
        return []
    pieces = [(p[0], p[2], p[7]) for p in verbatim] + [(p[0], p[2], p[7]) for p in found]
    chain = in_order(pieces)
    kept = [p for k, p in enumerate(found) if len(verbatim) + k in chain]
    return kept if len(kept) >= MIN_REWRITTEN else []


def _first_sources(table: pd.DataFrame) -> np.ndarray:
    """True for each row that is the best source of its stretch of the target (see module)."""
    best = np.zeros(len(table), dtype=bool)
    if table.empty:
        return best
    rank = table.assign(
        _kind=table["kind"].map({"verbatim": 0, "rewritten": 1}).fillna(2),
        _undecided=(table["direction"] == "undecided").astype(int),
        _similarity=-table["similarity"], _length=table["target_start"] - table["target_end"])
    # undated sources last (NaT sorts last)
    rank = rank.sort_values(["target_id", "_kind", "_undecided", "_published", "_similarity",
                             "_length", "source_id", "target_start"], na_position="last")
    for _, rows in rank.groupby("target_id", sort=False):
        accepted: list[tuple[str, int, int]] = []
        for k, source, start, end in zip(rows.index, rows["source_id"], rows["target_start"],
                                         rows["target_end"], strict=True):
            # only a better source's rows compete; one source's overlapping rows all stay
            inside = sum(max(0, min(end, e) - max(start, s)) for other, s, e in accepted
                         if other != source)
            if inside * 2 < end - start:
                best[k] = True
                accepted.append((source, start, end))
    return best
