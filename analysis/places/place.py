"""A place: its GeoNames id, name, kind, country and position."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# "sea": oceans, seas, gulfs, straits and great lakes; "region" also holds areas beyond one
# country ("Middle East", "European Union"), with no country code
KINDS = ("city", "region", "country", "continent", "sea")
# spaCy labels that name places. FAC (buildings, airports, bridges) is left out: in 300
# AllSides articles 9 in 10 FAC mentions matched nothing, and the rest were as often wrong as
# right ("Metro" became a city in Indonesia); places.recognise relabels the FAC, ORG or PERSON
# mentions that are places on firmer evidence
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC"})


@dataclass(frozen=True, slots=True)
class Place:
    place_id: int  # GeoNames id; negative for synthetic ids (regions, online-geocoder results)
    name: str
    kind: str  # "city" | "country" | "region" | "continent" | "sea"
    country_code: str  # ISO2, "" for continents, seas and areas beyond one country
    lat: float
    lon: float
    population: int


def synthetic_place_id(key: str) -> int:
    """A stable negative id for a place without a GeoNames id ("admin1:CA.08").

    Negative, so it never collides with a GeoNames id; the same on every machine and in every
    build (Python's hash() is salted per process, so not that).
    """
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=6).digest()
    return -(int.from_bytes(digest, "big") + 1)
