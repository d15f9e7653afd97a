"""Entity views: top entities per outlet and co-occurrence,
on the hand-made build of tests/fixtures/sample_tables.py."""


import pytest

from analysis.views import Filters, entities, scope

ALL = Filters()
ALPHA = Filters(outlets=("Alpha News",))


def test_top_entities_by_outlet_split_and_label_filter(tables):
    top = entities.top_entities_by_outlet(tables, ALL, top=2)
    assert list(dict.fromkeys(top["name"])) == ["Li Shangfu", "Minsk"]
    li = top[top["name"] == "Li Shangfu"]
    assert dict(zip(li["outlet"], li["n_mentions"], strict=True)) == {"Alpha News": 3,
                                                                     "Beta Wire": 1}
    assert li["n_mentions"].sum() == li["total_mentions"].iloc[0] == 4
    # Alpha News names 7 entities in all, 3 of them Li; Beta Wire 3, one of them Li
    assert dict(zip(li["outlet"], li["share"], strict=True)) == pytest.approx(
        {"Alpha News": 3 / 7, "Beta Wire": 1 / 3})
    people = entities.top_entities_by_outlet(tables, Filters(labels=("PERSON",)))
    assert set(people["label"]) == {"PERSON"}
    assert set(people["name"]) == {"Li Shangfu", "Lukashenko", "Shoigu"}


@pytest.mark.parametrize("rank_by", entities.RANKINGS)
def test_the_top_few_are_the_head_of_the_whole_ranking_ties_by_name(tables, rank_by):
    def ranked(top: int) -> list[str]:
        rows = entities.top_entities_by_outlet(tables, ALL, top=top, rank_by=rank_by)
        return list(dict.fromkeys(rows["name"]))

    every = ranked(1_000)
    assert len(every) > 5
    for top in range(1, len(every) + 1):  # the cut falls among tied counts too
        assert ranked(top) == every[:top]


def test_cooccurrence_view_names_pairs_and_applies_the_weight(tables):
    pairs = entities.cooccurrence_view(tables, ALL, measure="count", min_weight=2)
    assert list(zip(pairs["name_a"], pairs["name_b"], strict=True)) == [("Li Shangfu",
                                                                         "Moscow")]
    assert list(pairs["weight"]) == [2.0]
    pmi = entities.cooccurrence_view(tables, ALL, measure="pmi", min_weight=-10)
    assert (pmi["weight"] == pmi["pmi"]).all()
    assert pmi["weight"].is_monotonic_decreasing
    by_article = entities.cooccurrence_view(tables, ALL, window="article", min_weight=1)
    assert ("Li Shangfu", "Russia") in set(zip(by_article["name_a"], by_article["name_b"],
                                               strict=True))
    with pytest.raises(ValueError):
        entities.cooccurrence_view(tables, ALL, measure="lift")


def test_cooccurrence_view_pmi_counts_every_window_of_the_slice(tables):
    from analysis.views.cooccurrence import cooccurrence

    full = cooccurrence(scope.scoped_mentions(tables, ALL)).set_index(["entity_a", "entity_b"])
    # only the top two entities are paired, yet PMI is the one over all sentences
    top_two = entities.cooccurrence_view(tables, ALL, measure="pmi", min_weight=-10, top=2)
    assert list(zip(top_two["name_a"], top_two["name_b"], strict=True)) == [("Li Shangfu",
                                                                             "Minsk")]
    for row in top_two.itertuples():
        assert row.pmi == pytest.approx(full.loc[(row.entity_a, row.entity_b), "pmi"])
        assert row.jaccard == pytest.approx(full.loc[(row.entity_a, row.entity_b), "jaccard"])


def test_cooccurrence_min_count_keeps_pairs_seen_once_out_of_pmi(tables):
    every = entities.cooccurrence_view(tables, ALL, measure="pmi", min_weight=-10)
    assert (every["count"] == 1).any()
    seen_twice = entities.cooccurrence_view(tables, ALL, measure="pmi", min_weight=-10,
                                            min_count=2)
    assert len(seen_twice) and (seen_twice["count"] >= 2).all()
    assert list(seen_twice.columns[:2]) == ["name_a", "name_b"]  # names first, ids last
    assert list(seen_twice.columns[-2:]) == ["entity_a", "entity_b"]


def test_cooccurrence_defaults_follow_the_corpus_size(tables):
    defaults = entities.cooccurrence_defaults(tables, ALL).set_index("measure")
    assert set(defaults.index) == {"count", "pmi", "jaccard"}
    assert set(defaults["top"]) == {20} and set(defaults["min_count"]) == {2}  # 5 articles
    assert entities.cooccurrence_sizes(5) == (20, 2)
    assert entities.cooccurrence_sizes(5_000) == (30, 5)
    for measure, row in defaults.iterrows():
        assert row["min_weight"] >= entities.WEIGHT_FLOORS[measure]
    # a small graph keeps every pair seen often enough: the bar is the floor
    assert defaults.loc["count", "min_weight"] == 2.0


def test_cooccurrence_defaults_keep_only_the_heaviest_pairs(tables, monkeypatch):
    every = entities.cooccurrence_view(tables, ALL, top=4, min_count=1, min_weight=-10)
    assert len(every) == 4
    monkeypatch.setattr(entities, "EDGES_PER_NODE", 0.25)  # one edge for four entities
    defaults = entities.cooccurrence_defaults(tables, ALL, top=4, min_count=1)
    kept = {}
    for measure, row in defaults.set_index("measure").iterrows():
        pairs = entities.cooccurrence_view(tables, ALL, top=4, min_count=1, measure=measure,
                                           min_weight=row["min_weight"])
        kept[measure] = list(zip(pairs["name_a"], pairs["name_b"], strict=True))
    assert kept["count"] == [("Li Shangfu", "Moscow")]  # together twice
    assert kept["pmi"] == [("Lukashenko", "Minsk")]  # the pair most above chance


def test_leading_entities_break_ties_at_the_cut_by_name(tables):
    mentions = scope.scoped_mentions(tables, ALL, columns=["entity_id"])
    every = entities.leading_entities(tables, mentions, top=len(mentions))
    assert list(every["n_mentions"]) == sorted(every["n_mentions"], reverse=True)
    for top in range(1, len(every) + 1):
        leaders = entities.leading_entities(tables, mentions, top=top)
        assert list(leaders["name"]) == list(every["name"].iloc[:top])
    tied = every[every["n_mentions"] == every["n_mentions"].iloc[-1]]
    assert len(tied) > 1 and list(tied["name"]) == sorted(tied["name"])


@pytest.mark.parametrize("filters", [ALL, ALPHA, Filters(labels=("PERSON",))])
def test_most_named_are_the_head_of_entity_mentions(tables, filters):
    every = entities.entity_mentions(tables, filters)
    for top in (1, 3, len(every) + 5):
        named = entities.most_named(tables, filters, top=top)
        assert list(named["entity_id"]) == list(every["entity_id"].head(top))
        assert list(named["n_mentions"]) == list(every["n_mentions"].head(top))
