"""Pass 3 of resolve_mentions: a town far from the article's other towns moves to a namesake
near them ("London" beside "Kitchener" and "Sarnia" is London, Ontario)."""

from __future__ import annotations

import itertools
import math

from analysis.places.disambiguation import Choice, Context
from analysis.places.gazetteer import Gazetteer
from analysis.places.place import Place

# a town that lies this close to another town the article names wins over its namesakes
# ("London" beside "Kitchener" and "Sarnia" is London, Ontario)
NEAR_KM = 100.0
# the namesakes of each of two lonely towns compared for nearness to each other
NEAR_PAIR_CANDIDATES = 30


def towns_to_move(chosen: dict[str, tuple[Choice, Context]], choices: dict[str, list[Place]],
                  gazetteer: Gazetteer) -> dict[str, Place]:
    """Towns to move next to the article's other towns (pass 3 of resolve_mentions): name ->
    the namesake that lies near them."""
    towns = [(name, c.place) for name, (c, _) in chosen.items() if c.place.kind == "city"]
    if len(towns) < 2:
        return {}
    capitals = {name: gazetteer.is_capital(place) for name, place in towns}
    moved: dict[str, Place] = {}
    lonely: list[str] = []  # towns near no other, that nothing moved
    for name, place in towns:
        if name not in choices:
            continue
        context = chosen[name][1]
        # context that picked this town (a region the article names) is firmer than proximity
        if context and gazetteer.area_codes(place) & context.codes():
            continue
        # a capital often stands for its government ("talks with Washington"): no evidence
        # of where the story happens ("Vienna" beside "Washington" is not Vienna, Virginia)
        others = [(p.lat, p.lon) for n, p in towns if n != name and not capitals[n]]
        if near_any(place, others):
            continue
        near = [c for c in choices[name] if c.kind == "city" and c != place
                and near_any(c, others)]
        if near:
            moved[name] = max(near, key=lambda c: (c.population, -c.place_id))
        elif not gazetteer.is_capital(place):
            lonely.append(name)
    # two such towns whose namesakes lie near each other move together: "Edmonton" and
    # "Enfield" in one story are the two places in north London (a capital stays: "London"
    # and "Paris" are not the two towns in Ontario)
    for first, second in itertools.combinations(lonely, 2):
        if first in moved or second in moved:
            continue
        pairs = [(a, b) for a in choices[first][:NEAR_PAIR_CANDIDATES] if a.kind == "city"
                 for b in choices[second][:NEAR_PAIR_CANDIDATES] if b.kind == "city"
                 and km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM]
        if pairs:
            a, b = max(pairs, key=lambda ab: min(ab[0].population, ab[1].population))
            moved[first], moved[second] = a, b
    return moved


def near_any(place: Place, points: list[tuple[float, float]]) -> bool:
    return any(km(place.lat, place.lon, lat, lon) <= NEAR_KM for lat, lon in points)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
