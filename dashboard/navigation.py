"""The app's pages in menu order: the one list app.py registers and the browser tests, the
screenshot tool and the app bench walk."""

from __future__ import annotations

from pathlib import Path

# (script, title, icon); the first page is the default, served at "/"
PAGES = [
    ("pages/corpus.py", "Corpus", ":material/library_books:"),
    ("pages/map.py", "Map", ":material/public:"),
    ("pages/entities.py", "Entities", ":material/hub:"),
    ("pages/tone.py", "Tone", ":material/mood:"),
    ("pages/sources.py", "Sources", ":material/record_voice_over:"),
    ("pages/reuse.py", "Reuse", ":material/content_copy:"),
    ("pages/compare.py", "Compare", ":material/compare_arrows:"),
    ("pages/articles.py", "Articles", ":material/article:"),
    ("pages/data.py", "Data", ":material/table_view:"),
]


def url_paths() -> list[tuple[str, str]]:
    """(url path, title) of every page: "" for the default page, else the script's stem."""
    return [("" if i == 0 else Path(script).stem, title)
            for i, (script, title, _) in enumerate(PAGES)]
