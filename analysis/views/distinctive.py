"""Distinctive words: the terms each outlet uses more than the rest, with their sentences.

The statistic is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008, "Fightin' Words", eq. 16-22): the prior for a term is its count over the whole
corpus, so rare terms are shrunk towards the corpus rate instead of topping the list. A term is
counted once per article, so one long article that repeats a word cannot make it distinctive.
Terms are lower-cased unigrams and bigrams of content words in body sentences, and the names
of the entities an article names.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
from spacy.lang.en.stop_words import STOP_WORDS

from analysis.tables import Tables
from analysis.tables.texts import TextSource, with_text
from analysis.tone import TONE_KINDS
from analysis.views.evidence import sentence_evidence
from analysis.views.scope import Filters, scoped_articles, scoped_mentions, scoped_sentences

TERM_COLUMNS = ["group", "term", "kind", "z", "delta", "articles", "articles_rest",
                "share", "share_rest", "sentences"]
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")


def _content_words(sentence: str) -> list[str]:
    words = (word.lower() for word in _WORD.findall(sentence))
    return [word for word in words if len(word) > 2 and word not in STOP_WORDS]


def sentence_terms(sentence: str) -> set[tuple[str, str]]:
    """(term, kind) of one sentence: its content words and their adjacent pairs."""
    words = _content_words(sentence)
    return ({(word, "word") for word in words}
            | {(f"{a} {b}", "bigram") for a, b in itertools.pairwise(words)})


def article_terms(tables: Tables, filters: Filters, *,
                  texts: TextSource | None = None) -> pd.DataFrame:
    """One row per (article_id, term, kind) an article uses, however often it uses it, with
    the number of its sentences using it (`sentences`, only to break ties between terms)."""
    sentences = scoped_sentences(tables, filters, columns=["article_id", "sentence_id"],
                                 kinds=TONE_KINDS, comparing=True)
    sentences = with_text(tables, "sentences", sentences, texts=texts, column="sentence")
    rows = [(article_id, term, kind)
            for article_id, sentence in zip(sentences["article_id"], sentences["sentence"],
                                            strict=True)
            for term, kind in sentence_terms(str(sentence))]
    words = pd.DataFrame(rows, columns=["article_id", "term", "kind"])
    mentions = scoped_mentions(tables, filters, use_labels=False, comparing=True)
    names = mentions[["article_id", "sentence_id", "entity_id"]].drop_duplicates().merge(
        tables.entities[["entity_id", "name"]], on="entity_id")
    entities = pd.DataFrame({"article_id": names["article_id"], "term": names["name"],
                             "kind": "entity"})
    both = pd.concat([words, entities], ignore_index=True)
    return both.groupby(["article_id", "term", "kind"]).size().rename(
        "sentences").reset_index()


def log_odds_z(counts: pd.DataFrame, *, prior_scale: float = 1.0) -> pd.DataFrame:
    """z-scores of each group against all the others, for every term the group uses.

    `counts` holds group, term, count (articles of the group using the term). The prior of a
    term is `prior_scale` times its count over all groups. Returns group, term, delta (the
    log-odds ratio), z (delta over its standard error), count and count_rest. Computed on the
    long table, never a dense terms x groups matrix (half a million terms on a big store).
    """
    mine = counts["count"].astype(float)
    total = counts.groupby("term")["count"].transform("sum")
    rest = total - mine
    alpha = total * prior_scale
    alpha0 = mine.sum() * prior_scale
    n_mine = counts.groupby("group")["count"].transform("sum")
    n_rest = mine.sum() - n_mine
    delta = (np.log((mine + alpha) / (n_mine + alpha0 - mine - alpha))
             - np.log((rest + alpha) / (n_rest + alpha0 - rest - alpha)))
    z = delta / np.sqrt(1 / (mine + alpha) + 1 / (rest + alpha))
    return pd.DataFrame({"group": counts["group"], "term": counts["term"], "delta": delta,
                         "z": z, "count": counts["count"], "count_rest": rest.astype(int)})


def distinctive_terms(tables: Tables, filters: Filters, *, top: int = 15, min_articles: int = 2,
                      texts: TextSource | None = None) -> pd.DataFrame:
    """The `top` terms of each outlet by z, with the articles using them there and elsewhere.

    Terms used in fewer than `min_articles` articles overall are left out (one article's
    words are that article's, not its outlet's).
    """
    return score_terms(article_terms(tables, filters, texts=texts),
                       scoped_articles(tables, filters, columns=["article_id", "outlet"],
                                       comparing=True),
                       top=top, min_articles=min_articles)


def score_terms(terms: pd.DataFrame, outlets: pd.DataFrame, *, top: int = 15,
                min_articles: int = 2) -> pd.DataFrame:
    """`distinctive_terms` from article terms already counted (`article_terms` rows) and the
    kept articles with their outlet: what a filter change costs once the terms are stored."""
    used = terms.merge(outlets, on="article_id").rename(columns={"outlet": "group"})
    spread = used.groupby("term")["article_id"].transform("size")
    used = used[spread >= min_articles]
    if used.empty or used["group"].nunique() < 2:
        return pd.DataFrame(columns=TERM_COLUMNS)
    counts = used.groupby(["group", "term"]).size().rename("count").reset_index()
    scored = log_odds_z(counts).merge(used[["term", "kind"]].drop_duplicates("term"), on="term")
    # z ties among terms each group uses in as many articles; the sentences using them break it
    uses = used.groupby(["group", "term"])["sentences"].sum().rename("sentences").reset_index()
    scored = scored.merge(uses, on=["group", "term"], how="left")
    sizes = outlets["outlet"].value_counts()
    scored["share"] = scored["count"] / scored["group"].map(sizes)
    scored["share_rest"] = scored["count_rest"] / (len(outlets) - scored["group"].map(sizes))
    scored = scored[scored["count"] > 0].rename(columns={"count": "articles",
                                                         "count_rest": "articles_rest"})
    best = scored.sort_values(["group", "z", "sentences", "term"],
                              ascending=[True, False, False, True])
    return best.groupby("group").head(top)[TERM_COLUMNS].reset_index(drop=True)


def term_evidence(tables: Tables, filters: Filters, term: str, *,
                  texts: TextSource | None = None) -> pd.DataFrame:
    """The body sentences using `term` (a word, bigram or entity name), highlighted."""
    sentences = scoped_sentences(tables, filters, columns=["article_id", "sentence_id", "start"],
                                 kinds=TONE_KINDS, comparing=True)
    sentences = with_text(tables, "sentences", sentences, texts=texts, column="sentence")
    words = r"\W+".join(re.escape(word) for word in term.split())
    pattern = re.compile(rf"(?<![A-Za-z]){words}(?![A-Za-z])", re.IGNORECASE)
    spans = [(article_id, sentence_id, start + hit.start(), start + hit.end())
             for article_id, sentence_id, start, sentence in sentences.itertuples(index=False)
             for hit in pattern.finditer(str(sentence))]
    frame = pd.DataFrame(spans, columns=["article_id", "sentence_id", "start", "end"])
    return sentence_evidence(tables, frame, texts=texts)
