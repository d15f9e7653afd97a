"""The optional online fallback, which never touches the network here."""

from __future__ import annotations

import json

import geopy.geocoders
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from analysis.places import OnlineGeocoder, resolve_places
from analysis.tables import check
from tests.fixtures.places import MOSCOW, mentions_of, near

# -- the online fallback (never touches the network here) ---------------------------------------

def test_online_geocoder_fails_soft_when_unavailable(monkeypatch, tmp_path):
    calls = []

    def unavailable(self, query, **kwargs):
        calls.append(query)
        raise GeocoderUnavailable("no network")

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", unavailable)
    geocoder = OnlineGeocoder(cache_path=tmp_path / "geocode.json", min_delay_seconds=0)
    assert geocoder.geocode("Xanadu Springs") is None
    assert geocoder.geocode("Shangri-La Flats") is None
    # one failure is enough to stop asking, and a failure is not cached as "not found"
    assert calls == ["Xanadu Springs"]
    assert not (tmp_path / "geocode.json").exists()


def test_online_geocoder_result_is_cached_with_a_stable_negative_id(monkeypatch, tmp_path):
    def found(self, query, **kwargs):
        raw = {"name": "Xanadu Springs", "addresstype": "village",
               "address": {"country_code": "mn"}}
        return Location("Xanadu Springs, Mongolia", (42.36, 116.18), raw)

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", found)
    cache_path = tmp_path / "geocode.json"
    place = OnlineGeocoder(cache_path=cache_path, min_delay_seconds=0).geocode("Xanadu Springs")
    assert place is not None and place.place_id < 0
    assert (place.kind, place.country_code) == ("city", "MN") and near(place, 42.36, 116.18)
    assert json.loads(cache_path.read_text(encoding="utf-8"))

    def unavailable(self, query, **kwargs):
        raise GeocoderUnavailable("no network")

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", unavailable)
    again = OnlineGeocoder(cache_path=cache_path, min_delay_seconds=0).geocode("Xanadu Springs")
    assert again == place


def test_resolve_places_falls_back_to_the_geocoder(gazetteer, monkeypatch, tmp_path):
    asked = []

    def found(self, query, **kwargs):
        asked.append(query)
        return Location("Xanadu Springs", (42.36, 116.18), {"name": "Xanadu Springs"})

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", found)
    geocoder = OnlineGeocoder(cache_path=tmp_path / "geocode.json", min_delay_seconds=0)
    ids, places = resolve_places(mentions_of(["Moscow", "Xanadu Springs"]),
                                 gazetteer=gazetteer, geocoder=geocoder)
    assert asked == ["Xanadu Springs"]  # the gazetteer answered Moscow
    assert int(ids.iloc[0]) == MOSCOW and int(ids.iloc[1]) < 0
    assert check(places, "places") == []
    assert set(places["place_id"]) == {MOSCOW, int(ids.iloc[1])}
