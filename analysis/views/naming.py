"""Naming: the words each outlet (or group) uses in the sentences that name one entity, more
than the others do: how one side calls a war an "invasion" and the other a "conflict".

The same statistic as analysis.views.distinctive (log-odds with an informative prior, a word
counted once per article), over the body sentences naming the entity only. The words are the
sentence's content words and pairs, not yet its grammatical relations to the entity
(adjectives, appositions, verbs it is subject of): that needs the parse, which the store does
not keep.
"""

from __future__ import annotations

import pandas as pd

from analysis.tables import Tables
from analysis.tables.term_index import term_index
from analysis.tables.texts import TextSource, with_text
from analysis.terms import term_tables
from analysis.tone import TONE_KINDS
from analysis.views.distinctive import MIN_ARTICLES, score_terms, term_spans
from analysis.views.evidence import sentence_evidence, with_sentences
from analysis.views.scope import Filters, scoped_articles, scoped_mentions, scoped_sentences


def _naming_sentences(tables: Tables, filters: Filters, entity_id: str) -> pd.DataFrame:
    """(article_id, sentence_id) of the kept sentences naming `entity_id`."""
    mentions = scoped_mentions(tables, filters, use_labels=False, comparing=True,
                               columns=["article_id", "sentence_id", "entity_id"])
    naming = mentions.loc[mentions["entity_id"] == entity_id, ["article_id", "sentence_id"]]
    return naming.drop_duplicates()


def naming_terms(tables: Tables, filters: Filters, *, entity_id: str, top: int = 15,
                 min_articles: int = MIN_ARTICLES,
                 texts: TextSource | None = None) -> pd.DataFrame:
    """The `top` words of each outlet or group around `entity_id` by z (distinctive.
    TERM_COLUMNS; `articles`: its articles naming the entity with the word near it)."""
    sentences = scoped_sentences(tables, filters, columns=["article_id", "sentence_id"],
                                 kinds=TONE_KINDS, comparing=True)
    sentences = sentences.merge(_naming_sentences(tables, filters, entity_id),
                                on=["article_id", "sentence_id"])
    sentences = with_text(tables, "sentences", sentences, texts=texts, column="sentence")
    no_names = pd.DataFrame({"article_id": [], "sentence_id": [], "name": []})
    terms, used = term_tables(sentences, no_names)
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet"],
                               comparing=True)
    articles = articles[articles["article_id"].isin(sentences["article_id"])]
    return score_terms(term_index(used, terms), articles, top=top,
                       min_articles=min_articles)


def naming_evidence(tables: Tables, filters: Filters, *, entity_id: str, term: str,
                    texts: TextSource | None = None, read: int | None = None) -> pd.DataFrame:
    """The body sentences naming `entity_id` that use `term`, the term highlighted; `read`:
    the texts of the first `read` only are kept (views.evidence.with_sentences)."""
    spans, known = term_spans(tables, filters, term, texts=texts)
    naming = _naming_sentences(tables, filters, entity_id).astype({"article_id": "string"})
    spans = spans.astype({"article_id": "string"}).merge(naming, on=["article_id",
                                                                     "sentence_id"])
    return with_sentences(tables, sentence_evidence(tables, spans, read=0), read=read,
                          known=known)
