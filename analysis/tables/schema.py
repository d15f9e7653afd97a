"""The table contract: every table's columns and dtypes, declared once.

Builds, the store and the views all go through `conform`, so a table that leaves
this package always has exactly these columns in this order with these dtypes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# 2: mentions.tone (entity-targeted tone of each mention); 3: the notes table; 4: sentence
# kinds, where an article's outlet came from, mention roles, the merges table, and how a
# place was found and chosen (mentions.place_rule, place_confidence, place_runner_up)
# 5: quotes and citations (analysis.sources: who speaks, whom each outlet cites)
# 6: reuse and duplicates (analysis.reuse: passages shared between articles), articles.n_chars
# 7: groups (outlet -> group, country, kind), terms and article_terms (distinctive words)
SCHEMA_VERSION = 7

# dtype names as pandas understands them; "string" is the nullable StringDtype.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "outlet": "string",
        "outlet_from": "string",
        "title": "string",
        "published": "datetime64[ns]",
        "url": "string",
        "source": "string",
        "text": "string",
        "n_words": "int64",
        "n_chars": "int64",
        "n_sentences": "int64",
        "tone": "float64",
    },
    "sentences": {
        "article_id": "string",
        "sentence_id": "int64",
        "start": "int64",
        "end": "int64",
        "text": "string",
        "kind": "string",
        "tone": "float64",
        "pos": "float64",
        "neu": "float64",
        "neg": "float64",
    },
    "mentions": {
        "article_id": "string",
        "sentence_id": "int64",
        "start": "int64",
        "end": "int64",
        "text": "string",
        "label": "string",
        "entity_id": "string",
        "place_id": "Int64",
        "tone": "float64",
        "tone_label": "string",
        "role": "string",
        "place_rule": "string",
        "place_confidence": "float64",
        "place_runner_up": "Int64",
    },
    "entities": {
        "entity_id": "string",
        "name": "string",
        "label": "string",
        "n_mentions": "int64",
        "n_articles": "int64",
        "n_outlets": "int64",
        "aliases": "string",
    },
    "places": {
        "place_id": "int64",
        "name": "string",
        "kind": "string",
        "country_code": "string",
        "lat": "float64",
        "lon": "float64",
        "population": "int64",
    },
    "quotes": {
        "article_id": "string",
        "quote_id": "int64",
        "sentence_id": "int64",
        "start": "int64",
        "end": "int64",
        "parts": "string",
        "text": "string",
        "kind": "string",
        "cue": "string",
        "cue_start": "Int64",
        "cue_end": "Int64",
        "speaker_text": "string",
        "speaker_start": "Int64",
        "speaker_end": "Int64",
        "speaker_entity_id": "string",
        "speaker_name": "string",
        "speaker_rule": "string",
        "via_text": "string",
        "via_start": "Int64",
        "via_end": "Int64",
        "via_entity_id": "string",
        "tone": "float64",
    },
    "citations": {
        "article_id": "string",
        "quote_id": "int64",
        "sentence_id": "int64",
        "start": "int64",
        "end": "int64",
        "text": "string",
        "entity_id": "string",
        "name": "string",
        "role": "string",
        "source_type": "string",
        "outlet": "string",
        "channel": "string",
        "stance": "string",
    },
    "rejects": {
        "input": "string",
        "reason": "string",
    },
    "notes": {
        "input": "string",
        "note": "string",
    },
    "merges": {
        "entity_id": "string",
        "name": "string",
        "alias": "string",
        "rule": "string",
        "n_mentions": "int64",
    },
    "reuse": {
        "source_id": "string",
        "target_id": "string",
        "source_start": "int64",
        "source_end": "int64",
        "target_start": "int64",
        "target_end": "int64",
        "chars": "int64",
        "similarity": "float64",
        "kind": "string",
        "direction": "string",
        "credited": "bool",
        "credit": "string",
        "first_source": "bool",
    },
    "duplicates": {
        "article_id": "string",
        "duplicate_of": "string",
        "similarity": "float64",
        "kind": "string",
    },
    "groups": {
        "outlet": "string",
        "group": "string",
        "group_from": "string",
        "country": "string",
        "kind": "string",
    },
    "terms": {
        "term_id": "int32",
        "term": "string",
        "kind": "string",
    },
    "article_terms": {
        "article_id": "category",  # a few million rows: each id stored once
        "term_id": "int32",
        "sentences": "int32",
    },
}

TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)

def empty(name: str) -> pd.DataFrame:
    """An empty table with the declared columns and dtypes."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in SCHEMAS[name].items()})


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return `df` with exactly the declared columns, in order, cast to the declared dtypes.

    Raises KeyError naming the missing columns, so a broken build fails loudly.
    """
    schema = SCHEMAS[name]
    missing = [col for col in schema if col not in df.columns]
    if missing:
        raise KeyError(f"table {name!r} lacks columns {missing}")
    out = df.loc[:, list(schema)].copy()
    for col, dtype in schema.items():
        if str(out[col].dtype) != dtype:
            out[col] = out[col].astype(dtype)
    return out.reset_index(drop=True)


def check(df: pd.DataFrame, name: str) -> list[str]:
    """Differences between `df` and the declared schema; empty when it conforms."""
    schema = SCHEMAS[name]
    problems = []
    if list(df.columns) != list(schema):
        problems.append(f"{name}: columns {list(df.columns)} != {list(schema)}")
    for col, dtype in schema.items():
        if col in df.columns and str(df[col].dtype) != dtype:
            problems.append(f"{name}.{col}: dtype {df[col].dtype} != {dtype}")
    return problems


@dataclass(frozen=True)
class Tables:
    """The analysis tables of a build (articles to places, quotes and citations), the import's
    rejects and notes, the entity merges with their reasons, what was reused (passages
    between articles, and whole articles that repeat others), the outlets' groups, and the
    terms each article uses (for distinctive words).

    Tables loaded for the app leave out the `text` columns of articles, sentences and quotes
    (the bulk of a large store); analysis.tables.texts reads the texts a view shows through a
    `TextSource` the caller hands in.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    places: pd.DataFrame
    quotes: pd.DataFrame
    citations: pd.DataFrame
    rejects: pd.DataFrame
    notes: pd.DataFrame = field(default_factory=lambda: empty("notes"))
    merges: pd.DataFrame = field(default_factory=lambda: empty("merges"))
    reuse: pd.DataFrame = field(default_factory=lambda: empty("reuse"))
    duplicates: pd.DataFrame = field(default_factory=lambda: empty("duplicates"))
    groups: pd.DataFrame = field(default_factory=lambda: empty("groups"))
    terms: pd.DataFrame = field(default_factory=lambda: empty("terms"))
    article_terms: pd.DataFrame = field(default_factory=lambda: empty("article_terms"))

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in TABLE_NAMES]

    def columns_of(self, name: str, columns: list[str]) -> pd.DataFrame:
        """`columns` of table `name`; a reader that holds its tables only once used reads just
        these from the store (analysis.tables.compact.StoreTables)."""
        return getattr(self, name)[columns]

    @classmethod
    def conformed(cls, **tables: pd.DataFrame) -> Tables:
        return cls(**{name: conform(df, name) for name, df in tables.items()})
