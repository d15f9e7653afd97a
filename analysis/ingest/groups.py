"""Outlet groups: which group each outlet is compared in ("Compare by: group"), with its country
and kind, from two places: the import's group column (AllSides' `bias_text`: left, center,
right), and data/outlets.csv, a file the user edits (outlet, group, country, kind; any column
may be empty). The file wins where it gives a group: it is the user's word on their corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.tables import schema

LISTED_COLUMNS = ["outlet", "group", "country", "kind"]


def metadata_groups(outlets: list[str], groups: list[str]) -> pd.DataFrame:
    """outlet, group: per outlet, the group most of its articles carry (ties: the first in
    alphabetical order); outlets whose articles carry none are left out."""
    pairs = pd.DataFrame({"outlet": outlets, "group": [g.strip() for g in groups]})
    pairs = pairs[pairs["group"] != ""]
    counts = pairs.groupby(["outlet", "group"]).size().rename("n").reset_index()
    counts = counts.sort_values(["outlet", "n", "group"], ascending=[True, False, True])
    return counts.drop_duplicates("outlet")[["outlet", "group"]].reset_index(drop=True)


def load_outlets(path: Path | None) -> pd.DataFrame:
    """The user's outlets file (lines starting with # are comments); a missing file is none."""
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=LISTED_COLUMNS, dtype="string")
    listed = pd.read_csv(path, dtype="string", comment="#", keep_default_na=False)
    listed.columns = [str(c).strip().lower() for c in listed.columns]
    for column in LISTED_COLUMNS:
        if column not in listed.columns:
            listed[column] = ""
    listed = listed[LISTED_COLUMNS].apply(lambda col: col.str.strip())
    return listed[listed["outlet"] != ""].drop_duplicates("outlet", keep="last")


def outlet_groups(articles: pd.DataFrame, from_metadata: pd.DataFrame,
                  listed: pd.DataFrame) -> pd.DataFrame:
    """The groups table: one row per known outlet of `articles` (schema "groups")."""
    known = articles.loc[articles["outlet_from"] != "unknown", "outlet"].dropna().unique()
    out = pd.DataFrame({"outlet": sorted(known)}, dtype="string")
    out = out.merge(from_metadata.astype("string"), on="outlet", how="left")
    out = out.merge(listed.astype("string").rename(columns={"group": "listed"}), on="outlet",
                    how="left")
    chosen = out["listed"].fillna("") != ""
    out["group_from"] = ""
    out.loc[out["group"].fillna("") != "", "group_from"] = "metadata"
    out.loc[chosen, "group"] = out.loc[chosen, "listed"]
    out.loc[chosen, "group_from"] = "data/outlets.csv"
    return schema.conform(out.fillna({"group": "", "country": "", "kind": ""}), "groups")
