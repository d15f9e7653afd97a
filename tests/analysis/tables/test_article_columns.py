"""An article's columns on the rows naming it: what an inner merge on article_id gives, for
ids as strings and as the app's categoricals."""

import pandas as pd
import pytest

from analysis.tables import with_article_columns

ARTICLES = pd.DataFrame({"article_id": pd.array(["a", "b", "c"], dtype="string"),
                         "outlet": pd.array(["Reuters", "TASS", "BBC"], dtype="string"),
                         "published": pd.to_datetime(["2024-01-02", None, "2024-01-03"])})


@pytest.mark.parametrize("dtype", ["string", "category"])
def test_rows_get_their_articles_columns_and_unknown_articles_drop_out(dtype):
    rows = pd.DataFrame({"article_id": pd.Series(["c", "a", "x", None, "c"], dtype=dtype),
                         "tone": [0.1, 0.2, 0.3, 0.4, 0.5]}).set_axis([10, 11, 12, 13, 14])
    out = with_article_columns(rows, ARTICLES)
    assert list(out.columns) == ["article_id", "tone", "outlet", "published"]
    assert out["article_id"].astype(str).tolist() == ["c", "a", "c"]
    assert out["tone"].tolist() == [0.1, 0.2, 0.5]
    assert out["outlet"].tolist() == ["BBC", "Reuters", "BBC"]
    assert out["outlet"].dtype == "string"
    assert out["published"].tolist() == list(pd.to_datetime(["2024-01-03", "2024-01-02",
                                                             "2024-01-03"]))
    merged = rows.astype({"article_id": "string"}).merge(ARTICLES, on="article_id")
    pd.testing.assert_frame_equal(out.astype({"article_id": "string"}), merged)


def test_no_rows_and_no_articles():
    rows = pd.DataFrame({"article_id": pd.array(["a"], dtype="string"), "tone": [0.1]})
    assert with_article_columns(rows.iloc[:0], ARTICLES).empty
    none = with_article_columns(rows, ARTICLES.iloc[:0])
    assert none.empty
    assert list(none.columns) == ["article_id", "tone", "outlet", "published"]
