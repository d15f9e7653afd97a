"""Distinctive words on a store, side by side: a filter change answered from the store's terms
(article_terms, terms) against tokenising the kept articles again, and term evidence.

    PYTHONPATH=$PWD python bench/distinctive.py [STORE]   (a schema-6 store of the 5,129
    international AllSides articles; default .cache/stores/intl6, built with
    python -m analysis build ../shared/corpora/allsides/articles_international.jsonl.gz
    --out .cache/stores/intl6)
"""

import dataclasses
import sys
import time
from pathlib import Path

from analysis.tables import StoreTexts, empty, load_store
from analysis.views import Filters, distinctive


def timed(label: str, call):
    start = time.perf_counter()
    out = call()
    seconds = time.perf_counter() - start
    print(f"{label:<58} {seconds:8.2f} s")
    return out, seconds


def main() -> None:
    store = Path(sys.argv[1] if len(sys.argv) > 1 else ".cache/stores/intl6")
    tables = load_store(store, texts=False)
    texts = StoreTexts(store)
    print(f"{store}: {len(tables.articles)} articles, {len(tables.sentences)} sentences, "
          f"{len(tables.terms)} terms, {len(tables.article_terms)} (article, term) rows")
    unstored = dataclasses.replace(tables, terms=empty("terms"),
                                   article_terms=empty("article_terms"))
    published = tables.articles["published"].dropna().sort_values()
    middle = published.iloc[len(published) // 2].date()
    busiest = tuple(tables.articles["outlet"].value_counts().index[:10])
    for label, filters in [("all articles", Filters()),
                           ("from the median day on", Filters(start=middle)),
                           ("the 10 largest outlets", Filters(outlets=busiest)),
                           ("compared by group", Filters(compare_by="group"))]:
        print(f"-- {label}")
        stored, fast = timed("  from stored terms", lambda f=filters: distinctive.distinctive_terms(
            tables, f, texts=texts))
        again, slow = timed("  tokenising the kept articles", lambda f=filters:
                            distinctive.distinctive_terms(unstored, f, texts=texts))
        same = stored[["group", "term"]].equals(again[["group", "term"]])
        print(f"  tokenising / stored: {slow / fast:.0f}x; same terms: {same}")
    top = stored.iloc[0]
    timed(f"term evidence of {top['term']!r} (stored terms)",
          lambda: distinctive.term_evidence(tables, Filters(), top["term"], texts=texts))
    timed(f"term evidence of {top['term']!r} (every sentence)",
          lambda: distinctive.term_evidence(unstored, Filters(), top["term"], texts=texts))


if __name__ == "__main__":
    main()
