import io

import pandas as pd

from analysis.tables import csv_bytes


def test_csv_neutralises_formulas_but_keeps_numbers():
    df = pd.DataFrame(
        {
            "text": pd.Series(["=HYPERLINK(\"x\")", "+1", "-2 dead", "@SUM(A1)", "\tx", "plain"],
                              dtype="string"),
            "tone": [-0.5, 0.1, 0.0, 0.2, 0.3, 0.4],
        }
    )
    back = pd.read_csv(io.BytesIO(csv_bytes(df)), keep_default_na=False)
    assert list(back["text"]) == ["'=HYPERLINK(\"x\")", "'+1", "'-2 dead", "'@SUM(A1)", "'\tx",
                                  "plain"]
    assert back["tone"].iloc[0] == -0.5
