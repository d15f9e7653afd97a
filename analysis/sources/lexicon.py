"""The words attribution rules read: cues of saying, the words that may stand between a speaker
and its cue, pronouns, the heads of descriptions that name a source, news agencies, rebuttals.

General English news usage, not any one corpus: a word is here because reporters use it to say
who said what.
"""

from __future__ import annotations

import re

VERB_BASES: set[str] = set()  # every verb's uninflected form, filled as the lists are made


def _forms(base: str) -> set[str]:
    """The inflected forms of a regular verb ("warn" -> warn, warns, warned, warning)."""
    VERB_BASES.add(base)
    stem = base[:-1] if base.endswith("e") else base
    return {base, base + "s", stem + "ed", stem + "ing"}


def _verbs(*bases: str) -> set[str]:
    return set().union(*(_forms(b) for b in bases))


IRREGULAR = {
    "say": {"say", "says", "said", "saying"},
    "tell": {"tell", "tells", "told", "telling"},
    "write": {"write", "writes", "wrote", "writing"},
    "tweet": {"tweet", "tweets", "tweeted", "tweeting"},
    "add": {"add", "adds", "added", "adding"},
    "deny": {"deny", "denies", "denied", "denying"},
    "reply": {"reply", "replies", "replied", "replying"},
    "testify": {"testify", "testifies", "testified", "testifying"},
    "brag": {"brag", "brags", "bragged", "bragging"},
    "admit": {"admit", "admits", "admitted", "admitting"},
    "quip": {"quip", "quips", "quipped", "quipping"},
    "emphasise": _verbs("emphasise", "emphasize"),
    "proffer": {"proffer", "proffers", "proffered", "proffering"},
    "slam": {"slam", "slams", "slammed", "slamming"},
    "dub": {"dub", "dubs", "dubbed", "dubbing"},
    "label": {"label", "labels", "labelled", "labeled", "labelling", "labeling"},
}
VERB_BASES.update(IRREGULAR)

# Verbs whose complement is what was said, with or without "that": "X said (that) ...",
# "..., X warned". Content runs from the verb to the end of the clause.
SAY_VERBS = frozenset(
    IRREGULAR["say"] | IRREGULAR["write"] | IRREGULAR["tweet"] | IRREGULAR["add"]
    | IRREGULAR["deny"] | IRREGULAR["reply"] | IRREGULAR["testify"] | IRREGULAR["brag"]
    | IRREGULAR["admit"] | IRREGULAR["quip"] | IRREGULAR["emphasise"] | IRREGULAR["proffer"]
    | _verbs("note", "state", "explain", "argue", "insist", "claim", "warn", "stress",
             "remark", "declare", "announce", "report", "respond", "answer", "retort",
             "comment", "observe", "proclaim", "assert", "contend", "allege", "concede",
             "acknowledge", "confirm", "disclose", "suggest", "predict", "complain",
             "caution", "boast", "vow", "pledge", "promise", "indicate", "mention",
             "joke", "lament", "speculate", "concur")
    | {"stressed", "stressing"}
)

# Verbs that take what was said only with "that" (or a quotation) after them: "maintained
# that ..." is speech, "maintained robust ties" is not.
THAT_VERBS = frozenset(
    _verbs("maintain", "repeat", "reiterate", "threaten", "reveal", "estimate", "charge",
           "recall", "signal", "underline", "underscore", "highlight", "show", "express",
           "insinuate", "hint", "imply", "affirm", "certify", "assure", "inform", "remind",
           "notify", "advise", "convince", "persuade", "agree", "conclude", "counter",
           "reason", "muse")
    | {"point out", "points out", "pointed out", "pointing out", "made clear", "makes clear",
       "making clear", "make clear"}
)

# The only uninflected forms taken as cues ("officials say", "many say"); other base forms are
# mostly nouns ("a report", "state and military leaders", "a note").
BASE_FORMS = frozenset(
    """say tell add argue insist warn suggest deny explain write predict reply admit
    acknowledge contend allege assert maintain confirm urge accuse ask describe demand caution
    agree concede stress emphasise emphasize announce declare""".split()
)

# The only uninflected forms taken as cues ("officials say", "many say"); other base forms are
# mostly nouns ("a report", "state and military leaders", "a note").
BASE_FORMS = frozenset(
    """say tell add argue insist warn suggest deny explain write predict reply admit
    acknowledge contend allege assert maintain confirm urge accuse ask describe demand caution
    agree concede stress emphasise emphasize announce declare""".split()
)

# Verbs whose first object is the one spoken to, not what was said: "told reporters (that) ...".
ADDRESSEE_VERBS = frozenset(
    IRREGULAR["tell"] | _verbs("inform", "assure", "remind", "notify", "advise", "warn",
                               "convince", "persuade")
)

# Verbs whose object belongs to the claim: "accused China of ...", "urged Kerry to ...",
# "described the plan as ...", "called for ...".
OBJECT_VERBS = frozenset(
    _verbs("accuse", "urge", "implore", "demand", "describe", "characterize",
           "characterise", "portray", "depict", "dismiss", "denounce", "brand",
           "term", "deride", "decry", "ask", "request", "appeal", "plead",
           "advocate", "propose", "recommend", "cite", "congratulate",
           "condemn", "blast", "criticize", "criticise", "praise", "hail")
    | IRREGULAR["slam"] | IRREGULAR["dub"] | IRREGULAR["label"]
    | {"pleaded", "called for", "calls for", "calling for", "call for", "called on",
       "calls on", "calling on", "call on", "called upon", "calls upon", "insisted on",
       "insists on", "argued for", "argued against", "argues for", "argues against",
       "asked for", "asking for", "asks for", "pleaded for", "pleads for", "advocating for",
       "advocated for", "advocates for", "referred to", "refers to", "referring to",
       "described as", "pressed", "presses", "pressing"}
)

# Evaluations: a cue only when the words they bring are quoted ("condemned the bill as
# "a major step backward"""), not for "condemned the attack".
QUOTE_ONLY_VERBS = frozenset(
    _verbs("condemn", "blast", "criticize", "criticise", "praise", "hail", "congratulate",
           "dismiss", "denounce", "deride", "decry", "brand", "term", "cite")
    | IRREGULAR["slam"] | IRREGULAR["dub"] | IRREGULAR["label"]
    | {"called", "calls", "calling", "call", "referred to", "refers to", "referring to"}
)

# Nouns of saying, a cue when "that" or "saying" follows: "the US claims that ...".
SAY_NOUNS = frozenset(
    """statement statements claim claims allegation allegations assertion assertions report
    reports warning warnings announcement remark remarks comment comments accusation
    accusations promise promises pledge argument testimony rumor rumors rumour rumours message
    letter tweet post memo suggestion insistence charge charges complaint complaints
    admission estimate line message""".split()
)

# Prepositions naming a source: "according to X", "per X", "citing X".
SOURCE_PREPOSITIONS = ("according to", "citing", "quoting", "in the words of", "per")

# Words that may stand between a speaker and its cue ("X has also repeatedly said").
BETWEEN_WORDS = frozenset(
    """also later earlier previously repeatedly recently then further additionally once
    again publicly privately separately reportedly subsequently initially quickly simply
    flatly firmly often never not has have had would will could may might should did does
    do had has already just still even long frequently immediately swiftly bluntly openly
    explicitly angrily sharply told also reportedly last first originally""".split()
)

# Before a cue, words that make it no report of speech: a passive or a noun ("were reported",
# "the accused", "his remarks"), a future or an infinitive ("will urge", "declined to say"),
# a negation ("did not respond").
NOT_BEFORE_CUE = frozenset(
    """was were is are be been being the a an its his her their our my your will shall to
    not never didn't didn’t won't won’t cannot can't can’t""".split()
)
# What a reported "said nothing" or "said little" says: nothing to attribute.
NO_CONTENT = frozenset("little nothing something anything otherwise".split())
# Addressees that are pronouns or the press: "told me", "told reporters".
ADDRESSEES = frozenset(
    """me us you him her them reporters journalists lawmakers congress parliament""".split()
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PRONOUNS = frozenset({"i", "we", "my", "our"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS | FIRST_PRONOUNS
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Heads of descriptions that can name a source ("a senior official", "the ministry"),
# grouped by what they describe: a person, an organisation, a document, people.
PERSON_HEADS = frozenset(
    """spokesperson spokesman spokeswoman official minister president secretary senator
    governor mayor ambassador envoy diplomat chief director leader chairman chairwoman chair
    adviser advisor aide analyst expert professor researcher scholar economist lawmaker
    legislator congressman congresswoman representative general commander colonel officer
    source reporter correspondent journalist editor writer columnist author lawyer attorney
    judge prosecutor witness survivor resident activist negotiator king queen prince premier
    chancellor founder head member candidate host commentator strategist consultant fellow
    inspector counsel deputy campaigner organizer organiser doctor dr pope""".split()
)
PEOPLE_HEADS = frozenset(
    """officials ministers diplomats analysts experts lawmakers legislators sources leaders
    aides advisers advisors observers critics residents witnesses survivors activists
    officers police authorities investigators prosecutors researchers scholars economists
    reporters journalists protesters protestors campaigners militants rebels supporters
    opponents members others many some democrats republicans publishers workers employees
    farmers businesses voters citizens scientists doctors teachers students parents
    families victims relatives locals villagers lawyers advocates groups organizations
    organisations companies governments countries nations""".split()
)
ORGANISATION_HEADS = frozenset(
    """ministry department government agency office administration embassy committee council
    commission military army navy police company firm group organization organisation
    institute university newspaper paper tabloid outlet network channel broadcaster daily
    service union party campaign court parliament congress senate house kremlin pentagon
    regime cabinet bureau authority board team club federation alliance coalition
    movement foundation bank media press""".split()
)
DOCUMENT_HEADS = frozenset(
    """statement report document paper study survey poll analysis memo letter article
    editorial commentary release indictment opinion assessment resolution agreement
    guidelines guideline ruling filing complaint lawsuit tweet post website blog doctrine
    review research book record records data outline bill law proposal plan calendar
    calendars""".split()
)
HEADS = PERSON_HEADS | PEOPLE_HEADS | ORGANISATION_HEADS | DOCUMENT_HEADS

# Words that end a speaker's noun phrase on its left: "... that officials said".
NP_STOPS = frozenset(
    """that which who whom whose where when while as because but and or if though although
    after before since until unless whether than so to of for from with by at on in into
    about over under without within during between against via also is are was were be
    been being has have had do does did will would can could may might shall should must
    not no yes said says say told tells there here this these those it its""".split()
)

# Words that open a noun phrase (kept in the phrase): "the", "a", "one", "some"...
DETERMINERS = frozenset("the a an one two three several some many other another".split())

# The news agencies most cited by name; a cited source with one of these names is an agency
# even when the corpus has no outlet of that name. Keys are lower case, without "the".
NEWS_AGENCIES = {
    "associated press": "Associated Press", "ap": "Associated Press",
    "reuters": "Reuters", "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse", "afp": "Agence France-Presse",
    "xinhua": "Xinhua", "tass": "TASS", "ria novosti": "RIA Novosti", "ria": "RIA Novosti",
    "interfax": "Interfax", "sputnik": "Sputnik", "anadolu": "Anadolu", "kyodo": "Kyodo",
    "yonhap": "Yonhap", "kcna": "KCNA", "belta": "BelTA", "irna": "IRNA", "fars": "Fars",
    "tasnim": "Tasnim", "ansa": "ANSA", "dpa": "dpa", "efe": "EFE", "pti": "PTI",
    "bernama": "Bernama", "antara": "Antara", "wafa": "WAFA", "upi": "UPI",
    "bloomberg": "Bloomberg", "ukrinform": "Ukrinform", "mena": "MENA", "sana": "SANA",
    "jiji": "Jiji", "cna": "CNA", "prensa latina": "Prensa Latina", "ptí": "PTI",
}
AGENCY_WORDS = ("news agency", "wire service", "newswire", "state media", "state-run media",
                "state news agency")

# Words with which an outlet takes issue with what it quotes (outside the quoted words).
REBUTTALS = re.compile(
    r"\b(?:groundless|baseless|unfounded|false(?:ly|hood)?|untrue|lies|lying|smear(?:s|ed)?|"
    r"distort(?:s|ed|ion|ions)?|misleading|mislead|hype[sd]?|fabricat\w*|nonsense|absurd|"
    r"slander\w*|disinformation|misinformation|propaganda|so-called|malicious(?:ly)?|"
    r"debunk\w*|refute[sd]?|rebut\w*|should be clarified|not true|no evidence|"
    r"conspiracy|over-interpret\w*|exaggerat\w*)\b"
)  # matched on lower-cased text

# How a source was reached, from the words around its cue (matched on lower-cased text, but
# "told the Global Times", an interview, by its capital).
CHANNELS = (
    ("statement", re.compile(r"\b(?:statement|press release|communiqu[eé])\b")),
    ("press briefing", re.compile(r"\b(?:told reporters|briefing|news conference|"
                                  r"press conference|reporters)\b")),
    ("interview", re.compile(r"\binterview")),
    ("social media", re.compile(r"\b(?:tweet\w*|twitter|facebook|telegram|instagram|"
                                r"social media|weibo|wechat|posted)\b")),
    ("report", re.compile(r"\breport(?:ed|s)?\b")),
)
TOLD_A_NAME = re.compile(r"\b[Tt]old (?:the )?[A-Z][\w.&’'-]+")  # an interview: "told the Post"
