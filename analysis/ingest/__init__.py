"""Ingest: any source becomes a `Corpus`, the articles table plus one reject per input it refused.

Sources: a folder of .txt/.md/.html files (with an optional manifest.csv), a CSV or JSONL export
(optionally .gz), a .zip, or the files a visitor uploads. Modules, in the order data passes:
`archives` (zips unpacked without trusting them), `decode` (bytes to text), `rows` (CSV rows and
JSON lines as a stream), `webpages` (an HTML page's main text), `fields` (which column is which),
`inputs` (files to items), `corpus` (items to articles: checks, `language`, `article_meta`),
`duplicates` (near-duplicate flags), `uploads` (staging, column mapping, the import report).
"""

from analysis.ingest.archives import Limits, is_archive
from analysis.ingest.corpus import UNKNOWN, Corpus, article_id, load_corpus, load_files
from analysis.ingest.duplicates import drop_flagged, near_duplicates
from analysis.ingest.fields import FIELDS
from analysis.ingest.uploads import (
    Upload,
    columns_of,
    guess_columns,
    import_report,
    import_uploads,
    needs_mapping,
    upload_fingerprint,
)

__all__ = [
    "FIELDS", "UNKNOWN", "Corpus", "Limits", "Upload", "article_id", "columns_of",
    "drop_flagged", "guess_columns", "import_report", "import_uploads", "is_archive",
    "load_corpus", "load_files", "near_duplicates", "needs_mapping", "upload_fingerprint",
]
