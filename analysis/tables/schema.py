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
# 6: groups (outlet -> group, country, kind), terms and article_terms (distinctive words)
SCHEMA_VERSION = 6

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

# What each column means, shown on the Data page next to the table.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "stable id: a hash of outlet, title and text",
        "outlet": "the news outlet; an article whose outlet is unknown is its own source, "
                  "'unknown: <input>', never pooled with others",
        "outlet_from": "where the outlet came from: metadata (manifest or import column), "
                       "signoff, dateline, or unknown",
        "title": "headline",
        "published": "publication date",
        "url": "where the article was published, when known",
        "source": "the input file or row it came from",
        "text": "the article text that all offsets point into",
        "n_words": "whitespace-separated words",
        "n_sentences": "body sentences (headlines, datelines, captions and sign-offs apart)",
        "tone": "mean VADER compound of its body sentences (-1 negative .. +1 positive)",
    },
    "sentences": {
        "article_id": "the article",
        "sentence_id": "position of the sentence in its article, from 0; no sentence crosses a "
                       "paragraph break or a line that ends a block",
        "start": "character offset of the sentence start in articles.text",
        "end": "character offset of the sentence end",
        "text": "the sentence",
        "kind": "body (running text), headline, dateline, byline, caption, signoff or "
                "boilerplate; only body sentences count for tone",
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
        "tone_label": "the scorer's most probable reading of the mention: negative, neutral or "
                      "positive",
        "role": "named (the article names it: counted), self (the article's own outlet in its "
                "dateline, byline or sign-off) or credit (another outlet or photographer "
                "credited there or in a caption): only named mentions count",
        "place_rule": "how the place was found: ner (spaCy labelled it GPE, LOC or a demonym), "
                      "dateline, gazetteer (a place name in the text no mention covered), "
                      "embedded (inside an organisation's or facility's name), relabelled "
                      "(spaCy gave it another label); empty when not a place",
        "place_confidence": "how sure the choice among the name's namesakes is (0..1): the "
                            "chosen place's share of the weight of it and the runner-up "
                            "(population weighed by the article's context); 1 when the name "
                            "has one candidate",
        "place_runner_up": "GeoNames id of the second-best candidate for the name (in places)",
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
        "place_id": "GeoNames id (negative: a place GeoNames has no id for, or found online); "
                    "every place a mention was resolved to or has as its runner-up",
        "name": "place name in the gazetteer",
        "kind": "city, country, region (also areas beyond one country: Middle East, European "
                "Union), continent or sea (oceans, seas, gulfs, great lakes)",
        "country_code": "ISO 3166 alpha-2 country",
        "lat": "latitude",
        "lon": "longitude",
        "population": "population in the gazetteer",
    },
    "quotes": {
        "article_id": "the article",
        "quote_id": "position of the attribution in its article, from 0",
        "sentence_id": "the sentence the content starts in (a quote over several sentences "
                       "or paragraphs is recorded at its first)",
        "start": "character offset of the content's start in articles.text",
        "end": "character offset of the content's end (a quote split by its attribution "
               "ends with its last part)",
        "parts": "the content's parts as 'start:end' offset pairs separated by spaces (the "
                 "parts of a split or multi-paragraph quote, without the words between)",
        "text": "the content: what the speaker is reported to have said (parts joined by ' … ')",
        "kind": "direct (all in quotation marks), indirect (reported speech without marks) or "
                "mixed (reported speech holding quoted words)",
        "cue": "the word or phrase of saying ('said', 'told', 'according to', 'citing'); empty "
               "for a quote that carries on a speaker's earlier words or is signed by a name",
        "cue_start": "character offset of the cue",
        "cue_end": "character offset of the cue's end",
        "speaker_text": "the speaker as written where the attribution is made ('he', 'the "
                        "ministry', 'Wang Wenbin')",
        "speaker_start": "character offset of the speaker text",
        "speaker_end": "character offset of the speaker text's end",
        "speaker_entity_id": "the canonical entity the speaker is (pronouns and descriptions "
                             "resolved by rules to a named person or organisation earlier in "
                             "the article); empty when no rule can tell",
        "speaker_name": "who the speaker is: the entity's name, or the earlier description a "
                        "pronoun or 'the official' refers back to, or the speaker text",
        "speaker_rule": "how the speaker was found: name, pronoun, description (resolved "
                        "back), unresolved (kept as its text), none (no speaker)",
        "via_text": "the source the words were relayed through ('according to the AP', "
                    "'TASS said, quoting ...'), when the article names one",
        "via_start": "character offset of the relaying source",
        "via_end": "character offset of the relaying source's end",
        "via_entity_id": "the relaying source's canonical entity, when it is a named one",
        "tone": "VADER compound of the sentences the content lies in, each weighted by how "
                "much of the content it holds (-1 .. +1); the rest of those sentences is mostly "
                "the attribution ('he said'), words VADER does not score",
    },
    "citations": {
        "article_id": "the citing article",
        "quote_id": "the attribution (quotes.quote_id) this source backs",
        "sentence_id": "the sentence of the attribution",
        "start": "character offset of the source as written",
        "end": "character offset of the source's end",
        "text": "the source as written ('Russia's official TASS news agency', 'he')",
        "entity_id": "the source's canonical entity, when named or resolved",
        "name": "the source's name: the entity's name, or what the article calls it",
        "role": "speaker (whose words these are) or relay (the agency, outlet or body the "
                "words came through: 'according to Reuters', 'TASS said, quoting ...')",
        "source_type": "news outlet (an outlet of this corpus), news agency, person, "
                       "organisation, country, document or unnamed",
        "outlet": "the outlet of this corpus the source is, when it is one",
        "channel": "how the words reached the article, from the words around the cue: "
                   "statement, press briefing, interview, social media, report, or empty",
        "stance": "disputes when the citing article takes issue with the words: a rebuttal "
                  "('groundless', 'false', 'so-called', 'hype', 'it should be clarified') "
                  "outside the quotation in its sentence, or in the next sentence when that "
                  "one takes up the quoted words or names the source; else relies",
    },
    "rejects": {
        "input": "the input file or row",
        "reason": "why it was not imported",
    },
    "notes": {
        "input": "the input file or row, imported as an article",
        "note": "what reading it took: a line decoded as cp1252, NUL bytes removed, a date "
                "left unread",
    },
    "merges": {
        "entity_id": "the canonical entity",
        "name": "its canonical name",
        "alias": "a spelling merged into it",
        "rule": "why: the same name; a title dropped; a middle initial; a surname or short form "
                "of the one full name it stands for in the corpus; a curated alias; a place",
        "n_mentions": "mentions written this way",
    },
    "groups": {
        "outlet": "an outlet of the corpus (articles of unknown outlet have none)",
        "group": "the group it is compared in under \"Compare by: group\" (AllSides: its "
                 "left / center / right rating); empty: the outlet stands alone",
        "group_from": "where the group came from: data/outlets.csv (edit it, then rebuild), "
                      "metadata (the import's group column: the value most of the outlet's "
                      "articles carry), or empty",
        "country": "where the outlet is based, from data/outlets.csv",
        "kind": "wire service, state media, public broadcaster, independent, ... from "
                "data/outlets.csv",
    },
    "terms": {
        "term_id": "the term's number (article_terms.term_id)",
        "term": "a lower-cased content word or pair of adjacent content words of a body "
                "sentence, or an entity's name",
        "kind": "word, bigram or entity",
    },
    "article_terms": {
        "article_id": "the article",
        "term_id": "a term it uses (terms.term_id): one row however often it uses it, so one "
                   "long article cannot make a word distinctive",
        "sentences": "how many of its sentences use the term (only to break ties)",
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
    """The analysis tables of a build (articles to places, quotes and citations), the import's
    rejects and notes, the entity merges with their reasons, the outlets' groups, and the
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
    groups: pd.DataFrame = field(default_factory=lambda: empty("groups"))
    terms: pd.DataFrame = field(default_factory=lambda: empty("terms"))
    article_terms: pd.DataFrame = field(default_factory=lambda: empty("article_terms"))

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in TABLE_NAMES]

    @classmethod
    def conformed(cls, **tables: pd.DataFrame) -> Tables:
        return cls(**{name: conform(df, name) for name, df in tables.items()})
