"""The views' results kept between reruns and shared by every session, bounded by their size.

st.cache_data would keep them too, but it pickles a result when it stores it and unpickles a
fresh copy on every read (a rerun of a page reading ten views unpickles ten frames), and it
bounds only the number of entries, not their size: on 37,554 articles its 512 entries held 60
to 600 MB per page. Views are pure and pages only read their results (they filter them into
new frames), so one object serves every reader; past the byte budget the least recently used
results go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import pandas as pd

# a view's result: a frame, or frames found together (the map's places and countries)
Result = pd.DataFrame | tuple[pd.DataFrame, ...]


def frame_bytes(result: Result) -> int:
    """What a view's result holds in memory, its strings included."""
    if isinstance(result, tuple):
        return sum(frame_bytes(frame) for frame in result)
    return int(result.memory_usage(deep=True, index=True).sum())


class SizedCache:
    """A least-recently-used map of results holding at most `budget` bytes. A result larger
    than the whole budget is returned and not kept. Thread-safe: sessions run their scripts in
    threads of one server; two asking for the same key wait for one computation."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        self._items: OrderedDict[Hashable, tuple[Result, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def _hit(self, key: Hashable) -> Result | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key][0]

    def get(self, key: Hashable, compute: Callable[[], Result]) -> Result:
        """The result kept under `key`, else `compute()`, kept while the budget allows."""
        found = self._hit(key)
        if found is not None:
            return found
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found = self._hit(key)
            if found is not None:
                return found
            try:
                value = compute()
                self._keep(key, value)
                return value
            finally:
                with self._lock:
                    self._computing.pop(key, None)

    def _keep(self, key: Hashable, value: Result) -> None:
        size = frame_bytes(value)
        if size > self.budget:
            return
        with self._lock:
            self._items[key] = (value, size)
            self.held += size
            while self.held > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.held -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.held = 0
