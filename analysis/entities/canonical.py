"""Canonical entities: every mention's entity id, the entities table, and the merges with their
reasons.

The canonical name of each mention comes from analysis.entities.naming (its rules in order);
the same name, case aside, across articles is one entity, named as it is written most often,
with the label most of its mentions carry. Counts (mentions, articles, outlets) are of the
mentions that count: those the article names, not the credits in its dateline, byline or
sign-off (analysis.entities.roles).
"""

from __future__ import annotations

import hashlib
import itertools
import operator

import numpy as np
import pandas as pd

from analysis.entities.names import normalise_cached
from analysis.entities.naming import RULES, canonical_codes
from analysis.tables import conform, empty, sorted_unique

ENTITY_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def entity_id_for(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def _distinct_count(groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, how many distinct values its rows hold."""
    width = int(values.max()) + 2 if len(values) else 1
    pairs = sorted_unique(groups.astype(np.int64) * width + values)
    return np.bincount(pairs // width, minlength=n_groups)


def canonicalise(
    mentions: pd.DataFrame,
    *,
    outlets: pd.Series,
    aliases: dict[str, str] | None = None,
    place_names: pd.Series | None = None,
    counted: np.ndarray | None = None,
) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """Assign every mention an entity id; build the entities and the merges tables.

    `outlets` maps article_id -> outlet; `place_names` maps place_id -> name for mentions that
    carry a place_id; `counted` marks the mentions that count (default: all). Returns (entity_id
    aligned to mentions.index, entities table, merges table).
    """
    if mentions.empty:
        return (pd.Series(index=mentions.index, dtype="string"), empty("entities"),
                empty("merges"))
    counted = np.ones(len(mentions), dtype=bool) if counted is None else np.asarray(counted)
    codes, rules, vocab = canonical_codes(mentions, aliases=aliases or {},
                                          place_names=place_names)
    name_codes, used = pd.factorize(codes)
    name_values = [vocab.words[c] for c in used.tolist()]
    key_codes, key_values = pd.factorize(pd.Series([v.lower() for v in name_values],
                                                   dtype=object))
    key_values = key_values.tolist()
    # entities in order of first appearance (as a groupby without sorting would give)
    ent_of_mention, ent_keys = pd.factorize(key_codes[name_codes])
    ent_ids = np.asarray([entity_id_for(key_values[k]) for k in ent_keys.tolist()],
                         dtype=object)
    entity_ids = pd.Series(ent_ids[ent_of_mention], index=mentions.index, dtype="string",
                           name="text")
    n_ent = len(ent_keys)
    ent = ent_of_mention.astype(np.int64)
    position = np.arange(len(ent), dtype=np.int64)

    def most_common(values: np.ndarray, rank: np.ndarray | None = None) -> np.ndarray:
        """Per entity: the value it carries most often; ties by `rank`, then first appearance."""
        frame = pd.DataFrame({"ent": ent, "code": values, "pos": position})
        agg = frame.groupby(["ent", "code"], sort=False)["pos"].agg(["size", "min"])
        agg = agg.reset_index()
        tie = rank[agg["code"].to_numpy()] if rank is not None else np.zeros(len(agg))
        order = np.lexsort((agg["min"].to_numpy(), tie, -agg["size"].to_numpy(),
                            agg["ent"].to_numpy()))
        best = agg.iloc[order].drop_duplicates("ent")
        out = np.empty(n_ent, dtype=np.int64)
        out[best["ent"].to_numpy()] = best["code"].to_numpy()
        return out

    display = most_common(name_codes)
    label_codes, label_values = pd.factorize(mentions["label"])
    # a label of ENTITY_LABEL_PRIORITY wins a tie in that order; other labels by appearance
    priority = {lab: i for i, lab in enumerate(ENTITY_LABEL_PRIORITY)}
    label_rank = np.asarray([priority.get(lab, len(priority)) for lab in label_values])
    label = most_common(label_codes, label_rank)

    article_codes, article_ids = pd.factorize(mentions["article_id"])
    outlet_codes = pd.factorize(pd.Series(article_ids).map(outlets))[0][article_codes]
    known = counted & (outlet_codes >= 0)
    display_names = np.asarray(name_values, dtype=object)[display]
    surfaces = _surfaces(mentions)
    entities = pd.DataFrame({
        "entity_id": ent_ids,
        "name": display_names,
        "label": np.asarray(label_values, dtype=object)[label],
        "n_mentions": np.bincount(ent[counted], minlength=n_ent),
        "n_articles": _distinct_count(ent[counted], article_codes[counted], n_ent),
        "n_outlets": _distinct_count(ent[known], outlet_codes[known], n_ent),
        "aliases": _alias_text(ent, surfaces, display_names, n_ent),
    })
    entities = entities.sort_values(["n_mentions", "name"], ascending=[False, True])
    merges = _merges(ent, surfaces, rules, ent_ids, display_names)
    return entity_ids, conform(entities, "entities"), merges


def _surfaces(mentions: pd.DataFrame) -> np.ndarray:
    """Every mention's normalised spelling."""
    codes, values = pd.factorize(mentions["text"])
    normal = np.asarray([normalise_cached(t) for t in list(values)], dtype=object)
    return normal[codes]


def _alias_text(ent: np.ndarray, surfaces: np.ndarray, display: np.ndarray,
                n_ent: int) -> np.ndarray:
    """Per entity, the other spellings merged into it, case-insensitively sorted, " | "."""
    spellings = pd.DataFrame({"ent": ent, "surface": surfaces}).drop_duplicates()
    spellings = spellings[spellings["surface"].to_numpy() != display[spellings["ent"]]]
    spellings["lower"] = spellings["surface"].str.lower()
    spellings = spellings.sort_values(["ent", "lower", "surface"], kind="stable")
    text = np.full(n_ent, "", dtype=object)
    for e, group in itertools.groupby(zip(spellings["ent"].tolist(),
                                          spellings["surface"].tolist(), strict=True),
                                      key=operator.itemgetter(0)):
        text[e] = " | ".join(surface for _, surface in group)
    return text


def _merges(ent: np.ndarray, surfaces: np.ndarray, rules: np.ndarray, ent_ids: np.ndarray,
            display: np.ndarray) -> pd.DataFrame:
    """One row per spelling merged into an entity under another name: the rule that merged
    it most often, and how many mentions are written so."""
    frame = pd.DataFrame({"ent": ent, "alias": surfaces, "rule": rules})
    frame = frame[frame["alias"].to_numpy() != display[frame["ent"].to_numpy()]]
    if frame.empty:
        return empty("merges")
    counted = frame.groupby(["ent", "alias", "rule"]).size().rename("n").reset_index()
    counted = counted.sort_values(["ent", "alias", "n", "rule"], ascending=[True, True, False,
                                                                            True])
    best = counted.drop_duplicates(["ent", "alias"])
    totals = frame.groupby(["ent", "alias"]).size()
    out = pd.DataFrame({
        "entity_id": ent_ids[best["ent"].to_numpy()],
        "name": display[best["ent"].to_numpy()],
        "alias": best["alias"].to_numpy(),
        "rule": np.asarray(RULES, dtype=object)[best["rule"].to_numpy()],
        "n_mentions": totals.loc[list(zip(best["ent"], best["alias"], strict=True))].to_numpy(),
    })
    return conform(out.sort_values(["name", "alias"], ignore_index=True), "merges")
