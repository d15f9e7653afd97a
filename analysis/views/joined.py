"""Strings joined per run of equal keys, on arrays: a Python function per group took most of a
view's time on a large store (the outlets naming each place, a quote's content parts)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def join_runs(keys: np.ndarray, pieces: np.ndarray, sep: str) -> tuple[np.ndarray, np.ndarray]:
    """(each run's key, its pieces joined by `sep`), for `keys` whose equal values are
    adjacent (sorted) and `pieces` the strings beside them."""
    if len(keys) == 0:
        return keys[:0], np.zeros(0, dtype=object)
    first = np.r_[True, keys[1:] != keys[:-1]]
    pieces = np.array(pieces, dtype=object)  # a copy: the separators go in place
    pieces[~first] = sep + pieces[~first]
    starts = np.flatnonzero(first)
    return keys[starts], np.add.reduceat(pieces, starts)


def join_per_run(frame: pd.DataFrame, keys: list[str], column: str, sep: str) -> pd.DataFrame:
    """One row per run of equal `keys` in `frame` (sorted by them, or at least grouped): the
    keys and the run's `column` values (strings) joined by `sep`, in frame order."""
    first = np.zeros(len(frame), dtype=bool)
    first[:1] = True
    for key in keys:
        codes = pd.factorize(frame[key])[0]
        first[1:] |= codes[1:] != codes[:-1]
    _, joined = join_runs(np.cumsum(first), frame[column].to_numpy(dtype=object), sep)
    return frame[keys].iloc[np.flatnonzero(first)].reset_index(drop=True).assign(
        **{column: joined})
