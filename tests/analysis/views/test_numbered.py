import numpy as np
import pandas as pd
import pytest

from analysis.views.numbered import (
    among_top,
    distinct_per,
    mean_per_sentence,
    sentence_numbers,
)


@pytest.fixture
def rows():
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({
        "group": rng.choice(["p1", "p2", "p3", None], 500),
        "article_id": pd.Categorical(rng.choice(["b", "a", "c"], 500)),
        "sentence_id": rng.integers(0, 9, 500),
        "outlet": rng.choice(["X", "Y", None], 500),
    })
    # a sentence's tone is the same on each of its rows; some sentences have none
    sentence, sentences = pd.factorize(frame["article_id"].astype(str) + "/"
                                       + frame["sentence_id"].astype(str))
    tones = rng.uniform(-1, 1, len(sentences))
    tones[::7] = np.nan
    frame["tone"] = tones[sentence]
    return frame


def test_distinct_per_counts_as_a_groupby_nunique_does(rows):
    keys, groups = pd.factorize(rows["group"])
    expected = rows.groupby("group")["outlet"].nunique()
    found = distinct_per(keys, rows["outlet"], len(groups))
    assert dict(zip(groups, found, strict=True)) == expected.to_dict()


def test_rows_of_one_sentence_share_its_number(rows):
    numbers = sentence_numbers(rows)
    same = rows.groupby(["article_id", "sentence_id"], observed=True).ngroup().to_numpy()
    assert len(set(zip(numbers, same, strict=True))) == len(set(numbers)) == len(set(same))


def test_mean_per_sentence_counts_each_sentence_once(rows):
    keys, groups = pd.factorize(rows["group"])
    once = rows.dropna(subset=["group"]).drop_duplicates(["group", "article_id", "sentence_id"])
    expected = once.groupby("group")["tone"].mean()
    found = mean_per_sentence(keys, sentence_numbers(rows), rows["tone"].to_numpy(), len(groups))
    assert found == pytest.approx(expected.reindex(groups).to_numpy(), nan_ok=True)
    # a group named only in sentences without a tone has none
    lone = rows.assign(group="p9", tone=np.nan).head(3)
    assert np.isnan(mean_per_sentence(np.zeros(3, dtype=np.intp), sentence_numbers(lone),
                                      lone["tone"].to_numpy(), 1)).all()


def test_among_top_keeps_the_values_tied_with_the_last():
    values = np.array([5, 9, 7, 7, 1, 7])
    assert among_top(values, 2).tolist() == [False, True, True, True, False, True]
    assert among_top(values, 6).all() and among_top(values, 0).all()
