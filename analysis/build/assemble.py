"""The corpus-wide steps of a build, over every article's annotation records: sentences and
mentions as tables in corpus order, article tone, places, canonical entities, quotes and the
sources they cite."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.annotate import Progress, Records
from analysis.entities import NAMED, canonicalise, mention_roles
from analysis.ingest import Corpus, load_outlets, outlet_groups
from analysis.places import Gazetteer, OnlineGeocoder, find_toponyms, resolve_mentions
from analysis.sources import cite_sources, find_quotes
from analysis.tables import Tables
from analysis.terms import term_tables
from analysis.tone import TONE_KINDS, TargetedToneScorer, article_tone, load_scorer


@dataclass
class Timer:
    """Seconds per build stage, for the manifest and the benchmarks' profile."""

    seconds: dict[str, float] = field(default_factory=dict)
    _last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self._last = now


def _attach(table: pa.Table, order: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Record rows (keyed by text) as rows of the articles in `order` (article_id, key),
    sorted by article position, then by `by`: the same order whichever engine made them."""
    keys = pa.array(order["key"].tolist(), pa.string())
    if order["key"].is_unique:
        pos = pc.index_in(table.column("key"), value_set=keys)
        table = table.filter(pc.is_valid(pos))
        pos = pc.drop_null(pos).to_numpy()
    else:  # one text in several articles (a wire story run by two outlets): one copy each
        positions = pa.table({"key": keys, "_pos": np.arange(len(order))})
        table = table.join(positions, "key", join_type="inner")
        pos = table.column("_pos").to_numpy()
        table = table.drop_columns(["_pos"])
    # np.lexsort sorts by its last key first: article position, then `by` in order
    sort = np.lexsort((*(table.column(col).to_numpy() for col in reversed(by)), pos))
    table = table.take(pa.array(sort)).drop_columns(["key"])
    article_ids = pa.array(order["article_id"].to_numpy(dtype=object)[pos[sort]], pa.string())
    table = table.add_column(0, "article_id", article_ids)
    return table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)


def _score_found_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame, *,
                          scorer: Callable[[], TargetedToneScorer]) -> None:
    """The targeted tone of the mentions place recognition added, in their sentences."""
    missing = mentions["tone"].isna().to_numpy()
    if not missing.any():
        return
    rows = mentions.loc[missing, ["article_id", "sentence_id", "start", "end"]].merge(
        sentences[["article_id", "sentence_id", "start", "end", "text"]],
        on=["article_id", "sentence_id"], how="left", suffixes=("", "_sentence"))
    texts = rows["text"].fillna("").tolist()
    starts = (rows["start"] - rows["start_sentence"].fillna(0)).astype("int64").tolist()
    ends = (rows["end"] - rows["start_sentence"].fillna(0)).astype("int64").tolist()
    # clipped to the sentence, as analysis.annotate clips the mentions it scores
    spans = [(min(max(a, 0), len(t)), min(max(b, 0), len(t)))
             for a, b, t in zip(starts, ends, texts, strict=True)]
    tones, labels = scorer().score_and_label(texts, spans)
    mentions.loc[missing, "tone"] = tones
    mentions.loc[missing, "tone_label"] = labels


def _article_terms(sentences: pd.DataFrame, mentions: pd.DataFrame,
                   entities: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The terms of body sentences and the names of the entities articles name."""
    body = sentences.loc[sentences["kind"].isin(list(TONE_KINDS)), ["article_id", "text"]]
    named = mentions.loc[mentions["role"] == NAMED, ["article_id", "sentence_id", "entity_id"]]
    names = named.drop_duplicates().merge(entities[["entity_id", "name"]], on="entity_id")
    return term_tables(body.rename(columns={"text": "sentence"}), names)


def assemble(
    corpus: Corpus,
    keys: list[str],
    records: Records,
    *,
    gazetteer: Gazetteer,
    geocoder: OnlineGeocoder | None = None,
    aliases: dict[str, str] | None = None,
    listed: pd.DataFrame | None = None,
    progress: Progress | None = None,
    timer: Timer | None = None,
    scorer: Callable[[], TargetedToneScorer] = load_scorer,
) -> Tables:
    """The corpus-wide steps over all records: article tone, places, canonical entities,
    quotes and citations.

    `scorer` gives the entity-targeted tone scorer, asked for only when the place
    recognition adds mentions (their tone is scored here, as the workers score the others).
    `listed`: the user's outlet groups (analysis.ingest.load_outlets), which win over the
    import's group column."""
    timer = timer or Timer()
    articles = corpus.articles.copy()
    order = pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "key": keys})
    sentences = _attach(records.sentences, order, ["sentence_id"])
    mentions = _attach(records.mentions, order, ["sentence_id", "start"])
    timer.lap("assemble")

    if progress is not None:
        progress("tone", 0, 1)
    articles["tone"] = articles["article_id"].map(article_tone(sentences))
    body = sentences[sentences["kind"].isin(list(TONE_KINDS))]
    articles["n_sentences"] = (
        articles["article_id"].map(body.groupby("article_id").size()).fillna(0)
    )
    timer.lap("tone")

    if progress is not None:
        progress("places", 0, 1)
    texts = dict(zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True))
    mentions = find_toponyms(mentions, texts, gazetteer=gazetteer, sentences=sentences)
    _score_found_mentions(mentions, sentences, scorer=scorer)
    timer.lap("place recognition")
    found = resolve_mentions(mentions, gazetteer=gazetteer, geocoder=geocoder)
    mentions["place_id"] = found.place_id
    mentions["place_rule"] = found.rule
    mentions["place_confidence"] = found.confidence
    mentions["place_runner_up"] = found.runner_up
    places = found.places
    timer.lap("places")

    if progress is not None:
        progress("entities", 0, 1)
    mentions["role"] = mention_roles(mentions, sentences, articles)
    known = articles.loc[articles["outlet_from"] != "unknown", ["article_id", "outlet"]]
    mentions["entity_id"], entities, merges = canonicalise(
        mentions,
        outlets=known.set_index("article_id")["outlet"],
        aliases=aliases,
        place_names=places.set_index("place_id")["name"],
        counted=(mentions["role"] == NAMED).to_numpy(),
    )
    timer.lap("entities")

    if progress is not None:
        progress("sources", 0, 1)
    # a byline's or credit line's name is the article crediting someone, not a speaker
    quotes = find_quotes(articles, sentences, mentions[mentions["role"] == NAMED], entities)
    citations = cite_sources(quotes, articles, sentences, entities)
    timer.lap("sources")
    terms, used = _article_terms(sentences, mentions, entities)
    timer.lap("terms")
    tables = Tables.conformed(
        articles=articles,
        sentences=sentences,
        mentions=mentions,
        entities=entities,
        places=places,
        quotes=quotes,
        citations=citations,
        rejects=corpus.rejects,
        notes=corpus.notes,
        merges=merges,
        groups=outlet_groups(articles, corpus.groups, listed if listed is not None
                             else load_outlets(None)),
        terms=terms,
        article_terms=used,
    )
    timer.lap("conform")
    return tables
