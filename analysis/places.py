"""Resolve place mentions to GeoNames places, offline by default.

The gazetteer (analysis.gazetteer) holds the places and the alias index; this module resolves an
article's GPE/LOC mentions together, so that the countries an article names steer its ambiguous
names ("St. Petersburg" beside "Russia" is not the one in Florida). The optional online fallback,
`OnlineGeocoder`, is off unless the caller constructs one and passes it in.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import schemas
from analysis.gazetteer import Gazetteer, Place, clean_mention, load_gazetteer, name_key

__all__ = ["PLACE_LABELS", "Gazetteer", "OnlineGeocoder", "Place", "load_gazetteer",
           "resolve_places"]

log = logging.getLogger(__name__)

# spaCy labels that name places. FAC (buildings, airports, bridges) is left out by default: in
# 300 AllSides articles 9 in 10 FAC mentions matched nothing, and the rest were as often wrong
# as right ("Metro" became a city in Indonesia)
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC"})
# what a resolved mention tells about the article's setting; a city says too little
# ("Paris" may be the one in Texas), and a continent names no country
CONTEXT_KINDS = frozenset({"country", "region"})


def resolve_places(mentions: pd.DataFrame, *, gazetteer: Gazetteer,
                   geocoder: OnlineGeocoder | None = None,
                   labels: frozenset[str] = PLACE_LABELS) -> tuple[pd.Series, pd.DataFrame]:
    """Place ids for `mentions` (aligned to its index, Int64, <NA> when none) and the places.

    `mentions` needs article_id, text and label; rows labelled other than `labels` get <NA>.
    Each article is resolved in two passes: the mentions that resolve to countries or US states
    on their own give the article's context (country codes, and "US-XX" for states), then every
    mention is resolved with that context. A name never counts as its own context, so "Georgia"
    beside "U.S." is the state and "Georgia" alone the country. A place mention that is also
    a PERSON mention's surname in the same article ("Obama") is left unresolved.
    """
    values = pd.array([pd.NA] * len(mentions), dtype="Int64")
    is_place = (mentions["label"].isin(list(labels)) & mentions["text"].notna()).to_numpy(bool)
    if not is_place.any():
        return pd.Series(values, index=mentions.index, name="place_id"), schemas.empty("places")

    # plain lists: iterating Arrow-backed string columns element by element is slow
    articles = mentions.loc[is_place, "article_id"].astype(str).tolist()
    cleaned = {text: clean_mention(text) for text in mentions.loc[is_place, "text"].unique()}
    names = [cleaned[text] for text in mentions.loc[is_place, "text"].tolist()]

    # pass 1: every distinct name on its own
    alone = {name: gazetteer.resolve(name) for name in set(names)}
    if geocoder is not None:
        for name, place in alone.items():
            if place is None:
                alone[name] = geocoder.geocode(name)
    setting = {name: gazetteer.area_codes(place) for name, place in alone.items()
               if place is not None and place.kind in CONTEXT_KINDS}
    keys = {name: name_key(name) for name in alone}
    # context can only change the choice among a name's candidates, so only the candidates'
    # codes matter; this keeps the memo below small on a large corpus
    choices: dict[str, frozenset[str]] = {}
    for name, place in alone.items():
        candidates = gazetteer.candidates(name) if place is not None else []
        if len(candidates) > 1:
            choices[name] = frozenset().union(*map(gazetteer.area_codes, candidates))

    people = _people_by_article(mentions)
    names_by_article: dict[str, set[str]] = {}
    for article_id, name in zip(articles, names, strict=True):
        if name not in people.get(article_id, ()):
            names_by_article.setdefault(article_id, set()).add(name)

    # pass 2: each ambiguous name with the countries (and states) its article names elsewhere
    in_context: dict[tuple[str, frozenset[str]], Place | None] = {}
    resolved: dict[tuple[str, str], Place] = {}
    for article_id, article_names in names_by_article.items():
        by_key = {keys[n]: setting[n] for n in article_names if n in setting}
        for name in article_names:
            place = alone[name]
            if name in choices and by_key:
                named = [codes for key, codes in by_key.items() if key != keys[name]]
                context = choices[name] & frozenset().union(*named)
                if context:
                    if (name, context) not in in_context:
                        in_context[(name, context)] = gazetteer.resolve(
                            name, context_countries=context)
                    place = in_context[(name, context)]
            if place is not None:
                resolved[(article_id, name)] = place

    ids = [(place.place_id if (place := resolved.get(pair)) else None)
           for pair in zip(articles, names, strict=True)]
    # positional, so that a duplicated index in `mentions` cannot misalign the ids
    values[is_place.nonzero()[0]] = pd.array(ids, dtype="Int64")
    place_ids = pd.Series(values, index=mentions.index, name="place_id")

    used = {place.place_id: place for place in resolved.values()}
    table = pd.DataFrame([asdict(used[pid]) for pid in sorted(used)],
                         columns=list(schemas.SCHEMAS["places"]))
    return place_ids, schemas.conform(table, "places")


def _people_by_article(mentions: pd.DataFrame) -> dict[str, set[str]]:
    # spaCy's small model tags some surnames as places ("Pompeo", "Obama", "Chávez"); in an
    # article that also names the person, the name is the person's
    is_person = (mentions["label"] == "PERSON").fillna(False).to_numpy(bool)
    people: dict[str, set[str]] = {}
    persons = mentions.loc[is_person, ["article_id", "text"]]
    for article_id, text in zip(persons["article_id"].astype(str).tolist(),
                                persons["text"].tolist(), strict=True):
        name = clean_mention(text) if isinstance(text, str) else ""
        if name:
            people.setdefault(article_id, set()).update((name, name.split()[-1]))
    return people


def online_place_id(name: str) -> int:
    """A stable negative id for a place the online geocoder found.

    Nominatim results carry OpenStreetMap ids, not GeoNames ids, so the id is derived from the
    normalised name instead: negative, so it never collides with a GeoNames id, and the same in
    every build and on every machine (Python's hash() is salted per process, so not that). Two
    spellings of one place found online therefore get two ids.
    """
    digest = hashlib.blake2b(name_key(name).encode("utf-8"), digest_size=6).digest()
    return -(int.from_bytes(digest, "big") + 1)


class OnlineGeocoder:
    """Nominatim (OpenStreetMap) as a fallback for names the gazetteer lacks. Off by default.

    Requests are rate-limited (Nominatim's policy is one per second) and every answer, found or
    not, is cached in a JSON file, so a rebuild asks again only for names never answered. Any
    geopy error returns None and the build goes on; after a network failure the instance stops
    asking, because an offline machine would otherwise fail once per name.
    """

    def __init__(self, *, cache_path: Path, user_agent: str = "coverage-lens",
                 min_delay_seconds: float = 1.0) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.cache_path = Path(cache_path)
        self._cache: dict[str, dict[str, Any] | None] = self._read_cache()
        self._offline = False
        # no retries: a retry waits seconds and the caller has an offline answer anyway
        self._geocode = RateLimiter(Nominatim(user_agent=user_agent).geocode,
                                    min_delay_seconds=min_delay_seconds, max_retries=0,
                                    swallow_exceptions=False)

    def geocode(self, name: str) -> Place | None:
        from geopy.exc import GeocoderServiceError, GeopyError

        key = name_key(name)
        if sum(ch.isalpha() for ch in key) < 2 or not any(ch.isupper() for ch in name):
            return None
        if key in self._cache:
            cached = self._cache[key]
            try:
                return Place(**cached) if cached else None
            except TypeError:  # an entry from another version of Place: ask again
                del self._cache[key]
        if self._offline:
            return None
        try:
            location = self._geocode(clean_mention(name), exactly_one=True, addressdetails=True,
                                     language="en")
        except GeopyError as exc:
            # unavailable, timed out, refused: nothing learnt about the name, so nothing cached
            log.warning("online geocoder failed for %r: %s", name, exc)
            self._offline = isinstance(exc, GeocoderServiceError)
            return None
        place = _place_from_location(name, location) if location is not None else None
        self._cache[key] = asdict(place) if place else None
        self._write_cache()
        return place

    def _read_cache(self) -> dict[str, dict[str, Any] | None]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("geocoder cache %s unreadable (%s); starting afresh", self.cache_path, exc)
            return {}

    def _write_cache(self) -> None:
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.cache_path.parent,
                                             suffix=".tmp", delete=False) as fh:
                json.dump(self._cache, fh, ensure_ascii=False, indent=0, sort_keys=True)
            os.replace(fh.name, self.cache_path)
        except OSError as exc:
            log.warning("cannot write geocoder cache %s: %s", self.cache_path, exc)


def _place_from_location(name: str, location: Any) -> Place:
    raw = getattr(location, "raw", None) or {}
    address = raw.get("address") or {}
    kind = {"country": "country", "state": "region", "region": "region", "province": "region",
            "continent": "continent"}.get(raw.get("addresstype") or raw.get("type"), "city")
    label = raw.get("name") or str(getattr(location, "address", "") or "").split(",")[0]
    return Place(
        place_id=online_place_id(name),
        name=label or clean_mention(name),
        kind=kind,
        country_code="" if kind == "continent" else str(address.get("country_code", "")).upper(),
        lat=float(location.latitude),
        lon=float(location.longitude),
        population=0,
    )
