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
KIND_RANK = {"country": 3, "continent": 3, "sea": 3, "region": 2, "city": 1}
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

# a capital is world-famous: it keeps its name against a namesake in a region the article
# merely names ("Vienna" beside "Virginia" is Austria's), not in the article's home region
CAPITAL_FACTOR = 1_000
# how much each level of context weighs a town (see _level): the region the name itself is
# pinned to ("Athens, Ga.", a dateline), the article's home region, a region it names, a
# country it names, nothing
LEVEL_WEIGHT = (1.0, BIG_CITY_FACTOR, REGION_FACTOR, 10_000_000.0, 1_000_000_000.0)
PINNED, HOME, NAMED_REGION = 4, 3, 2
# a town this small is a candidate only in a region the article names, or as its dateline
# (GeoNames' places of a few hundred people share their names with common words and with
# bigger towns)
SMALL_TOWN = 1_000
# in the confidence weights, an area counts as this many times its people (at least
# AREA_MIN_PEOPLE: a sea has none), for an area beats its namesake towns by rule
AREA_WEIGHT = 1_000.0
AREA_MIN_PEOPLE = 1_000_000
NO_MEMBERS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Context:
    """What an article says about where it happens, as country codes ("RU") and first-level
    region codes ("US-VA"): those it names, its home (dateline, the region most of its places
    lie in), and those this very name is pinned to ("Athens, Ga."); and whether it uses the
    name for a region rather than a namesake city."""

    named: frozenset[str] = frozenset()
    home: frozenset[str] = frozenset()
    pinned: frozenset[str] = frozenset()
    # the article uses the name for a region, not its namesake city ("Buffalo, New York")
    as_region: bool = False
    # the name is the article's dateline: a place of any size ("BANTAM —")
    dateline: bool = False

    def __bool__(self) -> bool:
        return bool(self.named or self.home or self.pinned or self.as_region or self.dateline)

    def codes(self) -> frozenset[str]:
        return self.named | self.home | self.pinned


NO_CONTEXT = Context()


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate for a name: the place, how it is named, its region code, if a capital, and
    for an area beyond one country the countries it spans or borders."""

    place: Place
    quality: int  # PRIMARY or ALTERNATE
    area: str  # "US-VA", "CA-08", or ""
    capital: bool
    members: frozenset[str] = NO_MEMBERS


@dataclass(frozen=True, slots=True)
class Choice:
    """The place chosen for a name, the runner-up candidate, and how sure: the chosen one's
    share of the weight of the two (population weighed by context, see _weight)."""

    place: Place
    runner_up: Place | None
    confidence: float


def choose(matches: list[Match], context: Context) -> Choice | None:
    """The place a non-empty list of candidates most likely means, given the context; None
    when every candidate is a small town the context does not back."""
    best = _best(matches, context)
    if best is None:
        return None
    rest = [m for m in matches if m.place != best.place]
    runner = _best(rest, context) if rest else None
    if runner is None and rest:
        runner = max(rest, key=lambda m: _weight(m, context))
    if runner is None:
        return Choice(best.place, None, 1.0)
    w_best, w_runner = _weight(best, context), _weight(runner, context)
    return Choice(best.place, runner.place, round(w_best / (w_best + w_runner), 3))


def _best(matches: list[Match], context: Context) -> Match | None:
    def rank(match: Match) -> tuple:
        return _rank(match, context)

    # a country, continent, sea or region beats its namesake towns, even towns inside the
    # article's countries ("Jamaica", Queens and "Lebanon", Pennsylvania are rarely meant),
    # unless the name is pinned to the town's region ("Palestine, Texas"), or the region is
    # known by its town ("Washington", "New York", "Moscow") or lies in a country the article
    # does not name while a namesake town lies in one it does (_rivals_of_region)
    towns = [m for m in matches if m.place.kind == "city"
             and (m.place.population >= SMALL_TOWN or context.dateline
                  or _level(m, context) >= NAMED_REGION)]
    areas = [m for m in matches if m.place.kind != "city"]
    pinned = [m for m in towns if _level(m, context) == PINNED]
    if areas and not (pinned and all(_level(a, context) < PINNED for a in areas)):
        best = _bigger_country(max(areas, key=rank), areas, context)
        # an area beyond one country ("Middle East") is no region a town could stand for
        if best.place.kind != "region" or not best.place.country_code or context.as_region:
            return best
        towns = _rivals_of_region(best, towns, context)
        if not towns:
            return best
    if not towns:
        return None
    return max(towns, key=lambda m: (_town_score(m, context), -m.place.place_id))


def in_likelihood_order(matches: list[Match]) -> list[Place]:
    """The candidates' places without context: `choose`'s pick first, then by rank."""
    first = _best(matches, NO_CONTEXT)
    ranked = sorted(matches, key=lambda m: _rank(m, NO_CONTEXT), reverse=True)
    head = [first.place] if first is not None else []
    return [*head, *(m.place for m in ranked if first is None or m.place != first.place)]


def _level(match: Match, context: Context) -> int:
    """PINNED, HOME or NAMED_REGION when that context holds the candidate's region, 1 when
    some context holds its country (or, for an area, one of its countries), else 0."""
    area = match.area
    if area:
        if area in context.pinned:
            return PINNED
        if area in context.home:
            return HOME
        if area in context.named:
            return NAMED_REGION
    codes = context.codes()
    if match.members:
        return int(not match.members.isdisjoint(codes))
    return int(match.place.country_code in codes)


def _rank(match: Match, context: Context) -> tuple:
    place = match.place
    return (min(_level(match, context), NAMED_REGION), match.quality, KIND_RANK[place.kind],
            place.population, -place.place_id)


def _weight(match: Match, context: Context) -> float:
    """A candidate's weight for the confidence: a town's score; an area's people (at least
    AREA_MIN_PEOPLE) weighed by context, AREA_WEIGHT times."""
    if match.place.kind == "city":
        return _town_score(match, context)
    people = max(match.place.population, AREA_MIN_PEOPLE)
    return people * LEVEL_WEIGHT[_level(match, context)] * AREA_WEIGHT


def _bigger_country(best: Match, areas: list[Match], context: Context) -> Match:
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


def _rivals_of_region(region: Match, towns: list[Match], context: Context) -> list[Match]:
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


def _town_score(match: Match, context: Context) -> float:
    """Population weighed by what the name and the article say.

    A primary name outweighs an alternate one ALTERNATE_NAME_FACTOR to one; a town in a country
    the article names outweighs one elsewhere BIG_CITY_FACTOR to one; a town in a region the
    article names, REGION_FACTOR to one (a named region is firm evidence, a named country not),
    and in its home region or the region the name is pinned to, more again (LEVEL_WEIGHT); a
    capital counts CAPITAL_FACTOR times its people.
    """
    weight = 1.0 if match.quality == PRIMARY else 1.0 / ALTERNATE_NAME_FACTOR
    weight *= LEVEL_WEIGHT[_level(match, context)]
    if match.capital:
        weight *= CAPITAL_FACTOR
    return max(match.place.population, 1) * weight
