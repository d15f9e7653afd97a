"""Annotation records: what spaCy and the tone scorers found in some texts, as Arrow tables.

A record is one text's sentences (offsets, text, VADER scores) and named-entity mentions
(offsets, text, label, targeted tone), keyed by the text's hash (cache.text_key). Workers make
them (worker.annotate_texts), the annotation cache keeps them, and the build turns them into the
sentences and mentions tables (analysis.build.assemble).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

DOCS_SCHEMA = pa.schema([("key", pa.string()), ("n_sentences", pa.int32()),
                         ("n_mentions", pa.int32())])
SENTENCES_SCHEMA = pa.schema([
    ("key", pa.string()), ("sentence_id", pa.int32()), ("start", pa.int32()),
    ("end", pa.int32()), ("text", pa.string()), ("kind", pa.string()), ("tone", pa.float64()),
    ("pos", pa.float64()), ("neu", pa.float64()), ("neg", pa.float64()),
])
MENTIONS_SCHEMA = pa.schema([
    ("key", pa.string()), ("sentence_id", pa.int32()), ("start", pa.int32()),
    ("end", pa.int32()), ("text", pa.string()), ("label", pa.string()), ("tone", pa.float64()),
    ("tone_label", pa.string()),
])
PARTS = {"docs": DOCS_SCHEMA, "sentences": SENTENCES_SCHEMA, "mentions": MENTIONS_SCHEMA}


@dataclass(frozen=True)
class Records:
    """Annotation records of some texts, as three Arrow tables sharing the `key` column."""

    docs: pa.Table
    sentences: pa.Table
    mentions: pa.Table

    @classmethod
    def empty(cls) -> Records:
        return cls(*(schema.empty_table() for schema in PARTS.values()))

    @classmethod
    def concat(cls, parts: Iterable[Records]) -> Records:
        parts = list(parts)
        if not parts:
            return cls.empty()
        if len(parts) == 1:
            return parts[0]
        return cls(*(pa.concat_tables([getattr(p, name) for p in parts]) for name in PARTS))

    def __len__(self) -> int:
        return self.docs.num_rows

    def key_list(self) -> list[str]:
        return self.docs.column("key").to_pylist()

    def select(self, keys: pa.Array) -> Records:
        """Only the records of `keys`."""
        return Records(*(t.filter(pc.is_in(t.column("key"), value_set=keys))
                         for t in (self.docs, self.sentences, self.mentions)))


def cast(table: pa.Table, schema: pa.Schema) -> pa.Table:
    return table.select(schema.names).cast(schema)


def dedupe(records: Records, keep_doc_rows: list[int]) -> Records:
    """`records` with one record per key: the docs rows `keep_doc_rows` and their rows."""
    docs = records.docs.take(pa.array(keep_doc_rows, pa.int64()))
    # sentences and mentions: keep the rows of each key's first occurrence, which are
    # contiguous runs in the order the docs were concatenated
    out = []
    for table in (records.sentences, records.mentions):
        keys = table.column("key").to_pylist()
        keep, seen, current, dropping = [], set(), None, False
        for i, k in enumerate(keys):
            if k != current:
                dropping = k in seen
                seen.add(k)
                current = k
            if not dropping:
                keep.append(i)
        out.append(table.take(pa.array(keep, pa.int64())))
    return Records(docs, *out)
