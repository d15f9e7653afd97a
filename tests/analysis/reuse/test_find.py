"""The reuse pass on small corpora written here: what is found, from whom, with what credit."""

import pandas as pd

from analysis.reuse import find_reuse
from analysis.tables import check
from tests.fixtures.reuse import articles, segments, spans, story

WIRE = ("Officials said the new grain corridor would reopen on Friday after three weeks of "
        "talks between the two governments, and that the first ships were already waiting "
        "near the port of Odesa.")
# about one word in eight changed, dropped or added; punctuation and quotation marks changed
EDITED = ('Officials said the new grain corridor will reopen on Friday, after three weeks of '
          'negotiations between both governments -- and that the first "ships" were already '
          'waiting close to the port of Odesa!')
PASSAGE = WIRE.rstrip(".")  # a passage runs from its first word to its last
SECOND = ("The ministry added that insurance for the vessels would be covered by a fund set up "
          "last year, with contributions from seven countries and two development banks.")


def texts_of(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["article_id"], table["text"], strict=True))


def test_an_edited_passage_is_still_aligned_to_its_source():
    corpus = articles([
        ("wire", "Wire Service", "2024-03-01", f"{story(1)}\n\n{WIRE}\n\n{story(2)}"),
        ("daily", "Daily Planet", "2024-03-02", f"{story(3)}\n\n{EDITED}\n\n{story(4)}"),
    ])
    table = find_reuse(corpus)
    assert check(table, "reuse") == []
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["source_id"], row["target_id"], row["direction"]) == ("wire", "daily", "date")
    found = spans(table, texts_of(corpus))[0]
    assert found.startswith("Officials said") and found.endswith("port of Odesa")
    assert 0.7 < row["similarity"] < 1.0
    assert not row["credited"] and row["kind"] == "verbatim"


def test_a_passage_reused_twice_in_one_article_is_found_twice():
    corpus = articles([
        ("wire", "Wire Service", "2024-03-01", f"{story(1)}\n\n{WIRE}\n\n{story(2)}"),
        ("daily", "Daily Planet", "2024-03-02",
         f"{story(3)}\n\n{WIRE}\n\n{story(4)}\n\nAgain: {WIRE}\n\n{story(5)}"),
    ])
    table = find_reuse(corpus)
    texts = texts_of(corpus)
    assert spans(table, texts) == [PASSAGE, PASSAGE]
    assert table["target_start"].nunique() == 2
    assert spans(table, texts, "source") == [PASSAGE, PASSAGE]


def test_one_article_with_two_sources():
    corpus = articles([
        ("roundup", "Evening Digest", "2024-03-05",
         f"{story(7)}\n\n{WIRE}\n\n{story(8)}\n\n{SECOND}\n\n{story(9)}"),
        ("wire", "Wire Service", "2024-03-01", f"{story(1)}\n\n{WIRE}\n\n{story(2)}"),
        ("ministry", "Ministry Bulletin", "2024-03-02", f"{story(3)}\n\n{SECOND}\n\n{story(4)}"),
    ])
    table = find_reuse(corpus)
    texts = texts_of(corpus)
    assert set(table["target_id"]) == {"roundup"}
    by_source = dict(zip(table["source_id"], spans(table, texts), strict=True))
    assert by_source == {"wire": PASSAGE, "ministry": SECOND.rstrip(".")}
    assert table["first_source"].all()


def test_same_day_direction_comes_from_the_credit_line():
    wire = ("ap", "Associated Press", "2024-03-01", f"{story(1)}\n\n{WIRE}\n\n{story(2)}")
    carried = ("planet", "Daily Planet", "2024-03-01",
               f"KYIV (AP) — {story(3)}\n\n{WIRE}\n\n{story(4)}")
    for rows in ([wire, carried], [carried, wire]):  # whichever comes first in the corpus
        table = find_reuse(articles(rows))
        assert len(table) == 1
        row = table.iloc[0]
        assert (row["source_id"], row["target_id"]) == ("ap", "planet")
        assert row["direction"] == "credit"
        assert row["credited"] and "AP" in row["credit"]
    undated = find_reuse(articles([(aid, outlet, None, text) for aid, outlet, _, text in
                                   [carried, wire]]))
    assert list(undated["source_id"]) == ["ap"]


def test_a_quoted_passage_is_credited_and_an_unquoted_one_is_not():
    corpus = articles([
        ("wire", "Wire Service", "2024-03-01", f"{story(1)}\n\n{WIRE}\n\n{story(2)}"),
        ("rebuttal", "State Daily", "2024-03-02",
         f"{story(3)}\n\nWestern media claimed that “{WIRE}” This is false.\n\n{story(4)}"),
        ("copy", "Copy Site", "2024-03-03", f"{story(5)}\n\n{WIRE}\n\n{story(6)}"),
    ])
    table = find_reuse(corpus)
    credit = {t: c for t, c, f in zip(table["target_id"], table["credit"],
                                      table["first_source"], strict=True) if f}
    assert credit == {"rebuttal": "quoted", "copy": ""}


BOILERPLATE = ("Copyright 2024 by the publisher. All rights reserved. This material may not be "
               "published, broadcast, rewritten or redistributed without written permission.")


def test_a_common_boilerplate_paragraph_is_not_reuse_between_outlets():
    rows = []
    for o, outlet in enumerate(["North Star", "South Wind", "East Gate"]):
        for k in range(3):
            seed = 10 * o + k
            body = story(seed)
            if (o, k) in {(0, 0), (1, 2)}:  # one real passage shared by two outlets
                body = f"{story(seed)}\n\n{WIRE}\n\n{story(seed + 100)}"
            rows.append((f"{outlet[:1]}{k}", outlet, f"2024-03-0{k + 1 + o}",
                         f"{body}\n\n{BOILERPLATE}"))
    corpus = articles(rows)
    table = find_reuse(corpus)
    assert spans(table, texts_of(corpus)) == [PASSAGE]
    assert not any("All rights reserved" in s for s in spans(table, texts_of(corpus), "source"))


def test_no_reuse_within_one_outlet_nor_for_a_corpus_of_one():
    corpus = articles([
        ("a", "Same Outlet", "2024-03-01", f"{story(1)}\n\n{WIRE}"),
        ("b", "Same Outlet", "2024-03-02", f"{story(2)}\n\n{WIRE}"),
    ])
    assert find_reuse(corpus).empty
    assert find_reuse(corpus.head(1)).empty


def test_one_short_shared_phrase_is_reuse_only_when_credited():
    phrase = "Pentagon press secretary Rear Admiral John Kirby told reporters"
    corpus = articles([
        ("first", "Wire Service", "2024-03-01", f"{story(1)} {phrase} on Monday. {story(2)}"),
        ("second", "Daily Planet", "2024-03-02", f"{story(3)} {phrase} again. {story(4)}"),
    ])
    assert find_reuse(corpus).empty  # a shared name, not copy
    corpus.loc[1, "text"] = f"{story(3)} As Wire Service put it, {phrase} again. {story(4)}"
    assert find_reuse(corpus).empty  # naming the other outlet is not enough
    corpus.loc[1, "text"] = f"{story(3)} As Wire Service put it, “{phrase}” again. {story(4)}"
    table = find_reuse(corpus)
    assert list(table["credit"]) == ["quoted; named: Wire Service"]


def test_a_shared_headline_and_caption_are_not_reuse_only_the_body_is():
    headline = ("Grain corridor between the two governments to reopen on Friday after three "
                "weeks of talks, officials say")
    caption = ("Cargo ships wait near the port of Odesa on the Black Sea coast in the early "
               "morning light (Photo: Harbour Agency archive)")
    filler = {"wire": (story(1), story(2)), "daily": (story(3), story(4))}
    corpus = articles([
        (aid, outlet, day, f"{headline}\n\n{caption}\n\n{before}\n\n{WIRE}\n\n{after}")
        for (aid, outlet, day), (before, after) in zip(
            [("wire", "Wire Service", "2024-03-01"), ("daily", "Daily Planet", "2024-03-02")],
            filler.values(), strict=True)])
    sentences = pd.DataFrame([
        row for aid, text in texts_of(corpus).items() for row in segments(aid, text, [
            (headline, "headline"), (caption, "caption"), (filler[aid][0], "body"),
            (WIRE, "body"), (filler[aid][1], "body")])])
    # an article without sentences (none found) is read whole
    corpus = pd.concat([corpus, articles([("late", "Late Wire", "2024-03-03",
                                           f"{story(5)}\n\n{WIRE}")])], ignore_index=True)
    mentions = pd.DataFrame({"article_id": ["wire", "daily"], "sentence_id": [3, 3],
                             "entity_id": ["E_odesa", "E_odesa"]})
    table = find_reuse(corpus, sentences=sentences, mentions=mentions)
    assert spans(table, texts_of(corpus)) == [PASSAGE] * 3
    assert set(table["target_id"]) == {"daily", "late"}
    # without segments the headline and caption would have counted
    assert len(find_reuse(corpus.head(2))) > 1


def test_a_post_both_articles_embed_is_a_quotation_not_reuse_between_them():
    post = ("The grain corridor will reopen on Friday after three weeks of talks, and the first "
            "ships are already waiting near the port of Odesa. Great news! — Harbour Minister "
            "(@harbour_min) March 1, 2024")
    corpus = articles([
        ("wire", "Wire Service", "2024-03-01", f"{story(1)}\n\nShe wrote:\n\n{post}\n\n{story(2)}"),
        ("daily", "Daily Planet", "2024-03-02", f"{story(3)}\n\n{post}\n\n{story(4)}"),
    ])
    table = find_reuse(corpus)
    assert list(table["kind"]) == ["quotation"]
    assert spans(table, texts_of(corpus))[0].startswith("The grain corridor will reopen")
