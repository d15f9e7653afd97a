"""Distinctive words on a store: the cost of tokenising the corpus against the cost of the
statistic once the per-article terms exist (what a filter change would cost with them stored).

    PYTHONPATH=$PWD python bench/distinctive.py [STORE]   (default /work/stores/intl-after)
"""

import sys
import time
from pathlib import Path

from analysis.tables import StoreTexts, load_store
from analysis.views import Filters, distinctive
from analysis.views.scope import scoped_articles


def timed(label: str, call):
    start = time.perf_counter()
    out = call()
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.2f} s")
    return out, seconds


def main() -> None:
    store = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/stores/intl-after")
    tables = load_store(store, texts=False)
    texts = StoreTexts(store)
    print(f"{store}: {len(tables.articles)} articles, {len(tables.sentences)} sentences")
    terms, tokenise = timed("article terms (tokenise every body sentence)",
                            lambda: distinctive.article_terms(tables, Filters(), texts=texts))
    print(f"{len(terms)} (article, term) rows")
    published = tables.articles["published"].dropna()
    middle = published.sort_values().iloc[len(published) // 2].date()
    for label, filters in [("all articles", Filters()),
                           ("from the median day on", Filters(start=middle))]:
        outlets = scoped_articles(tables, filters, columns=["article_id", "outlet"],
                                  comparing=True)
        _, score = timed(f"statistic from stored terms: {label}",
                         lambda outlets=outlets: distinctive.score_terms(terms, outlets))
        print(f"  tokenising / statistic: {tokenise / score:.0f}x")


if __name__ == "__main__":
    main()
