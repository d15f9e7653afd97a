"""Naming: the words each outlet uses in the sentences naming one entity, on a build written
here (two outlets naming the same war differently)."""

import pandas as pd

from analysis.tables import SCHEMAS, Tables, conform, empty
from analysis.views import Filters, naming

SENTENCES = [  # article, outlet, sentence text
    ("a1", "North Daily", "The invasion of Ukraine entered its second year."),
    ("a1", "North Daily", "Invasion troops shelled the city, terrible losses followed."),
    ("a2", "North Daily", "Ukraine resisted the invasion in the east."),
    ("b1", "South Herald", "The conflict in Ukraine entered its second year."),
    ("b2", "South Herald", "Officials in Ukraine discussed the conflict."),
    ("b2", "South Herald", "Elsewhere, a terrible storm hit the coast."),
]


def _table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """`frame` as table `name`, the columns these tests do not use left empty."""
    missing = {column: 0 if dtype.startswith("int") else None
               for column, dtype in SCHEMAS[name].items() if column not in frame}
    return conform(frame.assign(**missing), name)


def _war_build() -> Tables:
    rows = pd.DataFrame(SENTENCES, columns=["article_id", "outlet", "text"])
    rows["sentence_id"] = rows.groupby("article_id").cumcount()
    articles = rows.drop_duplicates("article_id")[["article_id", "outlet"]].assign(
        title="t", published=pd.NaT, outlet_from="metadata", source_file="f.jsonl")
    sentences = rows.assign(kind="body", start=0, end=rows["text"].str.len(), tone=0.0)
    named = rows[rows["text"].str.contains("Ukraine")]
    mentions = named[["article_id", "sentence_id"]].assign(
        entity_id="E_ua", text="Ukraine", start=0, end=7, label="GPE", role="named")
    entities = pd.DataFrame({"entity_id": ["E_ua"], "name": ["Ukraine"], "label": ["GPE"]})
    return Tables(articles=_table(articles, "articles"),
                  sentences=_table(sentences, "sentences"),
                  mentions=_table(mentions, "mentions"), entities=_table(entities, "entities"),
                  places=empty("places"), quotes=empty("quotes"),
                  citations=empty("citations"), rejects=empty("rejects"))


def test_each_outlet_names_the_war_its_own_way_within_the_entitys_sentences():
    war = _war_build()
    terms = naming.naming_terms(war, Filters(), entity_id="E_ua", min_articles=1)
    words = terms[terms["kind"] == "word"].groupby("group")["term"].apply(list)
    assert words["North Daily"][0] == "invasion"  # in both its articles: its top word
    assert words["South Herald"][0] == "conflict"
    assert (terms.groupby("group")["z"].apply(lambda z: z.is_monotonic_decreasing)).all()
    # words of sentences not naming Ukraine are not its naming
    assert not terms["term"].isin(["terrible", "shelled", "storm"]).any()
    invasion = terms[(terms["group"] == "North Daily") & (terms["term"] == "invasion")]
    assert invasion["articles"].tolist() == [2]  # counted once per article
    evidence = naming.naming_evidence(war, Filters(), entity_id="E_ua", term="invasion")
    assert len(evidence) == 2  # "Invasion troops shelled" does not name Ukraine
    assert evidence["sentence"].str.contains("Ukraine").all()
    # the texts of the first only, the same sentences (views.evidence.with_sentences)
    first = naming.naming_evidence(war, Filters(), entity_id="E_ua", term="invasion", read=1)
    assert first["sentence"].tolist()[0] == evidence["sentence"].iloc[0]
    assert first["sentence"].iloc[1:].isna().all()
    assert first["sentence_id"].tolist() == evidence["sentence_id"].tolist()
