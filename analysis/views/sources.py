"""Source views: who speaks in each outlet's coverage, whom each outlet cites, and the quotes
behind every figure.

A speaker is counted by its canonical entity when the build resolved one, else by the name the
quotes table gives it (`speaker_name`: "a senior official", "the ministry"); `speaker_key` is
that entity id, or "name:" and the name in lower case. Quotes without a speaker, or with a
pronoun no rule resolved ("he" with nobody before), are left out of speaker counts but listed
with the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.tables import Tables, TextSource, sorted_unique, with_article_columns, with_text
from analysis.views.joined import join_runs
from analysis.views.quoted import scoped_quotes
from analysis.views.scope import NO_FILTERS, Filters, in_kept_articles, with_outlet
from analysis.views.speaker_outlets import (
    kind_outlet_counts,
    quotes_by_kind_of,
    speaker_outlet_counts,
    speakers_of,
)

KINDS = ("direct", "indirect", "mixed")
QUOTE_COLUMNS = ["outlet", "title", "published", "speaker", "cue", "kind", "tone", "quote",
                 "sentence", "content", "speaker_span", "cue_span", "article_id", "quote_id",
                 "sentence_id", "speaker_key"]


def speakers_by_outlet(tables: Tables, filters: Filters = NO_FILTERS, *, top: int = 15,
                       kinds: tuple[str, ...] = (), shown: int | None = None) -> pd.DataFrame:
    """The `top` speakers by quotes, one row per (speaker, outlet): n_quotes, the share of that
    outlet's quotes (all speakers) they are, and the speaker's total over outlets. `shown`:
    outlets beyond the leading `shown` pooled into "other outlets"."""
    return speakers_of(tables, speaker_outlet_counts(tables, filters, kinds=kinds), filters,
                       top=top, shown=shown)


def quotes_by_kind(tables: Tables, filters: Filters = NO_FILTERS, *,
                   shown: int | None = None) -> pd.DataFrame:
    """outlet, kind, n_quotes and the share of the outlet's quotes of that kind (`shown` pools
    outlets as speakers_by_outlet does)."""
    return quotes_by_kind_of(tables, kind_outlet_counts(tables, filters), filters, shown=shown)


def cited_sources(tables: Tables, filters: Filters = NO_FILTERS, *, top: int = 30,
                  roles: tuple[str, ...] = ()) -> pd.DataFrame:
    """Outlet -> cited source edges among the `top` sources by citations: n_citations,
    n_articles, n_disputes (citations whose article takes issue with the words), the source's
    type and the corpus outlet it is, when it is one."""
    citations = in_kept_articles(tables, filters, tables.citations, comparing=True)
    if roles:
        citations = citations[citations["role"].isin(list(roles))]
    citing = with_outlet(tables, citations[["article_id"]], filters)["outlet"]
    citations = citations.assign(citing=citing.astype("string"),
                                 disputed=citations["stance"] == "disputes")
    totals = citations.groupby("name").size().rename("total_citations").reset_index()
    leaders = totals.sort_values(["total_citations", "name"], ascending=[False, True]).head(top)
    kept = citations[citations["name"].isin(leaders["name"])]
    out = kept.groupby(["citing", "name"]).agg(
        n_citations=("quote_id", "size"), n_articles=("article_id", "nunique"),
        n_disputes=("disputed", "sum"),
        source_type=("source_type", lambda s: s.mode().iloc[0]),
        linked_outlet=("outlet", lambda s: s.dropna().iloc[0] if s.notna().any() else pd.NA),
    ).reset_index().merge(leaders, on="name")
    out = out.rename(columns={"citing": "outlet", "name": "source"})
    out["n_disputes"] = out["n_disputes"].astype("int64")
    columns = ["outlet", "source", "source_type", "n_citations", "n_articles", "n_disputes",
               "linked_outlet", "total_citations"]
    return out[columns].astype({"source_type": "string", "linked_outlet": "string"}).sort_values(
        ["total_citations", "source", "n_citations", "outlet"],
        ascending=[False, True, False, True], ignore_index=True)


def _relative_pairs(starts: pd.Series, ends: pd.Series, base: pd.Series) -> pd.Series:
    """"start:end" of one span per row (article offsets) as offsets into a context starting at
    `base`; "" where the row has no span or no context."""
    start = pd.to_numeric(starts, errors="coerce").to_numpy(dtype=float) - base.to_numpy(float)
    end = pd.to_numeric(ends, errors="coerce").to_numpy(dtype=float) - base.to_numpy(float)
    known = ~(np.isnan(start) | np.isnan(end))
    out = np.full(len(start), "", dtype=object)
    out[known] = (pd.Series(start[known].astype(np.int64)).astype(str) + ":"
                  + pd.Series(end[known].astype(np.int64)).astype(str)).to_numpy()
    return pd.Series(out, index=base.index, dtype="string")


def _relative_parts(parts: pd.Series, base: pd.Series) -> pd.Series:
    """The content's parts ("s:e s:e", article offsets) as offsets into the context."""
    pairs = parts.reset_index(drop=True).fillna("").astype(str).str.split().explode()
    pairs = pairs[pairs.notna() & (pairs != "")]
    out = np.full(len(base), "", dtype=object)
    if not pairs.empty:
        bounds = pairs.str.split(":", expand=True)
        rows = pairs.index.to_numpy()
        offsets = _relative_pairs(bounds[0], bounds[1], pd.Series(base.to_numpy(float)[rows]))
        known = (offsets != "").to_numpy()
        rows, joined = join_runs(rows[known], offsets.to_numpy(dtype=object)[known], " ")
        out[rows] = joined
    return pd.Series(out, index=base.index, dtype="string")


def _contexts(tables: Tables, quotes: pd.DataFrame, *,
              texts: TextSource | None) -> pd.DataFrame:
    """Each quote's context: its sentences from the first holding its content, speaker or cue
    to the last, as one text (gaps between sentences kept as spaces, so offsets hold).

    Found with array searches over all the quotes at once: a search per article took 16 s for
    the 58,000 quotes of 5,129 articles."""
    first = quotes[["start", "speaker_start", "cue_start"]].min(axis=1).astype("int64")
    last = quotes[["end", "speaker_end", "cue_end"]].max(axis=1).astype("int64")
    sentences = tables.sentences[["article_id", "sentence_id", "start", "end"]]
    quoted = quotes["article_id"].astype(str)
    sentences = sentences[sentences["article_id"].isin(quoted.unique())]
    article, names = pd.factorize(sentences["article_id"].astype(str))
    starts = sentences["start"].to_numpy(dtype=np.int64)
    order = np.lexsort((starts, article))
    sentences = sentences.iloc[order].reset_index(drop=True)
    article, starts = article[order], starts[order]
    span = int(sentences["end"].max()) + 1 if len(sentences) else 1
    keys = article.astype(np.int64) * span + starts  # sorted: article, then start
    of_quote = pd.Index(names).get_indexer(quoted)
    found = of_quote >= 0
    code = np.where(found, of_quote, 0)
    opening = np.searchsorted(article, np.arange(len(names)))[code] if len(names) else code
    lo = np.maximum(np.searchsorted(keys, code * span + first.to_numpy(), side="right") - 1,
                    opening)
    hi = np.maximum(np.searchsorted(keys, code * span + last.to_numpy() - 1, side="right") - 1,
                    opening)
    lengths = np.where(found, np.maximum(hi - lo + 1, 0), 0)
    ends = np.cumsum(lengths)
    rows = np.repeat(lo, lengths) + np.arange(ends[-1] if len(ends) else 0) \
        - np.repeat(ends - lengths, lengths)
    used = sorted_unique(rows)
    spans = with_text(tables, "sentences", sentences.iloc[used].assign(row=used), texts=texts)
    text = dict(zip(spans["row"].tolist(), spans["text"].tolist(), strict=True))
    begin, finish = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    bases = np.full(len(quotes), np.nan)
    contexts = np.full(len(quotes), None, dtype=object)
    one = np.flatnonzero(lengths == 1)  # most quotes lie in one sentence: no joining
    bases[one] = begin[rows[ends[one] - 1]]
    contexts[one] = [str(text[row]) for row in rows[ends[one] - 1].tolist()]
    for q in np.flatnonzero(lengths > 1).tolist():
        pieces, position = [], None
        for row in rows[ends[q] - lengths[q]:ends[q]].tolist():
            if position is not None:
                pieces.append(" " * max(int(begin[row]) - position, 1))
            pieces.append(str(text[row]))
            position = int(finish[row])
        bases[q] = begin[rows[ends[q] - lengths[q]]]
        contexts[q] = "".join(pieces)
    return pd.DataFrame({"base": bases, "sentence": contexts}, index=quotes.index)


def _quotes_of(tables: Tables, filters: Filters, *, kinds: tuple[str, ...],
               speaker: str | None, quotes: pd.DataFrame | None) -> pd.DataFrame:
    found = scoped_quotes(tables, filters, kinds=kinds)
    if speaker is not None:
        found = found[found["speaker_key"] == speaker]
    if quotes is not None:
        found = found.merge(quotes[["article_id", "quote_id"]].drop_duplicates(),
                            on=["article_id", "quote_id"])
    return found


def quote_count(tables: Tables, filters: Filters = NO_FILTERS, *, kinds: tuple[str, ...] = (),
                speaker: str | None = None) -> pd.DataFrame:
    """One row, `quotes`: how many quotes `quote_list` lists without a limit."""
    found = _quotes_of(tables, filters, kinds=kinds, speaker=speaker, quotes=None)
    return pd.DataFrame({"quotes": [len(found)]}, dtype="int64")


def quote_list(tables: Tables, filters: Filters = NO_FILTERS, *, kinds: tuple[str, ...] = (),
               speaker: str | None = None, quotes: pd.DataFrame | None = None,
               limit: int | None = None, texts: TextSource | None = None) -> pd.DataFrame:
    """The quotes with their context sentences: `content`, `speaker_span` and `cue_span` are
    "start:end" offsets into `sentence` (the content's parts, the speaker, the cue). Narrowed to
    one `speaker` key, or to the given `quotes` rows (article_id, quote_id); ordered by outlet,
    date, article and place in it, and with `limit` the first `limit` of them (their texts and
    contexts are read only for those)."""
    found = _quotes_of(tables, filters, kinds=kinds, speaker=speaker, quotes=quotes)
    if found.empty:
        return _empty_list()
    found = with_article_columns(found, tables.articles[["article_id", "published"]])
    found = found.iloc[_listing_order(found)[:limit]].reset_index(drop=True)
    found = with_article_columns(found, tables.articles[["article_id", "title"]])
    found = with_text(tables, "quotes", found, texts=texts, column="quote")
    context = _contexts(tables, found, texts=texts)
    base = context["base"]
    found = found.assign(sentence=context["sentence"].astype("string"),
                         content=_relative_parts(found["parts"], base),
                         speaker_span=_relative_pairs(found["speaker_start"],
                                                      found["speaker_end"], base),
                         cue_span=_relative_pairs(found["cue_start"], found["cue_end"], base),
                         speaker=found["speaker_name"])
    return found[QUOTE_COLUMNS].astype({"content": "string", "speaker_span": "string",
                                        "cue_span": "string", "article_id": "string"}
                                       ).reset_index(drop=True)


def _listing_order(quotes: pd.DataFrame) -> np.ndarray:
    """The positions of `quotes` by outlet, date (undated last), article and quote: one sort of
    their numbers (sorting the frame's strings took a tenth of the list at 37,554 articles)."""
    outlet, _ = pd.factorize(quotes["outlet"], sort=True)
    published = quotes["published"].to_numpy(dtype="datetime64[ns]")
    when = np.where(np.isnat(published), np.iinfo(np.int64).max, published.view(np.int64))
    article, _ = pd.factorize(quotes["article_id"], sort=True)
    return np.lexsort((quotes["quote_id"].to_numpy(), article, when,
                       np.where(outlet < 0, len(outlet), outlet)))


def _empty_list() -> pd.DataFrame:
    dtypes = {"published": "datetime64[ns]", "tone": "float64", "quote_id": "int64",
              "sentence_id": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "string")) for c in QUOTE_COLUMNS})


def entity_quotes(tables: Tables, filters: Filters = NO_FILTERS, *, entity_id: str,
                  texts: TextSource | None = None) -> pd.DataFrame:
    """What the entity said: every quote whose speaker resolves to it."""
    return quote_list(tables, filters, speaker=entity_id, texts=texts)


def citation_quotes(tables: Tables, filters: Filters = NO_FILTERS, *, outlet: str,
                    source: str, texts: TextSource | None = None) -> pd.DataFrame:
    """The quotes behind one outlet (or group, as the filters compare) -> source edge of
    cited_sources."""
    citations = tables.citations[tables.citations["name"] == source]
    citing = with_outlet(tables, citations[["article_id"]], filters)["outlet"]
    citations = citations[citing == outlet]
    return quote_list(tables, filters, quotes=citations, texts=texts)


def article_quotes(tables: Tables, filters: Filters = NO_FILTERS, *,
                   article_id: str) -> pd.DataFrame:
    """One article's quotes in text order: quote_id, kind, speaker, cue, start, end, parts
    (empty when the filters leave the article out)."""
    # the article's rows first: scoping every quote of a big store costs 0.1 s
    quotes = scoped_quotes(tables, filters,
                           rows=tables.quotes[tables.quotes["article_id"] == article_id])
    columns = ["quote_id", "kind", "speaker_name", "speaker_rule", "cue", "via_text", "tone",
               "sentence_id", "start", "end", "parts", "speaker_start", "speaker_end"]
    return quotes[columns].rename(columns={"speaker_name": "speaker", "via_text": "via"}
                                  ).sort_values("start", ignore_index=True)
