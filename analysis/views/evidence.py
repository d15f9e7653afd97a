"""Sentence evidence: the sentences behind an aggregate, with what to highlight in each.

Every evidence view returns one row per sentence: outlet, title, published, sentence, tone,
highlights, article_id, sentence_id. `highlights` holds the highlighted character spans
relative to the sentence as "start:end" pairs separated by spaces ("0:6 31:37"), which a CSV
keeps readable and `parse_highlights` turns back into offsets.

The sentence texts come from the tables, or from the `texts` source the caller hands in when the
tables were loaded without them (analysis.tables.texts). On a big store an entity is named in
a hundred thousand sentences, too many texts to read for a list: with `read=n` a view reads the
first n sentences' texts only and leaves the rest missing, for `with_sentences` to fill when
all are wanted (a download).
"""

from __future__ import annotations

import pandas as pd

from analysis.tables import Tables, TextSource, whole_rows, with_article_columns, with_text
from analysis.tone import label_tone
from analysis.views.cooccurrence import Window, pair_windows, window_keys
from analysis.views.entities import entity_rows
from analysis.views.joined import join_per_run
from analysis.views.scope import (
    MENTION_COLUMNS,
    NO_FILTERS,
    SENTENCE_KEYS,
    Filters,
    placed_mentions,
    scoped_articles,
    scoped_mentions,
)
from analysis.views.sentence_lookup import with_sentence_columns

EVIDENCE_COLUMNS = ["outlet", "title", "published", "sentence", "tone", "highlights",
                    "article_id", "sentence_id"]


def parse_highlights(value: str | None) -> list[tuple[int, int]]:
    if not isinstance(value, str) or not value.strip():
        return []
    pairs = (part.split(":") for part in value.split())
    return [(int(start), int(end)) for start, end in pairs]


def with_sentences(tables: Tables, rows: pd.DataFrame, *, texts: TextSource | None = None,
                   read: int | None = None, known: pd.Series | None = None) -> pd.DataFrame:
    """`rows` (one per sentence, in their order) with each one's text as `sentence`: those it
    lacks, or of those only the first `read`. `known`: the texts already read (indexed by
    article_id and sentence_id, holding every sentence wanted), taken instead of reading them
    again."""
    out = rows.copy()
    if "sentence" not in out.columns:
        out["sentence"] = pd.Series(pd.NA, index=out.index, dtype="string")
    missing = out.index[out["sentence"].isna()]
    wanted = out.loc[missing[:read] if read is not None else missing, SENTENCE_KEYS].astype(
        {"article_id": "string"})
    if wanted.empty:
        return out
    found = known if known is not None else with_text(
        tables, "sentences", wanted, texts=texts, column="sentence").set_index(
        SENTENCE_KEYS)["sentence"]
    out.loc[wanted.index, "sentence"] = found.reindex(
        pd.MultiIndex.from_frame(wanted)).to_numpy()
    return out


def sentence_evidence(tables: Tables, spans: pd.DataFrame, *, texts: TextSource | None = None,
                      read: int | None = None) -> pd.DataFrame:
    """The sentences holding `spans` (article_id, sentence_id, start, end in article offsets);
    `read`: the texts of the first `read` only (`with_sentences`)."""
    hits = with_sentence_columns(tables, spans[[*SENTENCE_KEYS, "start", "end"]].rename(
        columns={"start": "span_start", "end": "span_end"}), ["start", "end"])
    if hits.empty:
        return _empty()
    length = hits["end"] - hits["start"]
    # a mention that spills over a sentence boundary is highlighted up to the boundary
    hits["rel_start"] = (hits["span_start"] - hits["start"]).clip(lower=0, upper=length)
    hits["rel_end"] = (hits["span_end"] - hits["start"]).clip(lower=0, upper=length)
    hits = hits[hits["rel_end"] > hits["rel_start"]]
    # a sentence's distinct spans in order, "start:end" each
    spans = hits[[*SENTENCE_KEYS, "rel_start", "rel_end"]].drop_duplicates().sort_values(
        [*SENTENCE_KEYS, "rel_start", "rel_end"])
    out = with_article_columns(
        with_sentence_columns(tables, _joined_spans(spans), ["tone"]),
        tables.articles[["article_id", "outlet", "title", "published"]])
    out = out.astype({"article_id": "string", "highlights": "string"})
    out = out.sort_values(["outlet", "published", "article_id", "sentence_id"],
                          ignore_index=True)
    return with_sentences(tables, out, texts=texts, read=read)[EVIDENCE_COLUMNS]


def _joined_spans(spans: pd.DataFrame) -> pd.DataFrame:
    """article_id, sentence_id and highlights ("start:end" pairs joined by spaces) of `spans`
    sorted by sentence then offsets."""
    pieces = spans["rel_start"].astype(str) + ":" + spans["rel_end"].astype(str)
    return join_per_run(spans[SENTENCE_KEYS].assign(highlights=pieces), SENTENCE_KEYS,
                        "highlights", " ")


def _empty() -> pd.DataFrame:
    dtypes = {"outlet": "string", "title": "string", "published": "datetime64[ns]",
              "sentence": "string", "tone": "float64", "highlights": "string",
              "article_id": "string", "sentence_id": "int64"}
    return pd.DataFrame({col: pd.Series(dtype=dtypes[col]) for col in EVIDENCE_COLUMNS})


def place_sentences(tables: Tables, filters: Filters = NO_FILTERS, *, place_id: int,
                    texts: TextSource | None = None, embedded: bool = False,
                    read: int | None = None) -> pd.DataFrame:
    """The sentences that mention the place, the place highlighted (mentions inside
    organisation names only with `embedded`)."""
    mentions = placed_mentions(tables, filters, embedded=embedded)
    return sentence_evidence(tables, mentions[mentions["place_id"] == place_id], texts=texts,
                             read=read)


def entity_sentences(tables: Tables, filters: Filters = NO_FILTERS, *, entity_id: str,
                     texts: TextSource | None = None, read: int | None = None) -> pd.DataFrame:
    """The sentences that mention the entity, every mention of it highlighted.

    Besides the sentence's VADER `tone`, `entity_tone` is the entity's targeted tone in that
    sentence (analysis.tone.ENTITY_SCORER; the mean over its mentions there), the figure the entity
    tone heatmap averages.
    """
    mentions = scoped_mentions(tables, filters, columns=[*MENTION_COLUMNS, "tone"])
    mentions = mentions[mentions["entity_id"] == entity_id]
    out = sentence_evidence(tables, mentions, texts=texts, read=read)
    targeted = mentions.groupby(SENTENCE_KEYS, as_index=False)["tone"].mean()
    out = out.merge(targeted.rename(columns={"tone": "entity_tone"}), on=SENTENCE_KEYS,
                    how="left")
    columns = list(EVIDENCE_COLUMNS)
    columns.insert(columns.index("tone") + 1, "entity_tone")
    return out[columns]


def pair_sentences(
    tables: Tables,
    filters: Filters = NO_FILTERS,
    *,
    entity_a: str,
    entity_b: str,
    window: Window = "sentence",
    texts: TextSource | None = None,
    read: int | None = None,
) -> pd.DataFrame:
    """The evidence for a co-occurrence: both entities highlighted.

    Sentence window: the sentences naming both. Article window: in the articles naming both,
    every sentence naming either.
    """
    mentions = scoped_mentions(tables, filters)
    windows = pair_windows(mentions, entity_a, entity_b, window=window)
    either = mentions[mentions["entity_id"].isin([entity_a, entity_b])]
    return sentence_evidence(tables, either.merge(windows, on=window_keys(window)), texts=texts,
                             read=read)


def _in_scope(tables: Tables, filters: Filters, article_id: str) -> bool:
    return bool((scoped_articles(tables, filters)["article_id"] == article_id).any())


def article_sentences(tables: Tables, filters: Filters = NO_FILTERS, *, article_id: str,
                      texts: TextSource | None = None) -> pd.DataFrame:
    """One article's segments in order: sentence_id, start, end, kind (body, headline,
    dateline, ...), text, tone, tone_label.

    Empty when the filters leave the article out.
    """
    keep = _in_scope(tables, filters, article_id)
    sentences = tables.sentences[(tables.sentences["article_id"] == article_id) & keep]
    sentences = with_text(tables, "sentences", sentences[["article_id", "sentence_id", "start",
                                                          "end", "kind", "tone"]], texts=texts)
    out = sentences[["sentence_id", "start", "end", "kind", "text", "tone"]].sort_values(
        "sentence_id")
    out = out.reset_index(drop=True)
    out["tone_label"] = label_tone(out["tone"])
    return out


def article_mentions(tables: Tables, filters: Filters = NO_FILTERS, *, article_id: str,
                     texts: TextSource | None = None) -> pd.DataFrame:
    """One article's mentions with entity and place names and their role (named, or a
    self-mention or credit that does not count), in text order (empty when the filters leave
    the article out). `texts`: where the columns a reader left in the store come from."""
    keep = _in_scope(tables, filters, article_id)
    mentions = whole_rows(tables, "mentions",
                          tables.mentions[(tables.mentions["article_id"] == article_id) & keep],
                          texts=texts)
    out = mentions.merge(
        entity_rows(tables, mentions["entity_id"].dropna().unique(),
                    columns=("entity_id", "name")), on="entity_id", how="left"
    ).merge(
        tables.places[["place_id", "name"]].rename(columns={"name": "place"}),
        on="place_id", how="left",
    )
    columns = ["sentence_id", "start", "end", "text", "label", "role", "name", "entity_id",
               "place_id", "place"]
    return out[columns].sort_values(["start", "end"], ignore_index=True)
