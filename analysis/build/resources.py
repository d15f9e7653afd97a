"""The heavy, reusable parts of a build, each loaded on first use: a store hit loads none, and a
build whose every text is in the annotation cache loads no model."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from analysis.annotate import Models, load_models
from analysis.places import Gazetteer, OnlineGeocoder, load_gazetteer

T = TypeVar("T")


class Resources:
    """spaCy with the tone scorers (`models`) and the gazetteer, loaded lazily and kept.

    One instance may serve many builds (the app keeps one per server); loading is thread-safe.
    `geocoder`: the optional online fallback for place names, None (off) by default.
    """

    def __init__(self, *, model: str | None = None,
                 geocoder: OnlineGeocoder | None = None) -> None:
        self.model = model
        self.geocoder = geocoder
        self._lock = threading.Lock()
        self._loaded: dict[str, object] = {}

    def _get(self, name: str, load: Callable[[], T]) -> T:
        with self._lock:
            if name not in self._loaded:
                self._loaded[name] = load()
            return self._loaded[name]  # type: ignore[return-value]

    def models(self) -> Models:
        return self._get("models", lambda: load_models(self.model))

    def gazetteer(self) -> Gazetteer:
        return self._get("gazetteer", load_gazetteer)

    def loaded(self) -> set[str]:
        """The names of the parts loaded so far ("models", "gazetteer")."""
        with self._lock:
            return set(self._loaded)
