"""Choosing among the places a name may mean: by kind, by size, and by what its article names.

The gazetteer (places.gazetteer) finds a name's candidates; this module ranks them. The
context is a set of codes the article names elsewhere: ISO2 country codes ("RU") and first-level
region codes ("US-VA"). The factors below are the whole policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.places.place import Place

# how a candidate is named: by its own name, or by a GeoNames alternate or an alias
ALTERNATE, PRIMARY = 1, 2
KIND_RANK = {"country": 3, "continent": 3, "region": 2, "city": 1}
# a primary name beats an alternate one ("St. Petersburg" alone is the Florida city) unless the
# alternate's place is this much bigger ("Calcutta" is Kolkata, not the South African town)
ALTERNATE_NAME_FACTOR = 50
# context says "which country", yet a far bigger namesake elsewhere is still the better guess:
# "Paris" in an article that names the U.S. is Paris, France, not Paris, Texas
BIG_CITY_FACTOR = 5
# a named region (state, province) is firm evidence: "Edmonton" beside "Ky." is the Kentucky
# town of 1,600 people, not the Canadian city of a million
REGION_FACTOR = 10_000
# a region yields to a namesake town of its own when the town is the capital of the country
# ("Washington"), a city of a million ("New York", "Moscow", "Sao Paulo"), or holds this share
# of the region's people; "Quebec" stays the province and "Idlib" the governorate
CITY_OVER_REGION_POPULATION = 1_000_000
CITY_OVER_REGION_SHARE = 0.25

NO_CONTEXT: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate for a name: the place, how it is named, its region code, if a capital."""

    place: Place
    quality: int  # PRIMARY or ALTERNATE
    area: str  # "US-VA", "CA-08", or ""
    capital: bool


def choose(matches: list[Match], context: frozenset[str]) -> Place:
    """The place a non-empty list of candidates most likely means, given the context codes."""
    def rank(match: Match) -> tuple:
        return _rank(match, context)

    # a country, continent or region beats its namesake towns, even towns inside the article's
    # countries ("Jamaica", Queens and "Lebanon", Pennsylvania are rarely meant), unless the
    # region is known by its town ("Washington", "New York", "Moscow") or lies in a country the
    # article does not name while a namesake town lies in one it does (_rivals_of_region)
    areas = [m for m in matches if m.place.kind != "city"]
    towns = [m for m in matches if m.place.kind == "city"]
    if areas:
        best = _bigger_country(max(areas, key=rank), areas, context)
        if best.place.kind != "region":
            return best.place
        towns = _rivals_of_region(best, towns, context)
        if not towns:
            return best.place
    return max(towns, key=lambda m: (_town_score(m, context), -m.place.place_id)).place


def in_likelihood_order(matches: list[Match]) -> list[Place]:
    """The candidates' places without context: `choose`'s pick first, then by rank."""
    first = choose(matches, NO_CONTEXT)
    ranked = sorted(matches, key=lambda m: _rank(m, NO_CONTEXT), reverse=True)
    return [first, *(m.place for m in ranked if m.place != first)]


def _level(match: Match, context: frozenset[str]) -> int:
    """2 when the article names the candidate's region, 1 its country, else 0."""
    return 2 if match.area and match.area in context else int(
        match.place.country_code in context)


def _rank(match: Match, context: frozenset[str]) -> tuple:
    place = match.place
    return (_level(match, context), match.quality, KIND_RANK[place.kind], place.population,
            -place.place_id)


def _bigger_country(best: Match, areas: list[Match], context: frozenset[str]) -> Match:
    """A country far bigger than the region that the article's country context picked.

    As with towns ("Paris" beside "U.S."), a country named elsewhere no longer wins the name
    when a namesake country has BIG_CITY_FACTOR times its people: "Niger" beside "Nigeria" is
    the country of 24 million, not the Nigerian state; "Georgia" beside "U.S." stays the state.
    """
    if best.place.kind != "region" or _level(best, context) != 1:
        return best
    bigger = [m for m in areas if m.place.kind == "country" and _level(m, context) == 0
              and m.place.population >= BIG_CITY_FACTOR * max(best.place.population, 1)]
    return max(bigger, key=lambda m: m.place.population) if bigger else best


def _rivals_of_region(region: Match, towns: list[Match], context: frozenset[str]) -> list[Match]:
    """The towns that may take a name from the region that is its best namesake area.

    In a country the article does not name, all the towns compete once the region's own big
    namesake does ("New York", "St. Petersburg" alone), and otherwise the towns the context
    favours ("Victoria" in an article that names Canada is the city in British Columbia, not
    the Australian state). In a country the article names, only the region's big namesake
    may: "Washington" beside "Iowa" and "U.S." is the capital, not Washington, Iowa.
    """
    level = _level(region, context)
    big = [m for m in towns if _city_over_region(m, region) and _level(m, context) >= level]
    if level > 0:
        return big
    if big:
        return towns
    return [m for m in towns if _level(m, context) > 0]


def _city_over_region(city: Match, region: Match) -> bool:
    """Whether a town is the region's big namesake, by CITY_OVER_REGION_*.

    Only a town of the region's own country counts, unless the region is named by a short
    form of its name: "Gaza" is the city of 400,000, not Mozambique's Gaza Province.
    """
    if city.place.country_code != region.place.country_code and region.quality == PRIMARY:
        return False
    return (city.capital or city.place.population >= CITY_OVER_REGION_POPULATION
            or city.place.population >= CITY_OVER_REGION_SHARE * region.place.population)


def _town_score(match: Match, context: frozenset[str]) -> float:
    """Population weighed by what the name and the article say.

    A primary name outweighs an alternate one ALTERNATE_NAME_FACTOR to one; a town in a country
    the article names outweighs one elsewhere BIG_CITY_FACTOR to one; a town in a region the
    article names, REGION_FACTOR to one (a named region is firm evidence, a named country not).
    """
    weight = 1.0 if match.quality == PRIMARY else 1.0 / ALTERNATE_NAME_FACTOR
    level = _level(match, context)
    weight *= REGION_FACTOR if level == 2 else BIG_CITY_FACTOR if level == 1 else 1.0
    return max(match.place.population, 1) * weight
