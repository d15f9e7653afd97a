"""Views: the tables the dashboard shows, as pure functions of (Tables, Filters).

Every view takes the build's tables and the researcher's filters (and keyword options) and
returns a tidy DataFrame; pages draw it and offer it as CSV. Nothing here caches, and nothing
reads the store except through a `TextSource` a caller hands in, so the same call gives the same
rows in a test, a notebook or the app. `scope` holds the filters and the rows they keep; then
one module per subject: `corpus`, `places`, `entities` (with `cooccurrence`), `tone`, `sources`
(who is quoted and cited), and `evidence`, the sentences behind every figure; `distinctive`, the
words each outlet uses more than the rest, and `naming`, those it uses around one entity;
`timeline`, articles per day, week or month. Shared by several: `outlets` (the order of
outlets and the pooling of the rest) and `joined` (strings joined per group, on arrays).

Views whose figures add up outlet by outlet count per source of articles first (`by_source`:
`entity_outlets`, `speaker_outlets`, the map's `places.place_outlet_counts`), then add up the
chosen outlets' rows (`..._of`): the app keeps the counts, so a change of outlets only adds up.
"""

from analysis.views import (
    corpus,
    distinctive,
    entities,
    evidence,
    naming,
    places,
    sources,
    timeline,
    tone,
)
from analysis.views.scope import NO_FILTERS, Filters

__all__ = ["NO_FILTERS", "Filters", "corpus", "distinctive", "entities", "evidence", "naming",
           "places", "sources", "timeline", "tone"]
