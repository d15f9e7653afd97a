"""Checks are kept per pair of texts: adding an article checks only the pairs it is in, and
the table is the one a build from nothing gives."""

from dataclasses import dataclass, field

import pandas as pd

from analysis.reuse import LocalReuse, PairCache, find_reuse
from tests.fixtures.reuse import articles, story

WIRE = ("Officials said the new grain corridor would reopen on Friday after three weeks of "
        "talks between the two governments, and that the first ships were already waiting "
        "near the port of Odesa.")
SECOND = ("The ministry added that insurance for the vessels would be covered by a fund set up "
          "last year, with contributions from seven countries and two development banks.")


@dataclass
class Recording(LocalReuse):
    """The local engine, noting the text pairs it checks."""

    checked: list = field(default_factory=list)

    def check(self, chunks, on_checked):
        for chunk in chunks:
            self.checked += [frozenset((chunk.texts[x], chunk.texts[y])) for x, y in chunk.pairs]
        super().check(chunks, on_checked)


CORPUS = [
    ("wire", "Wire Service", "2024-03-01", f"{story(1)}\n\n{WIRE}\n\n{story(2)}"),
    ("ministry", "Ministry Bulletin", "2024-03-02", f"{story(3)}\n\n{SECOND}\n\n{story(4)}"),
    ("daily", "Daily Planet", "2024-03-03", f"{story(5)}\n\n{WIRE}\n\n{story(6)}"),
    ("weekly", "Weekly Review", "2024-03-04", f"{story(7)}\n\n{SECOND}\n\n{story(8)}"),
    ("other", "Other Times", "2024-03-04", story(9)),
]
LATE = ("late", "Late Edition", "2024-03-06",
        f"{story(10)}\n\n{WIRE}\n\n{story(11)}\n\n{SECOND}\n\n{story(12)}")


def test_adding_one_article_checks_only_the_pairs_it_is_in(tmp_path):
    cache = PairCache(tmp_path, "test")
    first = Recording()
    before = find_reuse(articles(CORPUS), engine=first, cache=cache)
    assert len(first.checked) == 2 and len(before) == 2

    again = Recording()
    unchanged = find_reuse(articles(CORPUS), engine=again, cache=cache)
    assert again.checked == []
    pd.testing.assert_frame_equal(unchanged, before)

    grown = Recording()
    after = find_reuse(articles([LATE, *CORPUS]), engine=grown, cache=cache)
    late_text = LATE[3]
    assert grown.checked and all(late_text in pair for pair in grown.checked)
    assert len(grown.checked) == 4  # late with wire, daily, ministry and weekly
    pd.testing.assert_frame_equal(after, find_reuse(articles([LATE, *CORPUS])))
    assert set(after.loc[after["target_id"] == "late", "source_id"]) == {
        "wire", "daily", "ministry", "weekly"}


def test_an_unreadable_cache_shard_is_checked_again(tmp_path):
    cache = PairCache(tmp_path, "test")
    expected = find_reuse(articles(CORPUS), cache=cache)
    for shard in cache.shards():
        (shard / "passages.parquet").write_bytes(b"not parquet")
    engine = Recording()
    pd.testing.assert_frame_equal(find_reuse(articles(CORPUS), engine=engine, cache=cache),
                                  expected)
    assert len(engine.checked) == 2
