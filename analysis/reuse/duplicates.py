"""Whole articles that repeat another: the import's near-duplicate flags as a table of the
store, so a corpus built from the command line carries them too, and the Reuse page shows them
beside the passages."""

from __future__ import annotations

import pandas as pd

from analysis.ingest import near_duplicates
from analysis.tables import conform, empty


def duplicates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article that repeats an earlier one (analysis.ingest.duplicates)."""
    if len(articles) < 2:
        return empty("duplicates")
    return conform(near_duplicates(articles), "duplicates")
