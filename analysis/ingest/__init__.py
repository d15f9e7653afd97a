"""Ingest: any source becomes a `Corpus`, the articles table plus one reject per input it refused.

Sources: a folder of .txt/.md/.html files (with an optional manifest.csv), a CSV or JSONL export
(optionally .gz), a .zip, or the files a visitor uploads. Modules, in the order data passes:
`limits` (every cap, and the capped stream all decompression goes through), `archives` (zips
unpacked without trusting them), `decode` (bytes to text), `rows` (CSV rows and JSON lines as a
stream), `webpages` (an HTML page's main text), `fields` (which column is which), `inputs` (files
to items), `corpus` (items to articles: checks, `language`, `article_meta`), `groups` (the group
each outlet is compared in), `duplicates` (near-duplicate flags), `uploads` (staging), `columns`
(column mapping), `report` (the import report).
"""

from analysis.ingest.archives import is_archive
from analysis.ingest.article_meta import UNKNOWN_PREFIX, outlet_key, read_dateline
from analysis.ingest.columns import columns_of, guess_columns, needs_mapping, sample_rows
from analysis.ingest.corpus import Corpus, article_id, load_corpus, load_files
from analysis.ingest.duplicates import drop_flagged, near_duplicates
from analysis.ingest.fields import FIELDS
from analysis.ingest.groups import load_outlets, outlet_groups
from analysis.ingest.limits import CLI_LIMITS, UPLOAD_LIMITS, Limits
from analysis.ingest.report import import_report
from analysis.ingest.uploads import Upload, distinct_names, import_uploads, upload_fingerprint

__all__ = [
    "CLI_LIMITS", "FIELDS", "UNKNOWN_PREFIX", "UPLOAD_LIMITS", "Corpus", "Limits", "Upload",
    "article_id", "columns_of", "distinct_names", "drop_flagged", "guess_columns",
    "import_report", "import_uploads", "is_archive", "load_corpus", "load_files", "load_outlets",
    "near_duplicates", "needs_mapping", "outlet_groups", "outlet_key", "read_dateline",
    "sample_rows",
    "upload_fingerprint",
]
