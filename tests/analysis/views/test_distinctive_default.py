"""End to end on the default corpus: Global Times rebuts the AP story Al Jazeera ran, and the
words of its rebuttal are what sets it apart, each with its sentences."""

from analysis.views import Filters, distinctive

REBUTTAL = {"maliciously", "malice", "hype", "exaggerate", "over-interpret", "western media",
            "political malice", "labels"}


def test_the_rebutting_outlets_distinctive_terms_are_its_rebuttal(default_store):
    tables = default_store.tables
    terms = distinctive.distinctive_terms(tables, Filters(), top=30, min_articles=1)
    assert set(terms["group"]) == {"Al Jazeera", "Global Times"}
    global_times = terms[terms["group"] == "Global Times"]
    found = REBUTTAL & set(global_times["term"])
    assert len(found) >= 2, list(global_times["term"])
    assert (global_times["z"] > 0).all()
    for term in found:
        evidence = distinctive.term_evidence(tables, Filters(), term)
        assert set(evidence["outlet"]) == {"Global Times"}
        assert evidence["sentence"].str.lower().str.contains(term).all()
