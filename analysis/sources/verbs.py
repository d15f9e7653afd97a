"""The rules of verb cues: "X said (that) ...", "..., X said", "..., said X", "X told Y ...",
participles ("..., saying ..."), and where their content lies."""

from __future__ import annotations

import re

from analysis.sources.clauses import (
    CLAUSE_OPENERS,
    HABITUAL,
    LOOK_BACK,
    MIN_BARE_CONTENT_WORDS,
    NOT_CONTINUING,
    NOUN_OPENERS,
    OPENING,
    PREPOSITIONS,
    SUBORDINATE,
    THAT_WINDOW,
    TIME_WORDS,
    WINDOW,
    Span,
    after_spaces,
    end_before,
    ends_clause,
    extent,
    lead,
    short,
    trim,
)
from analysis.sources.cue_phrases import phrase_ending, phrase_starting
from analysis.sources.cues import Cue
from analysis.sources.finder import Attribution, Finder
from analysis.sources.lexicon import (
    ADDRESSEE_VERBS,
    ADDRESSEES,
    BASE_FORMS,
    DOCUMENT_HEADS,
    NO_CONTENT,
    NOT_BEFORE_CUE,
    OBJECT_VERBS,
    PRONOUNS,
    QUOTE_ONLY_VERBS,
    THAT_VERBS,
    VERB_BASES,
)
from analysis.sources.marks import OPENERS, Quotation
from analysis.sources.phrases import (
    Phrase,
)


def verb(finder: Finder, cue: Cue) -> bool:
    """The attribution a verb cue makes, claimed in `finder`; False when it makes none."""
    text = finder.text
    before = text[max(cue.start - LOOK_BACK, 0):cue.start].rstrip()
    before_end = end_before(text, cue.start)
    words_before = before.split()
    previous = words_before[-1].lower().strip("“”\"'") if words_before else ""
    first_word = cue.word.split()[0]
    if first_word in VERB_BASES and first_word not in BASE_FORMS:
        return False  # "a report", "state and military leaders": a noun, not a verb
    after = finder.article.words(cue.end, cue.end + 40)[:1]
    if previous in ("and", "or", ",") and first_word.endswith("ed") and after \
            and after[0].text[0].islower() and after[0].lower not in (
                NOUN_OPENERS | PREPOSITIONS | PRONOUNS | {"that", "to", "of", "for"}):
        return False  # "and alleged espionage": an adjective
    if previous.endswith(("’s", "'s")) and previous[:-2] not in PRONOUNS:
        return False  # "Mueller's report", "Kerry's remarks"
    lowered = before.lower()
    habitual = next((h for h in HABITUAL if lowered.endswith(" " + h)), "")
    if previous in NOT_BEFORE_CUE and not cue.participle and not habitual:
        return False
    _, clause_end = finder.article.clause(cue.start)
    # ", said X" / "," said X": the speaker follows, the content is on the left
    if before[-1:] in ",”\"»’'" and not cue.participle and cue.word not in ADDRESSEE_VERBS:
        speaker = phrase_starting(finder.article, cue.end, clause_end)
        if speaker is not None and speaker.kind != "relative" \
                and ends_clause(text[speaker.end:clause_end]):
            return content_before(finder, cue, speaker, left_end=before_end - 1, after=speaker.end)
    floor = finder.floor(cue.start)
    subject = finder.clause_subject(floor, cue.start)
    inherited = False
    relative = bool(re.search(r"\b(?:who|which|that)(?:\s+\w+ly)?\s*$", before, re.I))
    if (cue.participle and (before[-1:] in ",(" or previous in SUBORDINATE)) \
            or previous in ("and", "but"):
        speaker, inherited = finder.subject(cue.start), True
    else:
        # "He went on to describe": the speaker is before "went on to"
        speaker_end = cue.start - len(habitual) - 1 if habitual else cue.start
        speaker = subject or phrase_ending(finder.article, speaker_end, floor)
        if speaker is not None and cue.participle and speaker.kind == "description" \
                and speaker.start > floor + 1 and speaker.head_word in DOCUMENT_HEADS:
            speaker, inherited = finder.subject(cue.start), True  # "issued a statement saying"
    if speaker is None:
        return False
    if not inherited and not relative and finder.before_is_break(speaker.start) \
            and nothing_after(finder, cue, clause_end):
        left_end = end_before(text, speaker.start) - 1
        return content_before(finder, cue, speaker, left_end=left_end, after=cue.end)
    found = content_after(finder, cue)
    if found is None:
        return False
    if found[1] == "direct":
        # "“A,” the Times wrote “B.”": the quotation before the speaker is its first part
        earlier = finder.quotation_ending(speaker.start)
        if earlier is not None and earlier.opened_at not in finder.claimed \
                and not re.search(r"\w", text[earlier.mark_end:speaker.start]):
            found = ([*earlier.parts, *found[0]], "direct", [earlier, *found[2]])
    parts, kind, quotes = found
    if cue.word in QUOTE_ONLY_VERBS and not quotes:
        return False
    if finder.subordinate(floor, speaker.start):
        comma = text.find(",", parts[0][0], parts[-1][1])
        if comma > 0 and finder.article.quotation_at(comma) is None:
            found = finder.content(parts[0][0], comma)
            if found is None:
                return False
            parts, kind, quotes = found
    finder.claim(Attribution(parts, kind, (cue.start, cue.end), speaker, quotations=quotes))
    return True


def nothing_after(finder: Finder, cue: Cue, clause_end: int) -> bool:
    """Whether the cue has no words of its own after it: only an addressee, a time or a
    setting before the clause ends or a comma ("..., Pumpanmuang said at a briefing.")."""
    if finder.text[cue.end:].lstrip().startswith(":"):
        return False  # "he adds:" introduces what follows
    position = cue.end
    if cue.word in ADDRESSEE_VERBS:
        position = past_addressee(finder, cue, clause_end)
    position, that = lead(finder.article, position, clause_end)
    tail = finder.text[position:clause_end].strip()
    if tail.startswith(",") and tail[1:].lstrip()[:1] in OPENERS:
        return False  # "Jeffrey told reporters, "We think so."": the quotation follows
    return not that and (not tail or tail[0] in ",.;!?)")


def past_addressee(finder: Finder, cue: Cue, clause_end: int) -> int:
    """After the one spoken to ("told reporters", "told the Global Times", "told me")."""
    words = finder.article.words(cue.end, min(clause_end, cue.end + WINDOW))
    if not words or not words[0].text[0].isalnum() or words[0].lower in (
            {"that", "of", "about", "against"} | PREPOSITIONS | TIME_WORDS):
        return cue.end
    if words[0].lower in ADDRESSEES:
        return words[0].end
    return extent(finder.article, words[0].start, clause_end)


def content_after(finder: Finder, cue: Cue) -> tuple[list[Span], str, list[Quotation]] | None:
    """The content on the right of a verb cue, or None when there is none."""
    text = finder.text
    _, clause_end = finder.article.clause(cue.start)
    words = finder.article.words(cue.end, min(clause_end, cue.end + WINDOW))
    position, that = cue.end, False
    if cue.word in OBJECT_VERBS:
        while words and words[0].lower in TIME_WORDS:
            position, words = words[0].end, words[1:]
    else:
        if cue.word in ADDRESSEE_VERBS and words and words[0].text not in (",", ":") \
                and words[0].lower not in ("that", "of", "about", "against") \
                and words[0].lower not in PREPOSITIONS | TIME_WORDS:
            position = after_spaces(text, past_addressee(finder, cue, clause_end))
        elif words and words[0].lower in {"of", "about", "against", "with", "for"}:
            return None  # "warned of X", "spoke about X": a topic, not what was said
        position, that = lead(finder.article, position, clause_end)
    rest = finder.article.words(position, min(clause_end, position + 60))[:1]
    # "Kerry replied:" at a paragraph's end: the quotation opening the next paragraph
    if not rest or rest[0].text == ":":
        _, paragraph_end = finder.article.paragraph(cue.start)
        if text[position:paragraph_end].strip() in (":", ""):
            nxt = next_paragraph_quotation(finder, paragraph_end)
            if nxt is not None and text[cue.end:paragraph_end].rstrip().endswith(":"):
                return list(nxt.parts), "direct", [nxt]
        if not rest:
            return None
    opening = OPENING.match(text, position)
    position = opening.end()
    rest = finder.article.words(position, min(clause_end, position + 60))[:1]
    if not rest or rest[0].text in (".", ";", "?", "!") or rest[0].lower in NO_CONTENT \
            or (not that and rest[0].lower in CLAUSE_OPENERS | (PREPOSITIONS - {"to"})):
        return None
    if cue.participle and not that and cue.word not in OBJECT_VERBS \
            and rest[0].lower in NOUN_OPENERS:
        return None  # ", noting the recent beheading of ...": a thing, not a statement
    if cue.word in THAT_VERBS and not that and not any(
            q.opened_at == position for q in finder.article.quotations):
        ahead = finder.article.words(position, min(clause_end, position + WINDOW))
        later = next((w for w in ahead[:THAT_WINDOW]
                      if w.lower == "that" or w.text in ",;“\""), None)
        if later is None or later.lower != "that":
            return None
        position = later.end
        that = True
    end = finder.cut(position, clause_end)
    if len(finder.article.words(position, min(end, position + 60))) < MIN_BARE_CONTENT_WORDS \
            and re.match(r",\s+(?:while|though|although)\b", text[end:]):
        end = finder.cut(end + 2, clause_end)  # "the attacks, while not connected, were"
    found = finder.content(position, end)
    if found is not None and found[1] == "indirect" and cue.word not in OBJECT_VERBS \
            and not that and short(finder.article, found[0][0]):
        return None  # "reported the president's request": a thing, not a statement
    return found


def next_paragraph_quotation(finder: Finder, paragraph_end: int) -> Quotation | None:
    for quote in finder.article.quotations:
        if quote.opened_at >= paragraph_end:
            gap = finder.text[paragraph_end:quote.opened_at]
            return quote if not gap.strip() else None
    return None


def content_before(finder: Finder, cue: Cue, speaker: Phrase, *, left_end: int, after: int) -> bool:
    """Content on the left of an attribution ending at `left_end` (its comma or mark)."""
    relay = finder.in_clause(min(speaker.start, cue.start))
    if relay is not None and relay.via is None and relay.speaker is not None \
            and relay.start < left_end:
        # "Shoigu informed Putin that X, the ministry said": the ministry relays Shoigu
        if relay.end > left_end:
            start, _ = relay.parts[-1]
            relay.parts[-1] = trim(finder.text, start, left_end)
        relay.via = speaker
        return True
    quote = finder.quotation_ending(left_end + 1)
    if quote is not None:
        parts, kind, quotes = list(quote.parts), "direct", [quote]
        if quote.opened_at in finder.claimed:
            return False
        # "“A,” he said, “B.”": the quotation resumes after the attribution
        resumed = resumed_quotation(finder, after)
        if resumed is not None:
            parts += list(resumed.parts)
            quotes.append(resumed)
        whole_start = quote.opened_at
        outside = finder.text[finder.floor(whole_start):whole_start]
        if re.search(r"\w", outside) and not finder.quotation_ending(whole_start):
            start = finder.floor(whole_start)
            found = finder.content(start, quote.end)
            if found is not None and found[1] == "mixed":
                parts, kind, quotes = found
    else:
        start = finder.floor(left_end)
        found = finder.content(start, left_end)
        if found is None:
            return False
        parts, kind, quotes = found
        if any(q.opened_at in finder.claimed for q in quotes):
            return False
        rest = continuation(finder, after)
        if rest is not None:
            parts = [*parts, rest]
    finder.claim(Attribution(parts, kind, (cue.start, cue.end), speaker, quotations=quotes))
    return True


def resumed_quotation(finder: Finder, after: int) -> Quotation | None:
    rest = finder.text[after:]
    skipped = re.match(r"[^.“”\"«»\n]{0,80}?[,:]\s*(?=[“\"«])", rest)
    if skipped is None:
        return None
    position = after + skipped.end()
    for quote in finder.article.quotations:
        if quote.opened_at == position:
            return quote
    return None


def continuation(finder: Finder, after: int) -> Span | None:
    """", she said, and things need to change": the words going on after the attribution."""
    _, clause_end = finder.article.clause(after)
    rest = finder.text[after:clause_end]
    match = re.match(r"[^,.;]*?,\s*", rest)
    if match is None:
        return None
    start = after + match.end()
    words = finder.article.words(start, min(clause_end, start + 60))
    if len(words) < 3 or words[0].lower in NOT_CONTINUING:
        return None
    end = finder.cut(start, clause_end)
    start, end = trim(finder.text, start, end)
    return (start, end) if end > start else None
