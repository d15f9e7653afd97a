"""Packed words give back the strings asked for, in the order asked, and find a word."""

import numpy as np
import pyarrow as pa

from analysis.tables import packed_words
from analysis.tables.packed_words import PackedWords


def test_words_come_back_by_number_across_blocks(monkeypatch):
    monkeypatch.setattr(packed_words, "WORDS_PER_BLOCK", 3)
    words = ["", "Kyiv", "kyiv", "Łódź", "war", "peace", "KYIV", "zeppelin"]
    packed = PackedWords.of(pa.chunked_array([words[:5], words[5:]]))
    assert len(packed) == 8 and len(packed.blocks) == 3
    asked = np.array([7, 0, 3, 3, 1])
    assert packed.take(asked).tolist() == [words[i] for i in asked]
    assert packed.take(np.array([], dtype=int)).tolist() == []
    assert packed.numbers_of("KyIv").tolist() == [1, 2, 6]
    assert packed.numbers_of("łódź").tolist() == [3]
    assert packed.numbers_of("moscow").tolist() == []


def test_sorted_words_are_held_in_less_memory_than_arrow_strings():
    words = pa.array(sorted(f"term {i:07d} of the corpus" for i in range(50_000)))
    packed = PackedWords.of(words)
    assert sum(block.size for block in packed.blocks) < words.nbytes / 3
