"""Canonical entities: the many spellings of one person or organisation become one row.

Rules, applied in order (general, not written for any one corpus):
1. normalise: straight quotes, collapsed whitespace, no leading "the", no possessive "'s";
2. people: leading titles are dropped ("Defence Minister Li Shangfu" -> "Li Shangfu");
3. a one-word name that starts or ends a multi-word PERSON name in the same article is that
   person ("Li", "Shangfu" -> "Li Shangfu"); failing that, when the article labels the word
   PERSON somewhere, the one multi-word PERSON in the corpus that it starts or ends, if
   exactly one does;
4. curated merges from a user-editable alias file (alias,canonical);
5. mentions resolved to the same place are one entity named as the gazetteer names it
   ("US", "U.S." and "United States" -> "United States");
6. the same normalised name across articles is one entity; its label is the majority label.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.schemas import conform

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_EDGE_PUNCT = re.compile(r"^[\s\"'(\[.,;:-]+|[\s\"')\].,;:-]+$")

# Honorifics and offices that precede a person's name in news copy.
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
    president vice minister prime premier chancellor secretary general gen. gen
    colonel col. lt. lieutenant major maj. captain capt. admiral commander
    senator sen. sen representative rep. rep congressman congresswoman governor gov. gov
    mayor judge justice ambassador envoy spokesman spokeswoman spokesperson chairman
    chairwoman chair director chief leader king queen prince princess pope cardinal
    bishop archbishop sheikh emir councilor councillor state defense defence foreign
    interior finance deputy former acting national chinese russian belarusian american
    """.split()
)

ENTITY_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def normalise_name(text: str) -> str:
    """Surface form without quotes, possessive, leading article or stray punctuation."""
    name = " ".join(text.translate(_QUOTES).split())
    name = _EDGE_PUNCT.sub("", name)
    name = _POSSESSIVE.sub("", name)
    if name.lower().startswith("the "):
        name = name[4:]
    return _EDGE_PUNCT.sub("", name).strip()


def strip_titles(name: str) -> str:
    """Drop leading titles from a person's name, keeping at least one word."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


def load_aliases(path: Path | None) -> dict[str, str]:
    """Curated merges: lower-cased alias -> canonical name. A missing file means none."""
    if path is None or not Path(path).exists():
        return {}
    table = pd.read_csv(path, dtype="string", comment="#").dropna()
    return {
        normalise_name(alias).lower(): normalise_name(canonical)
        for alias, canonical in zip(table["alias"], table["canonical"], strict=True)
    }


def entity_id_for(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


class _NameIndex:
    """Multi-word PERSON names indexed by their first and by their last word."""

    def __init__(self, full_names: set[str]) -> None:
        self.full_names = full_names
        self.by_edge: dict[str, set[str]] = {}
        for full in full_names:
            words = full.lower().split()
            self.by_edge.setdefault(words[0], set()).add(full)
            self.by_edge.setdefault(words[-1], set()).add(full)

    def partial(self, word: str) -> str | None:
        """The one full name that starts or ends with `word`; None when none or several do."""
        hits = self.by_edge.get(word.lower(), set())
        return next(iter(hits)) if len(hits) == 1 else None

    def longest_suffix(self, name: str) -> str | None:
        """The longest known full name that `name` ends with ("Envoy Li Hui" -> "Li Hui")."""
        words = name.split()
        for i in range(1, len(words) - 1):
            suffix = " ".join(words[i:])
            if suffix in self.full_names:
                return suffix
        return None


def _people(names: pd.Series, labels: pd.Series) -> _NameIndex:
    multi_word = names[(labels == "PERSON") & names.str.contains(" ", regex=False)]
    return _NameIndex(set(multi_word))


def canonical_names(
    mentions: pd.DataFrame, *, aliases: dict[str, str], place_names: pd.Series | None = None
) -> pd.Series:
    """The canonical name of every mention, aligned to `mentions.index`.

    `place_names` maps place_id -> name; mentions with a place_id take that name.
    """
    names = mentions["text"].map(normalise_name)
    is_person = mentions["label"] == "PERSON"
    names = names.where(~is_person, names.map(strip_titles))
    labels = mentions["label"]

    corpus_people = _people(names, labels)
    for idx in names[is_person].index:
        full = corpus_people.longest_suffix(names.at[idx])
        if full is not None:
            names.at[idx] = full

    one_word = ~names.str.contains(" ", regex=False) & labels.isin(["PERSON", "ORG"])
    for _, positions in mentions.groupby("article_id", sort=False).indices.items():
        article_index = mentions.index[positions]
        article_people = _people(names[article_index], labels[article_index])
        # spaCy may label one "Li's" ORG and the next "Li" PERSON: the PERSON reading wins.
        person_words = set(names[article_index][labels[article_index] == "PERSON"])
        for idx in article_index[one_word[article_index].to_numpy()]:
            full = article_people.partial(names.at[idx])
            if full is None and names.at[idx] in person_words:
                full = corpus_people.partial(names.at[idx])
            if full is not None:
                names.at[idx] = full

    names = names.map(lambda n: aliases.get(n.lower(), n))
    if place_names is not None and "place_id" in mentions:
        resolved = mentions["place_id"].map(place_names)
        names = names.where(resolved.isna(), resolved)
    return names


def canonicalise(
    mentions: pd.DataFrame,
    *,
    outlets: pd.Series,
    aliases: dict[str, str] | None = None,
    place_names: pd.Series | None = None,
) -> tuple[pd.Series, pd.DataFrame]:
    """Assign every mention an entity id and build the entities table.

    `outlets` maps article_id -> outlet; `place_names` maps place_id -> name for mentions that
    carry a place_id. Returns (entity_id aligned to mentions.index,
    entities table).
    """
    if mentions.empty:
        return pd.Series(index=mentions.index, dtype="string"), conform(
            pd.DataFrame(columns=["entity_id", "name", "label", "n_mentions", "n_articles",
                                  "n_outlets", "aliases"]),
            "entities",
        )
    names = canonical_names(mentions, aliases=aliases or {}, place_names=place_names)
    keys = names.str.lower()
    entity_ids = keys.map(entity_id_for).astype("string")

    frame = pd.DataFrame(
        {
            "entity_id": entity_ids,
            "key": keys,
            "name": names,
            "surface": mentions["text"].map(normalise_name),
            "label": mentions["label"],
            "article_id": mentions["article_id"],
            "outlet": mentions["article_id"].map(outlets),
        }
    )
    rows = []
    for entity_id, group in frame.groupby("entity_id", sort=False):
        display = Counter(group["name"]).most_common(1)[0][0]
        label_counts = Counter(group["label"])
        top = max(label_counts.values())
        label = next(
            (lab for lab in ENTITY_LABEL_PRIORITY if label_counts.get(lab) == top),
            label_counts.most_common(1)[0][0],
        )
        others = sorted(set(group["surface"]) - {display}, key=str.lower)
        rows.append(
            {
                "entity_id": entity_id,
                "name": display,
                "label": label,
                "n_mentions": len(group),
                "n_articles": group["article_id"].nunique(),
                "n_outlets": group["outlet"].nunique(),
                "aliases": " | ".join(others),
            }
        )
    entities = pd.DataFrame(rows).sort_values(["n_mentions", "name"], ascending=[False, True])
    return entity_ids, conform(entities, "entities")
