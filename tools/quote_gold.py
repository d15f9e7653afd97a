"""The quotation gold set (bench/data/quotes/): pick its articles, and turn the hand annotations
into offsets.

    python tools/quote_gold.py select     # the articles, by a fixed seed (articles.jsonl)
    python tools/quote_gold.py compile    # annotations.txt + articles.jsonl -> gold.jsonl
    python tools/quote_gold.py show ID    # one article's text with its compiled attributions

How the articles were chosen and how they were annotated: bench/data/quotes/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "quotes"
ARTICLES = DATA / "articles.jsonl"
ANNOTATIONS = DATA / "annotations.txt"
GOLD = DATA / "gold.jsonl"
SOURCE = REPO.parent / "shared" / "corpora" / "allsides" / "articles_international.jsonl.gz"

SEED = 14
PER_TOPIC = 2  # one article of each topic for dev, one for test
MIN_WORDS, MAX_WORDS = 200, 800
KINDS = {"D": "direct", "I": "indirect", "M": "mixed"}


# -- choosing the articles -------------------------------------------------------------------------

def select(source: Path) -> list[dict]:
    """PER_TOPIC articles of every topic, each from an outlet not chosen yet, in an order fixed by
    SEED; texts exactly as the project's importer makes them (the offsets point into those)."""
    from analysis.ingest import load_corpus

    corpus = load_corpus(source).articles
    rows = corpus[corpus["n_words"].between(MIN_WORDS, MAX_WORDS)]
    meta = {}
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            record = json.loads(line)
            meta[f"{source.name} line {number}"] = record
    order = list(rows.index)
    random.Random(SEED).shuffle(order)
    taken: dict[str, int] = {}
    outlets: set[str] = set()
    chosen = []
    for index in order:
        row = rows.loc[index]
        record = meta.get(str(row["source"]))
        if record is None:
            continue
        topic = record["topic"]
        if taken.get(topic, 0) >= PER_TOPIC or row["outlet"] in outlets:
            continue
        split = "dev" if taken.get(topic, 0) == 0 else "test"
        taken[topic] = taken.get(topic, 0) + 1
        outlets.add(str(row["outlet"]))
        chosen.append({"id": f"allsides-{record['ID']}", "split": split, "topic": topic,
                       "outlet": str(row["outlet"]), "title": str(row["title"]),
                       "url": record.get("url", ""), "text": str(row["text"])})
    return sorted(chosen, key=lambda r: (r["split"], r["topic"]))


# -- from hand annotations to offsets ------------------------------------------------------------
#
# annotations.txt holds, under a "# <article id>" line, one attribution per line in text order:
#     KIND | CONTENT | CUE | SPEAKER | SPEAKER NAME | VIA   (a single "|" splits fields)
# KIND is D (direct), I (indirect) or M (mixed). CONTENT is one or more segments separated by
# " || " (a quote split by its attribution has two); a segment is its exact text, or
# "PREFIX ~~ SUFFIX" for the shortest text that starts with PREFIX and ends with SUFFIX. CUE,
# SPEAKER and VIA are exact texts ("-" or empty: none), found nearest to the content (a leading
# "<" searches only before it). SPEAKER NAME is who the speaker is (the full name a pronoun or a
# description refers to); empty means the speaker text itself.


class AnnotationError(ValueError):
    pass


def _word_pattern(text: str) -> re.Pattern:
    left = r"(?<!\w)" if text[:1].isalnum() else ""
    right = r"(?!\w)" if text[-1:].isalnum() else ""
    return re.compile(left + re.escape(text) + right)


def _segment(text: str, segment: str, cursor: int) -> tuple[int, int]:
    if " ~~ " in segment:
        prefix, suffix = segment.split(" ~~ ")
        start = text.find(prefix, cursor)
        if start < 0:
            raise AnnotationError(f"prefix not found after {cursor}: {prefix!r}")
        end = text.find(suffix, start + len(prefix))
        if end < 0:
            raise AnnotationError(f"suffix not found: {suffix!r}")
        return start, end + len(suffix)
    start = text.find(segment, cursor)
    if start < 0:
        raise AnnotationError(f"content not found after {cursor}: {segment!r}")
    return start, start + len(segment)


def _nearest(text: str, needle: str, around: tuple[int, int],
             avoid: list[tuple[int, int]]) -> tuple[int, int] | None:
    if needle in ("", "-"):
        return None
    before_only = needle.startswith("<")
    needle = needle.lstrip("<")
    best = None
    for found in _word_pattern(needle).finditer(text):
        start, end = found.span()
        if any(start < e and end > s for s, e in avoid):
            continue
        if before_only and start >= around[0]:
            continue
        distance = around[0] - end if end <= around[0] else max(start - around[1], 0)
        if best is None or distance < best[0]:
            best = (distance, start, end)
    if best is None:
        raise AnnotationError(f"not found outside the content: {needle!r}")
    return best[1], best[2]


def parse_annotations(path: Path) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("//"):
            continue
        if line.startswith("# "):
            current = line[2:].split()[0]
            found.setdefault(current, [])
            continue
        fields = [f.strip() for f in re.split(r"(?<!\|)\|(?!\|)", line)]
        if current is None or fields[0] not in KINDS or len(fields) < 2:
            raise AnnotationError(f"{path.name}:{number}: not an annotation line: {line!r}")
        padded = [*fields, "", "", "", ""][:6]
        found[current].append([*padded, str(number)])
    return found


def compile_article(article: dict, lines: list[list[str]]) -> list[dict]:
    text = article["text"]
    out = []
    cursor = 0
    for kind, content, cue, speaker, name, via, number in lines:
        try:
            spans, position = [], cursor
            for segment in content.split(" || "):
                start, end = _segment(text, segment, position)
                spans.append([start, end])
                position = end
            cursor = spans[0][0]
            extent = (spans[0][0], spans[-1][1])
            cue_span = _nearest(text, cue, extent, spans)
            speaker_span = _nearest(text, speaker, cue_span or extent, spans)
            via_span = _nearest(text, via, cue_span or extent, spans)
        except AnnotationError as err:
            raise AnnotationError(f"{article['id']} (line {number}): {err}") from err
        speaker_text = text[slice(*speaker_span)] if speaker_span else None
        out.append({
            "kind": KINDS[kind],
            "content": spans,
            "content_text": [text[s:e] for s, e in spans],
            "cue": list(cue_span) if cue_span else None,
            "cue_text": text[slice(*cue_span)] if cue_span else None,
            "speaker": list(speaker_span) if speaker_span else None,
            "speaker_text": speaker_text,
            "speaker_name": name or speaker_text,
            "via": list(via_span) if via_span else None,
            "via_text": text[slice(*via_span)] if via_span else None,
        })
    return out


def compile_gold() -> list[dict]:
    articles = [json.loads(line) for line in ARTICLES.open(encoding="utf-8")]
    annotations = parse_annotations(ANNOTATIONS)
    unknown = set(annotations) - {a["id"] for a in articles}
    if unknown:
        raise AnnotationError(f"annotations for unknown articles: {sorted(unknown)}")
    return [{**article, "annotated": article["id"] in annotations,
             "attributions": compile_article(article, annotations.get(article["id"], []))}
            for article in articles]


def describe(record: dict) -> str:
    lines = [f"# {record['id']} ({record['split']}, {record['outlet']})"]
    for a in record["attributions"]:
        lines.append(f"{a['kind'][0].upper()} cue={a['cue_text']!r} speaker={a['speaker_text']!r}"
                     f" -> {a['speaker_name']!r} via={a['via_text']!r}")
        for s, e in a["content"]:
            lines.append(f"    [{s}:{e}] {record['text'][s:e]!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    choose = sub.add_parser("select")
    choose.add_argument("--source", type=Path, default=SOURCE)
    sub.add_parser("compile")
    sub.add_parser("show").add_argument("id")
    args = parser.parse_args(argv)
    if args.command == "select":
        chosen = select(args.source)
        DATA.mkdir(parents=True, exist_ok=True)
        with ARTICLES.open("w", encoding="utf-8") as fh:
            for row in chosen:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(chosen)} articles -> {ARTICLES.relative_to(REPO)}")
    elif args.command == "compile":
        gold = compile_gold()
        with GOLD.open("w", encoding="utf-8") as fh:
            for record in gold:
                if record["annotated"]:
                    fh.write(json.dumps({k: v for k, v in record.items() if k != "annotated"},
                                        ensure_ascii=False) + "\n")
        done = [r for r in gold if r["annotated"]]
        print(f"{len(done)} of {len(gold)} articles annotated, "
              f"{sum(len(r['attributions']) for r in done)} attributions -> "
              f"{GOLD.relative_to(REPO)}")
    else:
        record = next(r for r in compile_gold() if r["id"] == args.id)
        print(describe(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
