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

import numpy as np
import pandas as pd

from analysis.tables import Tables
from analysis.tables.term_index import TermIndex, term_index
from analysis.tables.texts import TextSource, with_text
from analysis.terms import sentence_terms, term_places, term_tables
from analysis.tone import TONE_KINDS
from analysis.views.evidence import sentence_evidence, with_sentences
from analysis.views.scope import Filters, scoped_articles, scoped_mentions, scoped_sentences

__all__ = ["MIN_ARTICLES", "TERM_COLUMNS", "article_terms", "distinctive_terms", "log_odds_z",
           "score_terms", "sentence_terms", "term_counts", "term_evidence", "term_spans",
           "two_group_terms"]

# the fewest kept articles that use a term for it to be compared: one article's words are that
# article's, not its outlet's (the app loads only the stored terms this many articles use)
MIN_ARTICLES = 2
TERM_COLUMNS = ["group", "term", "kind", "z", "delta", "articles", "articles_rest",
                "share", "share_rest", "sentences"]
PAIR_COLUMNS = ["term", "kind", "z", "share_first", "share_second", "articles_first",
                "articles_second"]


def term_counts(tables: Tables, filters: Filters, *, texts: TextSource | None = None,
                terms: TermIndex | None = None) -> TermIndex:
    """The counted terms: `terms` (the server's, loaded once: analysis.tables.term_index), else
    the stored ones when the build has them (every article's: the statistic keeps the filtered
    articles), else the kept articles' terms, tokenised now."""
    if terms is not None:
        return terms
    if not tables.terms.empty:
        return term_index(tables.article_terms, tables.terms)
    sentences = scoped_sentences(tables, filters, columns=["article_id", "sentence_id"],
                                 kinds=TONE_KINDS, comparing=True)
    sentences = with_text(tables, "sentences", sentences, texts=texts, column="sentence")
    mentions = scoped_mentions(tables, filters, use_labels=False, comparing=True,
                               columns=["article_id", "sentence_id", "entity_id"])
    names = mentions.drop_duplicates().merge(
        tables.entities[["entity_id", "name"]], on="entity_id")
    counted, used = term_tables(sentences, names)
    return term_index(used, counted)


def article_terms(tables: Tables, filters: Filters, *, texts: TextSource | None = None,
                  terms: TermIndex | None = None) -> pd.DataFrame:
    """One row per (article_id, term, kind) a kept article uses, however often it uses it,
    with the number of its sentences using it (`sentences`, only to break ties)."""
    index = term_counts(tables, filters, texts=texts, terms=terms)
    kept = scoped_articles(tables, filters, columns=["article_id"], comparing=True)
    used = index.frame().astype({"article_id": "string"})
    out = used[used["article_id"].isin(kept["article_id"])].merge(
        index.named(np.arange(len(index.terms))), on="term_id")
    return out[["article_id", "term", "kind", "sentences"]]


def log_odds_z(counts: pd.DataFrame, *, prior_scale: float = 1.0) -> pd.DataFrame:
    """z-scores of each group against all the others, for every term the group uses.

    `counts` holds group, term, count (articles of the group using the term). The prior of a
    term is `prior_scale` times its count over all groups. Returns group, term, delta (the
    log-odds ratio), z (delta over its standard error), count and count_rest. Computed on the
    long table, never a dense terms x groups matrix (a million terms on a big store).
    """
    groups, _ = pd.factorize(counts["group"])
    terms, _ = pd.factorize(counts["term"])
    mine = counts["count"].to_numpy().astype(float)
    rest = np.bincount(terms, weights=mine)[terms] - mine
    in_group = np.bincount(groups, weights=mine)[groups]
    delta, z = _log_odds(mine, rest, in_group, mine.sum(), prior_scale)
    return pd.DataFrame({"group": counts["group"], "term": counts["term"], "delta": delta,
                         "z": z, "count": counts["count"], "count_rest": rest.astype(np.int64)})


def _log_odds(mine: np.ndarray, rest: np.ndarray, in_group: np.ndarray, everything: float,
              prior_scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """delta and z of each (group, term) row (Monroe et al., eq. 16-22) from its count in the
    group and in the others, the group's total count and the total over every group."""
    mine = mine.astype(float)
    alpha = (mine + rest) * prior_scale
    alpha0 = everything * prior_scale
    n_rest = everything - in_group
    delta = (np.log((mine + alpha) / (in_group + alpha0 - mine - alpha))
             - np.log((rest + alpha) / (n_rest + alpha0 - rest - alpha)))
    z = delta / np.sqrt(1 / (mine + alpha) + 1 / (rest + alpha))
    return delta, z


def distinctive_terms(tables: Tables, filters: Filters, *, top: int = 15,
                      min_articles: int = MIN_ARTICLES, texts: TextSource | None = None,
                      terms: TermIndex | None = None) -> pd.DataFrame:
    """The `top` terms of each outlet (or group: `Filters.compare_by`) by z, with the articles
    using them there and elsewhere.

    Terms used in fewer than `min_articles` kept articles are left out (one article's words
    are that article's, not its outlet's).
    """
    index = term_counts(tables, filters, texts=texts, terms=terms)
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet"],
                               comparing=True)
    return score_terms(index, articles, top=top, min_articles=min_articles)


def score_terms(index: TermIndex, articles: pd.DataFrame, *, top: int = 15,
                min_articles: int = MIN_ARTICLES) -> pd.DataFrame:
    """`distinctive_terms` from counted terms and the kept articles with the outlet or group
    they count for: what a filter change costs once the terms are counted. Integer arrays
    throughout, a block of terms at a time (`_term_blocks`), so what a view holds beyond the
    index is one block's rows and (group, term) counts and each group's best terms; term texts
    are looked up for the top rows."""
    if articles.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    group_codes, group_names = pd.factorize(articles["outlet"])
    at = pd.Index(articles["article_id"]).get_indexer(index.articles)
    narrow = np.int16 if len(group_names) < 2**15 else np.int64  # less to move per row
    group_of_article = np.where(at >= 0, group_codes[at], -1).astype(narrow)
    blocks = _term_blocks(index.starts)
    # two passes over the blocks: the groups' totals first (every term's statistic needs
    # them), then each block's candidates, so only one block's (group, term) counts are held;
    # the rows the first pass keeps (with their terms and groups) are remembered for the
    # second while they are few (a filter's), found again when they are many (a whole store's)
    in_group = np.zeros(len(group_names), np.int64)
    kept_rows, remembered = [], 0
    position = np.int32 if index.rows < 2**31 else np.int64
    for first, end in blocks:
        kept, term, group = _block_kept(index, group_of_article, first, end, min_articles)
        in_group += np.bincount(group, minlength=len(group_names))
        remembered += len(kept)
        kept_rows.append((kept.astype(position), term, group)
                         if remembered <= REMEMBERED_ROWS else None)
    if np.count_nonzero(in_group) < 2:  # fewer than two groups to compare
        return pd.DataFrame(columns=TERM_COLUMNS)
    near = None
    for at, (first, end) in enumerate(blocks):
        found, kept_rows[at] = kept_rows[at], None  # let each block's rows go once used
        kept, term, group = found or _block_kept(index, group_of_article, first, end,
                                                 min_articles)
        if len(kept):
            counted = _group_term_counts(group, term, index.sentences_at(kept))
            near = _best_so_far(near, _group_best(*counted, in_group=in_group, top=top), top)
    group, term, count, used_in, rest, delta, z = (
        column.astype(np.int64 if column.dtype.kind == "i" else float) for column in near)
    best = _top_per_group(group, z, used_in, term, top)
    sizes = np.bincount(group_codes, minlength=len(group_names))[group[best]]
    named = index.named(term[best])
    return pd.DataFrame({
        "group": pd.array(np.asarray(group_names)[group[best]], dtype="string"),
        "term": named["term"].to_numpy(), "kind": named["kind"].to_numpy(),
        "z": z[best], "delta": delta[best], "articles": count[best],
        "articles_rest": rest[best], "share": count[best] / sizes,
        "share_rest": rest[best] / (len(articles) - sizes), "sentences": used_in[best],
    })[TERM_COLUMNS].sort_values("group", kind="stable", ignore_index=True)


BLOCK_ROWS = 500_000  # article-term rows scored at a time (2 million: as fast, twice the arrays)
REMEMBERED_ROWS = 1_000_000  # kept rows the first pass hands the second (10 bytes each)


def _term_blocks(starts: np.ndarray) -> list[tuple[int, int]]:
    """(first, end) term ranges of about BLOCK_ROWS rows each, none empty (term i's rows:
    starts[i] to starts[i + 1]): a term's statistic needs only its own rows and the groups'
    totals."""
    cuts = np.searchsorted(starts, np.arange(BLOCK_ROWS, starts[-1], BLOCK_ROWS),
                           side="right") - 1
    bounds = np.unique(np.r_[0, cuts, len(starts) - 1])
    return [(first, end) for first, end in itertools.pairwise(bounds.tolist())
            if starts[end] > starts[first]]


def _block_kept(index: TermIndex, group_of_article: np.ndarray, first: int, end: int,
                min_articles: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row positions, term numbers, groups) of the kept rows of terms first .. end - 1: rows
    of a kept article (its group >= 0) of terms `min_articles` kept articles or more use."""
    lo = index.starts[first]
    group = np.take(group_of_article, index.article[lo:index.starts[end]])
    term = index.term_numbers(first, end)
    kept = np.flatnonzero(group >= 0)  # often a tenth of the rows
    term = term[kept]
    runs = np.flatnonzero(np.r_[True, term[1:] != term[:-1]])
    spread = np.diff(np.r_[runs, len(term)])  # the kept articles using each term
    wide = np.repeat(spread >= min_articles, spread)
    kept = kept[wide]
    return lo + kept, term[wide], group[kept]


def _group_term_counts(group: np.ndarray, term: np.ndarray,
                       sentences: np.ndarray) -> tuple[np.ndarray, ...]:
    """(group, term, articles, sentences, articles in other groups) per (group, term) of the
    rows `_block_kept` keeps (sorted by term); results by group then term."""
    # a stable sort by the small group codes (a radix sort) keeps each group's rows by term
    order = np.argsort(group, kind="stable")
    group, term = group[order], term[order]
    starts = np.flatnonzero(np.r_[True, (group[1:] != group[:-1]) | (term[1:] != term[:-1])])
    count = np.diff(np.r_[starts, len(term)]).astype(np.int32)
    local = term[starts] - term[starts].min()
    rest = np.bincount(local, weights=count)[local].astype(np.int32) - count
    return (group[starts], term[starts], count,
            np.add.reduceat(sentences[order], starts, dtype=np.int32), rest)


def _group_best(group: np.ndarray, term: np.ndarray, count: np.ndarray, used_in: np.ndarray,
                rest: np.ndarray, *, in_group: np.ndarray,
                top: int) -> tuple[np.ndarray, ...]:
    """The rows of one block that may be among their group's `top` (the block's top per group
    and their ties), with delta and z (Monroe et al., eq. 16-22)."""
    delta, z = _log_odds(count, rest, in_group[group], in_group.sum())
    near = _near_top(group, z, top)
    return (group[near], term[near], count[near], used_in[near], rest[near], delta[near],
            z[near])


def _best_so_far(near: tuple[np.ndarray, ...] | None, block: tuple[np.ndarray, ...],
                 top: int) -> tuple[np.ndarray, ...]:
    """The candidates of the blocks so far (`near`, `_group_best`'s columns) and of one more,
    cut to each group's top and ties, sorted by group: held to a few per group, not every
    block's (at 37,554 articles and 491 outlets, 461,139 rows over 47 blocks)."""
    if near is None:
        return block
    both = [np.concatenate(pair) for pair in zip(near, block, strict=True)]
    order = np.argsort(both[0], kind="stable")
    group, z = both[0][order], both[6][order]
    kept = order[_near_top(group, z, top)]
    return tuple(column[kept] for column in both)


def _near_top(group: np.ndarray, z: np.ndarray, top: int) -> np.ndarray:
    """Row positions of each group's rows at or above its `top`-th z: its top and their ties;
    `group` comes sorted."""
    bounds = np.searchsorted(group, np.arange(group.max() + 2))
    near = np.ones(len(z), dtype=bool)
    for lo, hi in itertools.pairwise(bounds.tolist()):
        if hi - lo > top:
            scores = z[lo:hi]
            near[lo:hi] = scores >= np.partition(scores, hi - lo - top)[hi - lo - top]
    return np.flatnonzero(near)


def _top_per_group(group: np.ndarray, z: np.ndarray, sentences: np.ndarray,
                   term: np.ndarray, top: int) -> np.ndarray:
    """Row positions of each group's `top` rows by z, then sentences (z ties among terms a
    group uses in as many articles), then term id (alphabetical: analysis.terms), in
    group order; `group` comes sorted."""
    near = _near_top(group, z, top)
    ranked = near[np.lexsort((term[near], -sentences[near], -z[near], group[near]))]
    first = np.r_[True, group[ranked][1:] != group[ranked][:-1]]
    rank = np.arange(len(ranked)) - np.maximum.accumulate(np.where(first, np.arange(len(ranked)),
                                                                   0))
    return ranked[rank < top]


def two_group_terms(tables: Tables, filters: Filters, *, first: str, second: str,
                    top: int = 150, min_articles: int = MIN_ARTICLES,
                    texts: TextSource | None = None,
                    terms: TermIndex | None = None) -> pd.DataFrame:
    """Two outlets or groups against each other (a Scattertext-like plot): the `top` terms of
    each, with the share of each side's articles using it and z (positive: `first`'s word,
    negative: `second`'s)."""
    index = term_counts(tables, filters, texts=texts, terms=terms)
    articles = scoped_articles(tables, filters, columns=["article_id", "outlet"],
                               comparing=True)
    pair = articles[articles["outlet"].isin([first, second])]
    scored = score_terms(index, pair, top=top, min_articles=min_articles)
    mine = scored[scored["group"] == first]
    theirs = scored[scored["group"] == second]
    sides = [
        pd.DataFrame({"term": mine["term"], "kind": mine["kind"], "z": mine["z"],
                      "share_first": mine["share"], "share_second": mine["share_rest"],
                      "articles_first": mine["articles"],
                      "articles_second": mine["articles_rest"]}),
        pd.DataFrame({"term": theirs["term"], "kind": theirs["kind"], "z": -theirs["z"],
                      "share_first": theirs["share_rest"], "share_second": theirs["share"],
                      "articles_first": theirs["articles_rest"],
                      "articles_second": theirs["articles"]}),
    ]
    both = pd.concat([side for side in sides if not side.empty], ignore_index=True) \
        if not scored.empty else pd.DataFrame(columns=PAIR_COLUMNS)
    both = both.drop_duplicates(["term", "kind"])
    return both.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)[
        PAIR_COLUMNS]


def term_evidence(tables: Tables, filters: Filters, term: str, *,
                  texts: TextSource | None = None, read: int | None = None,
                  terms: TermIndex | None = None) -> pd.DataFrame:
    """The body sentences using `term` (a word, bigram or entity name), highlighted. With
    counted terms, only the articles using it are read. `read`: the texts of the first `read`
    only are kept (views.evidence.with_sentences)."""
    spans, known = term_spans(tables, filters, term, texts=texts, terms=terms)
    return with_sentences(tables, sentence_evidence(tables, spans, read=0), read=read,
                          known=known)


def term_spans(tables: Tables, filters: Filters, term: str, *,
               texts: TextSource | None = None,
               terms: TermIndex | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Where `term` is in the kept body sentences (article_id, sentence_id, start, end), and
    the texts read to find it (by article_id and sentence_id), so evidence need not read them
    again. With counted terms (`terms`, or stored ones), only the articles using it are
    read."""
    sentences = scoped_sentences(tables, filters, columns=["article_id", "sentence_id", "start"],
                                 kinds=TONE_KINDS, comparing=True)
    if terms is not None or not tables.terms.empty:
        index = term_counts(tables, filters, terms=terms)
        sentences = sentences[sentences["article_id"].isin(
            index.articles_using(index.numbers_of(term)))]
    sentences = with_text(tables, "sentences", sentences, texts=texts, column="sentence")
    spans = [(article_id, sentence_id, start + first, start + end)
             for article_id, sentence_id, start, sentence in sentences.itertuples(index=False)
             for first, end in term_places(str(sentence), term)]
    known = sentences.astype({"article_id": "string"}).set_index(
        ["article_id", "sentence_id"])["sentence"]
    return pd.DataFrame(spans, columns=["article_id", "sentence_id", "start", "end"]), known
