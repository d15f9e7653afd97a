"""The views' cache: one result per key, shared, and never more than its byte budget."""

import threading

import pandas as pd
import pytest

from dashboard.view_cache import SizedCache, frame_bytes


def frame(n: int, tag: str = "x") -> pd.DataFrame:
    return pd.DataFrame({"value": range(n), "tag": [tag] * n})


def test_a_result_is_computed_once_and_shared():
    cache = SizedCache(10 * 2**20)
    calls = []
    first = cache.get("a", lambda: calls.append(1) or frame(10))
    again = cache.get("a", lambda: calls.append(1) or frame(10))
    assert again is first and calls == [1]


def test_the_least_recently_used_results_go_past_the_budget():
    one = frame_bytes(frame(1_000))
    cache = SizedCache(int(2.5 * one))
    for key in "abc":
        cache.get(key, lambda: frame(1_000))
    assert len(cache) == 2 and cache.held <= cache.budget
    calls = []
    cache.get("a", lambda: calls.append("a") or frame(1_000))  # "a" went first
    assert calls == ["a"]
    cache.get("c", lambda: calls.append("c") or frame(1_000))  # "c" stayed
    assert calls == ["a"]


def test_frames_found_together_count_with_all_their_bytes():
    cache = SizedCache(10 * 2**20)
    pair = cache.get("pair", lambda: (frame(1_000), frame(500, "y")))
    assert cache.get("pair", lambda: None) is pair
    assert cache.held == frame_bytes(pair) == frame_bytes(pair[0]) + frame_bytes(pair[1]) > 0


def test_a_result_larger_than_the_budget_is_returned_not_kept():
    cache = SizedCache(100)
    assert len(cache.get("big", lambda: frame(10_000))) == 10_000
    assert len(cache) == 0 and cache.held == 0


def test_sessions_asking_at_once_wait_for_one_computation():
    cache = SizedCache(10 * 2**20)
    started, calls, results = threading.Event(), [], []

    def slow() -> pd.DataFrame:
        calls.append(1)
        started.wait(timeout=5)
        return frame(5)

    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join(timeout=10)
    assert calls == [1] and len(results) == 4
    assert all(result is results[0] for result in results)


def test_a_failed_computation_is_not_kept():
    cache = SizedCache(10 * 2**20)

    def failing() -> pd.DataFrame:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("k", failing)
    assert len(cache) == 0
    assert len(cache.get("k", lambda: frame(3))) == 3
