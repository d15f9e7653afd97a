import numpy as np

from analysis.tables import run_starts, sorted_unique


def test_the_distinct_values_in_order_as_numpy_gives_them():
    rng = np.random.default_rng(0)
    for values in (rng.integers(-2**40, 2**40, 5_000), rng.integers(0, 7, 5_000),
                   np.array([5]), np.array([3, 3, 3]), np.array([], dtype=np.int64)):
        found = sorted_unique(values)
        assert np.array_equal(found, np.unique(values))
        assert found.dtype == values.dtype


def test_the_values_asked_about_are_left_as_they_were():
    values = np.array([9, 1, 9, 4])
    assert sorted_unique(values).tolist() == [1, 4, 9]
    assert values.tolist() == [9, 1, 9, 4]


def test_runs_begin_where_a_sorted_value_changes():
    assert run_starts(np.array([2, 2, 5, 7, 7, 7])).tolist() == [0, 2, 3]
    assert run_starts(np.array([4])).tolist() == [0]
    assert run_starts(np.array([], dtype=np.int64)).tolist() == []
