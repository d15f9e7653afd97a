"""The table contract: every table's columns and dtypes, declared once.

Builds, the store and the views all go through `conform`, so a table that leaves
this package always has exactly these columns in this order with these dtypes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# 2: mentions.tone (entity-targeted tone of each mention)
# 3: the reuse and duplicates tables, articles.n_chars
SCHEMA_VERSION = 3

# dtype names as pandas understands them; "string" is the nullable StringDtype.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "outlet": "string",
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
    "rejects": {
        "input": "string",
        "reason": "string",
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
}

TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)

# What each column means, shown on the Data page next to the table.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "stable id: a hash of outlet, title and text",
        "outlet": "the news outlet (manifest, import column, or a clear sign-off in the text)",
        "title": "headline",
        "published": "publication date",
        "url": "where the article was published, when known",
        "source": "the input file or row it came from",
        "text": "the article text that all offsets point into",
        "n_words": "whitespace-separated words",
        "n_chars": "characters of the text (what reuse shares are shares of)",
        "n_sentences": "sentences found by spaCy",
        "tone": "mean VADER compound of its sentences (-1 negative .. +1 positive)",
    },
    "sentences": {
        "article_id": "the article",
        "sentence_id": "position of the sentence in its article, from 0",
        "start": "character offset of the sentence start in articles.text",
        "end": "character offset of the sentence end",
        "text": "the sentence",
        "tone": "VADER compound (-1 .. +1)",
        "pos": "VADER share of positive words",
        "neu": "VADER share of neutral words",
        "neg": "VADER share of negative words",
    },
    "mentions": {
        "article_id": "the article",
        "sentence_id": "the sentence it occurs in",
        "start": "character offset of the mention in articles.text",
        "end": "character offset of the mention end",
        "text": "the mention as written",
        "label": "spaCy entity label (PERSON, ORG, GPE, ...)",
        "entity_id": "the canonical entity it refers to",
        "place_id": "GeoNames id of the resolved place, when it is one",
        "tone": "entity-targeted tone of this mention in its sentence, by the trained scorer "
                "(analysis.tone.targeted): P(positive) - P(negative), -1 .. +1",
    },
    "entities": {
        "entity_id": "stable id of the canonical entity",
        "name": "canonical name",
        "label": "majority spaCy label of its mentions",
        "n_mentions": "mentions in the corpus",
        "n_articles": "articles that mention it",
        "n_outlets": "outlets that mention it",
        "aliases": "the other spellings merged into it, separated by ' | '",
    },
    "places": {
        "place_id": "GeoNames id",
        "name": "place name in the gazetteer",
        "kind": "city, country, region or continent",
        "country_code": "ISO 3166 alpha-2 country",
        "lat": "latitude",
        "lon": "longitude",
        "population": "population in the gazetteer",
    },
    "rejects": {
        "input": "the input file or row",
        "reason": "why it was not imported",
    },
    "reuse": {
        "source_id": "the article the passage was likely taken from",
        "target_id": "the article that took it (another outlet's)",
        "source_start": "character offset of the passage in the source's articles.text",
        "source_end": "character offset of the passage end in the source",
        "target_start": "character offset of the passage in the target's articles.text",
        "target_end": "character offset of the passage end in the target",
        "chars": "characters of the target matched word for word (rewritten: its sentence)",
        "similarity": "verbatim: share of the passage's words aligned (0 .. 1); rewritten: "
                      "content-word overlap of the two sentences (Dice)",
        "kind": "verbatim (aligned text, small edits allowed), rewritten (a sentence saying "
                "the same in other words: same entities, same order) or quotation (mostly "
                "inside quotation marks in both articles: a speaker both quote)",
        "direction": "why the source is the source: date (published earlier), credit (the "
                     "target names it), credit line (the source declares a source of its own), "
                     "containment (the target is mostly this pair's text), or undecided",
        "credited": "the target quotes the passage or names the source near it",
        "credit": "how: quoted, named: <name the target uses>, both, or empty",
        "first_source": "the best known source of this stretch of the target (earliest, then "
                        "closest); the outlet graph counts these rows",
    },
    "duplicates": {
        "article_id": "an article that repeats another, as a whole",
        "duplicate_of": "the earlier article (in corpus order) it repeats",
        "similarity": "Jaccard overlap of their word 5-shingles (1 for the same words)",
        "kind": "exact (the same words) or near (similarity of 0.8 or more)",
    },
}


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
    """The five analysis tables of a build, the import rejects, and what was reused (passages
    between articles, and whole articles that repeat others).

    Tables loaded for the app leave out the `text` columns of articles and sentences (the bulk
    of a large store); analysis.tables.texts reads the texts a view shows through a
    `TextSource` the caller hands in.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    places: pd.DataFrame
    rejects: pd.DataFrame
    reuse: pd.DataFrame = field(default_factory=lambda: empty("reuse"))
    duplicates: pd.DataFrame = field(default_factory=lambda: empty("duplicates"))

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in TABLE_NAMES]

    @classmethod
    def conformed(cls, **tables: pd.DataFrame) -> Tables:
        return cls(**{name: conform(df, name) for name, df in tables.items()})
