"""Reuse: which passages each article took from another outlet's, from whom, with or without
credit (the `reuse` table), and which articles repeat another whole (the `duplicates` table).

The method follows Passim (Smith, Cordell et al.): an index of word n-grams, candidate pairs
of articles from the rare n-grams they share, then local alignment around those n-grams that
tolerates small edits. Modules, in the order data passes:

- `tokens`: texts as words and word n-grams, hashed in numpy;
- `index`: postings by hash partition, rare seeds, chains -> candidate pairs (blocking);
- `align`: the passages two texts share (rapidfuzz word alignment);
- `rewritten`: sentences saying the same in other words (same entities, same order);
- `checks`: one chunk of candidate pairs checked (what an engine runs);
- `cache`: checks kept across builds, per pair of texts;
- `engines`: this process or a Dask cluster;
- `attribution`: source names, credit lines, quotations -> direction and credit;
- `table`: check results -> the reuse table; `find`: the whole pass (`find_reuse`).
"""

from analysis.reuse.cache import PairCache
from analysis.reuse.duplicates import duplicates_table
from analysis.reuse.engines import DaskReuse, LocalReuse
from analysis.reuse.find import find_reuse, namespace

__all__ = ["DaskReuse", "LocalReuse", "PairCache", "duplicates_table", "find_reuse",
           "namespace"]
