"""Places on the geoparsing development sets (../shared/eval/geoparsing: TR-News, GeoVirus).

    python bench/quality_places.py               # gold spans and end to end
    python bench/quality_places.py --skip-e2e    # places with gold spans only

Per set it prints
- places with gold spans: every gold toponym string goes through `resolve_places` (each article's
  toponyms together, so article context counts); accuracy within 161 km (100 miles) of the gold
  point over all gold toponyms that have one, median error in km over the resolved ones, and
  coverage (the share resolved at all);
- places end to end: the project's own spaCy pipeline (`analysis.annotate.load_models` and
  `annotate_texts`, the path the app runs) finds the mentions and `resolve_places` places them;
  toponym recall (gold toponyms overlapped by one of our place mentions), the share found and
  placed within 161 km, and the accuracy within 161 km of what we found.

The gold files are read as they are. Their offsets have known quirks (TR-News: about 1 in 10 is
off by 1-2 characters; GeoVirus: every offset is shifted by one, text[start-1:end-1]); each gold
span is re-anchored to the nearest occurrence of its own string, and nothing is tuned to the gold.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from geopy.distance import great_circle

from analysis.places import (
    GAZETTEER_VERSION,
    RULES,
    find_toponyms,
    load_gazetteer,
    resolve_mentions,
    resolve_places,
)

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the repository (a worktree elsewhere passes --shared)
DEFAULT_SHARED = REPO.parent / "shared"
KM = 161.0  # 100 miles, the usual threshold in geoparsing evaluations
SETS = {"TR-News": "TR-News.xml", "GeoVirus": "GeoVirus.xml"}


# -- the gold sets ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Toponym:
    name: str
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    article_id: str
    text: str
    toponyms: list[Toponym]


def _anchor(text: str, name: str, start: int, *, reach: int = 5) -> int:
    """`start` moved to the nearest place where `name` really occurs (or left as it is)."""
    if text[start:start + len(name)] == name:
        return start
    for shift in range(1, reach + 1):
        for candidate in (start - shift, start + shift):
            if candidate >= 0 and text[candidate:candidate + len(name)] == name:
                return candidate
    return start


def _float(node: ET.Element | None, tag: str) -> float | None:
    child = node.find(tag) if node is not None else None
    return float(child.text) if child is not None and child.text else None


def read_trnews(path: Path) -> list[GoldArticle]:
    articles = []
    for i, node in enumerate(ET.parse(path).getroot().iter("article")):
        text = node.findtext("text") or ""
        toponyms = []
        for top in node.iter("toponym"):
            name = top.findtext("phrase") or ""
            start = _anchor(text, name, int(top.findtext("start")))
            gaz = top.find("gaztag")
            toponyms.append(Toponym(name, start, start + len(name), _float(gaz, "lat"),
                                    _float(gaz, "lon")))
        articles.append(GoldArticle(node.get("docid") or f"tr{i}", text, toponyms))
    return articles


def read_geovirus(path: Path) -> list[GoldArticle]:
    articles = []
    for i, node in enumerate(ET.parse(path).getroot().iter("article")):
        text = node.findtext("text") or ""
        toponyms = []
        for loc in node.iter("location"):
            name = loc.findtext("name") or ""
            # GeoVirus offsets count from one
            start = _anchor(text, name, int(loc.findtext("start")) - 1)
            toponyms.append(Toponym(name, start, start + len(name), _float(loc, "lat"),
                                    _float(loc, "lon")))
        articles.append(GoldArticle(f"gv{i}", text, toponyms))
    return articles


READERS = {"TR-News": read_trnews, "GeoVirus": read_geovirus}


# -- measures -----------------------------------------------------------------------------------

def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return great_circle((lat1, lon1), (lat2, lon2)).km


def gold_span_report(articles: list[GoldArticle], gazetteer) -> dict:
    """Resolve every gold toponym string with its article's other toponyms as context."""
    rows = [(a.article_id, t.name, "GPE", t) for a in articles for t in a.toponyms
            if t.lat is not None]
    mentions = pd.DataFrame([r[:3] for r in rows], columns=["article_id", "text", "label"])
    mentions = mentions.astype("string")
    ids, places = resolve_places(mentions, gazetteer=gazetteer)
    where = places.set_index("place_id")[["lat", "lon"]].to_dict("index")
    errors: list[float | None] = []
    for (_, _, _, top), pid in zip(rows, ids.tolist(), strict=True):
        if pd.isna(pid):
            errors.append(None)
        else:
            p = where[int(pid)]
            errors.append(_km(top.lat, top.lon, p["lat"], p["lon"]))
    return _summary(errors) | {"misses": _misses(rows, errors, ids, places)}


def _summary(errors: list[float | None]) -> dict:
    resolved = [e for e in errors if e is not None]
    n = len(errors)
    hits = sum(e <= KM for e in resolved)
    return {
        "n": n,
        "coverage": len(resolved) / n if n else 0.0,
        "acc161": hits / n if n else 0.0,
        "acc161_resolved": hits / len(resolved) if resolved else 0.0,
        "median_km": statistics.median(resolved) if resolved else float("nan"),
    }


def _misses(rows, errors, ids, places) -> Counter:
    names = places.set_index("place_id")["name"].to_dict()
    out: Counter = Counter()
    for (_, _, _, top), err, pid in zip(rows, errors, ids.tolist(), strict=True):
        if err is None:
            out[(top.name, "-")] += 1
        elif err > KM:
            out[(top.name, names[int(pid)])] += 1
    return out


def annotate_articles(articles: list[GoldArticle], models) -> pd.DataFrame:
    """Our mentions of the gold articles, annotated as the app annotates (key = article_id)."""
    from analysis.annotate import annotate_texts

    records = annotate_texts([(a.article_id, a.text) for a in articles], models=models)
    return records.mentions.to_pandas().rename(columns={"key": "article_id"})


def end_to_end_report(articles: list[GoldArticle], mentions: pd.DataFrame, gazetteer, *,
                      recognise: bool = True) -> dict:
    """Our mentions and places against the gold toponyms (overlap of character spans).

    With `recognise`, the mentions go through places.find_toponyms first, as in a build."""
    mentions = mentions.astype({"article_id": "string", "text": "string", "label": "string"})
    if recognise:
        mentions = find_toponyms(mentions, {a.article_id: a.text for a in articles},
                                 gazetteer=gazetteer)
    found_places = resolve_mentions(mentions, gazetteer=gazetteer)
    ids, places = found_places.place_id, found_places.places
    where = places.set_index("place_id")[["lat", "lon"]].to_dict("index")
    rules = found_places.rule.fillna("ner").tolist()
    # every mention resolve_mentions placed, whatever its label (it decides which labels count)
    ours: dict[str, list[tuple[int, int, int, str]]] = {}
    for row, pid, rule in zip(mentions.itertuples(index=False), ids.tolist(), rules,
                              strict=True):
        if not pd.isna(pid):
            ours.setdefault(row.article_id, []).append((row.start, row.end, int(pid), rule))

    n = found = placed = hits = 0
    for article in articles:
        spans = ours.get(article.article_id, [])
        for top in article.toponyms:
            if top.lat is None:
                continue
            n += 1
            overlapping = [s for s in spans if s[0] < top.end and top.start < s[1]]
            if not overlapping:
                continue
            found += 1
            p = where[overlapping[0][2]]
            placed += 1
            hits += _km(top.lat, top.lon, p["lat"], p["lon"]) <= KM
    gold_spans = {a.article_id: [(t.start, t.end) for t in a.toponyms] for a in articles}
    by_rule: dict[str, list[int]] = {rule: [0, 0] for rule in RULES}  # [placed, on gold]
    for aid, spans in ours.items():
        for s in spans:
            on_gold = any(g0 < s[1] and s[0] < g1 for g0, g1 in gold_spans.get(aid, ()))
            by_rule[s[3]][0] += 1
            by_rule[s[3]][1] += on_gold
    n_ours = sum(v[0] for v in by_rule.values())
    ours_on_gold = sum(v[1] for v in by_rule.values())
    return {
        "n": n,
        "recall": found / n if n else 0.0,
        "found_and_within161": hits / n if n else 0.0,
        "acc161_of_found": hits / placed if placed else 0.0,
        "precision_vs_gold": ours_on_gold / n_ours if n_ours else 0.0,
        "placed_mentions": n_ours,
        "by_rule": by_rule,
    }


# -- the report ---------------------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def places_section(shared: Path, *, skip_e2e: bool = False, misses: int = 0,
                   model: str | None = None) -> None:
    """Print the gold-span and end-to-end figures of each geoparsing set found under `shared`."""
    geo = shared / "eval" / "geoparsing"
    if not geo.is_dir():
        print(f"places: skipped ({geo} is missing)")
    else:
        started = time.perf_counter()
        gazetteer = load_gazetteer()
        print(f"gazetteer {GAZETTEER_VERSION}: {len(gazetteer):,} places, "
              f"loaded in {time.perf_counter() - started:.2f} s")
        models = None
        for name, filename in SETS.items():
            if not (geo / filename).exists():
                print(f"{name}: skipped ({geo / filename} is missing)")
                continue
            articles = READERS[name](geo / filename)
            started = time.perf_counter()
            gold = gold_span_report(articles, gazetteer)
            seconds = time.perf_counter() - started
            print(f"\n{name}: {len(articles)} articles, {gold['n']} gold toponyms with a point")
            print(f"  gold spans    within {KM:.0f} km {_pct(gold['acc161'])}   "
                  f"median error {gold['median_km']:7.1f} km   coverage {_pct(gold['coverage'])}"
                  f"   (within {KM:.0f} km of resolved {_pct(gold['acc161_resolved'])}, "
                  f"{seconds:.2f} s)")
            if misses:
                misses = ", ".join(f"{n}->{p} x{c}" for (n, p), c in
                                   gold["misses"].most_common(misses))
                print(f"  most common misses: {misses}")
            if skip_e2e:
                continue
            if models is None:
                from analysis.annotate import load_models

                models = load_models(model)
            started = time.perf_counter()
            mentions = annotate_articles(articles, models)
            seconds = time.perf_counter() - started
            for recognise in (False, True):
                e2e = end_to_end_report(articles, mentions, gazetteer, recognise=recognise)
                what = "ner + rules" if recognise else "ner only   "
                print(f"  end to end, {what}: toponym recall {_pct(e2e['recall'])}   found and "
                      f"within {KM:.0f} km {_pct(e2e['found_and_within161'])}   within "
                      f"{KM:.0f} km of found {_pct(e2e['acc161_of_found'])}   "
                      f"({e2e['placed_mentions']} placed mentions, "
                      f"{_pct(1 - e2e['precision_vs_gold'])} on no gold toponym)")
            rules = ", ".join(f"{rule} {placed} ({_pct(1 - on_gold / placed).strip()} on no "
                              f"gold)" for rule, (placed, on_gold) in e2e["by_rule"].items()
                              if placed)
            shown = [v for rule, v in e2e["by_rule"].items() if rule != "embedded"]
            placed_shown = sum(v[0] for v in shown)
            off_shown = 1 - sum(v[1] for v in shown) / placed_shown if placed_shown else 0.0
            print(f"  placed mentions by rule: {rules}; without the embedded ones (the map's "
                  f"default) {_pct(off_shown).strip()} on no gold toponym   ({seconds:.1f} s)")



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--skip-e2e", action="store_true", help="no spaCy end-to-end pass")
    parser.add_argument("--misses", type=int, default=0, help="show the N most common misses")
    parser.add_argument("--model", help="the spaCy model for the end-to-end pass (default: "
                                        "the project's, see analysis.annotate.model)")
    args = parser.parse_args(argv)
    places_section(args.shared, skip_e2e=args.skip_e2e, misses=args.misses, model=args.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
