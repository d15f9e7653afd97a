"""The optional online fallback: Nominatim (OpenStreetMap) through geopy, for names the offline
gazetteer lacks. Off unless a caller constructs an `OnlineGeocoder` and passes it to
`analysis.places.resolve_places`; geopy is imported only then.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from analysis.places.names import clean_mention, letter_count, name_key
from analysis.places.place import Place, synthetic_place_id

log = logging.getLogger(__name__)

# Nominatim's address types that are areas; anything else it finds is taken for a town
_KINDS = {"country": "country", "state": "region", "region": "region", "province": "region",
          "continent": "continent"}


def online_place_id(name: str) -> int:
    """A stable negative id for a place the online geocoder found.

    Nominatim results carry OpenStreetMap ids, not GeoNames ids, so the id is derived from the
    normalised name instead (`synthetic_place_id`). Two spellings of one place found online
    therefore get two ids.
    """
    return synthetic_place_id(name_key(name))


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
        if letter_count(key) < 2 or not any(ch.isupper() for ch in name):
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
            # write then rename, so a concurrent reader never sees half a file
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.cache_path.parent,
                                             suffix=".tmp", delete=False) as fh:
                json.dump(self._cache, fh, ensure_ascii=False, indent=0, sort_keys=True)
            os.replace(fh.name, self.cache_path)
        except OSError as exc:
            log.warning("cannot write geocoder cache %s: %s", self.cache_path, exc)


def _place_from_location(name: str, location: Any) -> Place:
    raw = getattr(location, "raw", None) or {}
    address = raw.get("address") or {}
    kind = _KINDS.get(raw.get("addresstype") or raw.get("type"), "city")
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
