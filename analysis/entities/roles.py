"""Mention roles: whether the article names an entity, or only credits it.

An article's dateline, byline and sign-off name its own outlet ("(Global Times)", "MOSCOW
(AP) —", "By Jane Doe, Reuters") and the sources of its text and photos; a caption ends with a
photo credit ("[Pavel Bednyakov/Sputnik via Reuters]"); site furniture names the site. None of
that is the article naming someone. So a mention there, other than a place, is:

- self: the article's own outlet (compared as analysis.ingest.outlet_key compares names);
- credit: another outlet, agency or person credited;
and every other mention is `named`. Only named mentions count (entities, co-occurrence, tone).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.ingest import outlet_key

NAMED, SELF, CREDIT = "named", "self", "credit"
CREDIT_KINDS = frozenset({"dateline", "byline", "signoff", "boilerplate"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# the credit that closes a caption: "[Photographer/Agency via Other]", "(AP Photo/Name)" (its
# opening bracket may end the sentence before)
_CAPTION_CREDIT = re.compile(
    r"(^|[\[(])[^\[\]()]*(/|\bphoto\b|\bvia\b|\bcredit\b)[^\[\]()]*[\])]\s*$", re.IGNORECASE)
# a caption that is nothing but credits: "Enlarge this image toggle caption Name/AP Name/AP"
_CREDITS_ONLY = re.compile(r"(?i)(toggle caption|^\(?photo\s*(:|by)|^(image|picture)\s*"
                           r"(copyright|credit)|^credit)")


def mention_roles(mentions: pd.DataFrame, sentences: pd.DataFrame,
                  articles: pd.DataFrame) -> pd.Series:
    """The role of every mention (aligned to `mentions.index`): named, self or credit.

    `mentions`: article_id, sentence_id, start, text, label; `sentences`: article_id,
    sentence_id, start, kind, text; `articles`: article_id, outlet.
    """
    keys = ["article_id", "sentence_id"]
    roles = np.full(len(mentions), NAMED, dtype=object)
    # only mentions in a segment other than body can be credits: look those up alone (the
    # body is nearly everything, and its texts are most of a build's memory)
    others = sentences.loc[sentences["kind"] != "body", [*keys, "start", "kind", "text"]]
    where = mentions[[*keys, "start", "text", "label"]].reset_index(drop=True).reset_index()
    where = where.merge(others.rename(columns={"start": "s_start", "text": "sentence"}),
                        on=keys, how="inner")
    if where.empty:
        return pd.Series(roles, index=mentions.index, dtype="string")
    is_place = where["label"].isin(list(PLACE_LABELS)).to_numpy()
    kind = where["kind"].to_numpy(dtype=object)
    credited = (np.isin(kind, list(CREDIT_KINDS)) & ~is_place) | (
        (kind == "caption") & _in_caption_credit(where))
    rows = where["index"].to_numpy()[credited]
    if len(rows):
        own = mentions["article_id"].iloc[rows].map(
            articles.set_index("article_id")["outlet"].map(outlet_key)).to_numpy(dtype=object)
        names = where.loc[credited, "text"].map(outlet_key).to_numpy(dtype=object)
        roles[rows] = np.where(names == own, SELF, CREDIT)
    return pd.Series(roles, index=mentions.index, dtype="string")


def _in_caption_credit(where: pd.DataFrame) -> np.ndarray:
    """Whether each mention (of a caption) lies in the credit that closes its caption."""
    out = np.zeros(len(where), dtype=bool)
    captions = where["kind"].eq("caption").fillna(False).to_numpy()
    for i in np.flatnonzero(captions):
        sentence = where["sentence"].iat[i]
        if not isinstance(sentence, str):
            continue
        if _CREDITS_ONLY.search(sentence):
            out[i] = True
            continue
        credit = _CAPTION_CREDIT.search(sentence)
        out[i] = bool(credit) and where["start"].iat[i] - where["s_start"].iat[i] >= credit.start()
    return out
