"""What each column of each table means, in words, shown on the Data page beside the table.

Keyed like analysis.tables.schema.SCHEMAS: every declared column needs its line here, since
the Data page looks each one up.
"""

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "stable id: a hash of outlet, title and text",
        "outlet": "the news outlet; an article whose outlet is unknown is its own source, "
                  "'unknown: <input>', never pooled with others",
        "outlet_from": "where the outlet came from: metadata (manifest or import column), "
                       "signoff, dateline, or unknown",
        "title": "headline",
        "published": "publication date",
        "url": "where the article was published, when known",
        "source": "the input file or row it came from",
        "text": "the article text that all offsets point into",
        "n_words": "whitespace-separated words",
        "n_chars": "characters of the text (what reuse shares are shares of)",
        "n_sentences": "body sentences (headlines, datelines, captions and sign-offs apart)",
        "tone": "mean VADER compound of its body sentences (-1 negative .. +1 positive)",
    },
    "sentences": {
        "article_id": "the article",
        "sentence_id": "position of the sentence in its article, from 0; no sentence crosses a "
                       "paragraph break or a line that ends a block",
        "start": "character offset of the sentence start in articles.text",
        "end": "character offset of the sentence end",
        "text": "the sentence",
        "kind": "body (running text), headline, dateline, byline, caption, signoff or "
                "boilerplate; only body sentences count for tone",
        "tone": "VADER compound (-1 .. +1)",
        "pos": "VADER share of positive words",
        "neu": "VADER share of neutral words",
        "neg": "VADER share of negative words",
    },
    "mentions": {
        "article_id": "the article",
        "sentence_id": "the sentence it occurs in",
        "start": "character offset of the mention in articles.text",
        "end": "character offset of the mention end",
        "text": "the mention as written",
        "label": "spaCy entity label (PERSON, ORG, GPE, ...)",
        "entity_id": "the canonical entity it refers to",
        "place_id": "GeoNames id of the resolved place, when it is one",
        "tone": "entity-targeted tone of this mention in its sentence, by the trained scorer "
                "(analysis.tone.targeted): P(positive) - P(negative), -1 .. +1",
        "tone_label": "the scorer's most probable reading of the mention: negative, neutral or "
                      "positive",
        "role": "named (the article names it: counted), self (the article's own outlet in its "
                "dateline, byline or sign-off) or credit (another outlet or photographer "
                "credited there or in a caption): only named mentions count",
        "place_rule": "how the place was found: ner (spaCy labelled it GPE, LOC or a demonym), "
                      "dateline, gazetteer (a place name in the text no mention covered), "
                      "embedded (inside an organisation's or facility's name), relabelled "
                      "(spaCy gave it another label); empty when not a place",
        "place_confidence": "how sure the choice among the name's namesakes is (0..1): the "
                            "chosen place's share of the weight of it and the runner-up "
                            "(population weighed by the article's context); 1 when the name "
                            "has one candidate",
        "place_runner_up": "GeoNames id of the second-best candidate for the name (in places)",
    },
    "entities": {
        "entity_id": "stable id of the canonical entity",
        "name": "canonical name",
        "label": "majority spaCy label of its mentions",
        "n_mentions": "mentions in the corpus",
        "n_articles": "articles that mention it",
        "n_outlets": "outlets that mention it",
        "aliases": "the other spellings merged into it, separated by ' | '",
    },
    "places": {
        "place_id": "GeoNames id (negative: a place GeoNames has no id for, or found online); "
                    "every place a mention was resolved to or has as its runner-up",
        "name": "place name in the gazetteer",
        "kind": "city, country, region (also areas beyond one country: Middle East, European "
                "Union), continent or sea (oceans, seas, gulfs, great lakes)",
        "country_code": "ISO 3166 alpha-2 country",
        "lat": "latitude",
        "lon": "longitude",
        "population": "population in the gazetteer",
    },
    "quotes": {
        "article_id": "the article",
        "quote_id": "position of the attribution in its article, from 0",
        "sentence_id": "the sentence the content starts in (a quote over several sentences "
                       "or paragraphs is recorded at its first)",
        "start": "character offset of the content's start in articles.text",
        "end": "character offset of the content's end (a quote split by its attribution "
               "ends with its last part)",
        "parts": "the content's parts as 'start:end' offset pairs separated by spaces (the "
                 "parts of a split or multi-paragraph quote, without the words between)",
        "text": "the content: what the speaker is reported to have said (parts joined by ' … ')",
        "kind": "direct (all in quotation marks), indirect (reported speech without marks) or "
                "mixed (reported speech holding quoted words)",
        "cue": "the word or phrase of saying ('said', 'told', 'according to', 'citing'); empty "
               "for a quote that carries on a speaker's earlier words or is signed by a name",
        "cue_start": "character offset of the cue",
        "cue_end": "character offset of the cue's end",
        "speaker_text": "the speaker as written where the attribution is made ('he', 'the "
                        "ministry', 'Wang Wenbin')",
        "speaker_start": "character offset of the speaker text",
        "speaker_end": "character offset of the speaker text's end",
        "speaker_entity_id": "the canonical entity the speaker is (pronouns and descriptions "
                             "resolved by rules to a named person or organisation earlier in "
                             "the article); empty when no rule can tell",
        "speaker_name": "who the speaker is: the entity's name, or the earlier description a "
                        "pronoun or 'the official' refers back to, or the speaker text",
        "speaker_rule": "how the speaker was found: name, pronoun, description (resolved "
                        "back), unresolved (kept as its text), none (no speaker)",
        "via_text": "the source the words were relayed through ('according to the AP', "
                    "'TASS said, quoting ...'), when the article names one",
        "via_start": "character offset of the relaying source",
        "via_end": "character offset of the relaying source's end",
        "via_entity_id": "the relaying source's canonical entity, when it is a named one",
        "tone": "VADER compound of the sentences the content lies in, each weighted by how "
                "much of the content it holds (-1 .. +1); the rest of those sentences is mostly "
                "the attribution ('he said'), words VADER does not score",
    },
    "citations": {
        "article_id": "the citing article",
        "quote_id": "the attribution (quotes.quote_id) this source backs",
        "sentence_id": "the sentence of the attribution",
        "start": "character offset of the source as written",
        "end": "character offset of the source's end",
        "text": "the source as written ('Russia's official TASS news agency', 'he')",
        "entity_id": "the source's canonical entity, when named or resolved",
        "name": "the source's name: the entity's name, or what the article calls it",
        "role": "speaker (whose words these are) or relay (the agency, outlet or body the "
                "words came through: 'according to Reuters', 'TASS said, quoting ...')",
        "source_type": "news outlet (an outlet of this corpus), news agency, person, "
                       "organisation, country, document or unnamed",
        "outlet": "the outlet of this corpus the source is, when it is one",
        "channel": "how the words reached the article, from the words around the cue: "
                   "statement, press briefing, interview, social media, report, or empty",
        "stance": "disputes when the citing article takes issue with the words: a rebuttal "
                  "('groundless', 'false', 'so-called', 'hype', 'it should be clarified') "
                  "outside the quotation in its sentence, or in the next sentence when that "
                  "one takes up the quoted words or names the source; else relies",
    },
    "rejects": {
        "input": "the input file or row",
        "reason": "why it was not imported",
    },
    "notes": {
        "input": "the input file or row, imported as an article",
        "note": "what reading it took: a line decoded as cp1252, NUL bytes removed, a date "
                "left unread",
    },
    "merges": {
        "entity_id": "the canonical entity",
        "name": "its canonical name",
        "alias": "a spelling merged into it",
        "rule": "why: the same name; a title dropped; a middle initial; a surname or short form "
                "of the one full name it stands for in the corpus; a curated alias; a place",
        "n_mentions": "mentions written this way",
    },
    "reuse": {
        "source_id": "the article the passage was likely taken from",
        "target_id": "the article that took it (another outlet's)",
        "source_start": "character offset of the passage in the source's articles.text",
        "source_end": "character offset of the passage end in the source",
        "target_start": "character offset of the passage in the target's articles.text",
        "target_end": "character offset of the passage end in the target",
        "chars": "characters of the target matched word for word (rewritten: its sentence)",
        "similarity": "verbatim: share of the passage's words aligned (0 .. 1); rewritten: "
                      "content-word overlap of the two sentences (Dice)",
        "kind": "verbatim (aligned text, small edits allowed), rewritten (a sentence saying "
                "the same in other words: same entities, same order) or quotation (mostly "
                "inside quotation marks in both articles: a speaker both quote)",
        "direction": "why the source is the source: date (published earlier), credit (the "
                     "target names it), credit line (the source declares a source of its own), "
                     "containment (the target is mostly this pair's text), or undecided",
        "credited": "the target quotes the passage or names the source near it",
        "credit": "how: quoted, named: <name the target uses>, both, or empty",
        "first_source": "the best known source of this stretch of the target (earliest, then "
                        "closest); the outlet graph counts these rows",
    },
    "duplicates": {
        "article_id": "an article that repeats another, as a whole",
        "duplicate_of": "the earlier article (in corpus order) it repeats",
        "similarity": "Jaccard overlap of their word 5-shingles (1 for the same words)",
        "kind": "exact (the same words) or near (similarity of 0.8 or more)",
    },
    "groups": {
        "outlet": "an outlet of the corpus (articles of unknown outlet have none)",
        "group": "the group it is compared in under \"Compare by: group\" (AllSides: its "
                 "left / center / right rating); empty: the outlet stands alone",
        "group_from": "where the group came from: data/outlets.csv (edit it, then rebuild), "
                      "metadata (the import's group column: the value most of the outlet's "
                      "articles carry), or empty",
        "country": "where the outlet is based, from data/outlets.csv",
        "kind": "wire service, state media, public broadcaster, independent, ... from "
                "data/outlets.csv",
    },
    "terms": {
        "term_id": "the term's number (article_terms.term_id)",
        "term": "a lower-cased content word or pair of adjacent content words of a body "
                "sentence, or an entity's name",
        "kind": "word, bigram or entity",
    },
    "article_terms": {
        "article_id": "the article",
        "term_id": "a term it uses (terms.term_id): one row however often it uses it, so one "
                   "long article cannot make a word distinctive",
        "sentences": "how many of its sentences use the term (only to break ties)",
    },
}
