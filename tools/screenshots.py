"""Refresh the README's screenshots (docs/screenshots/) from the app on the default corpus.

    python tools/screenshots.py            # Map and Tone, the two the README shows
    python tools/screenshots.py --all      # every page, into artifacts/screenshots/ too

A real `streamlit run` server and Debian chromium (apt-get install chromium), as in the browser
tests; the tests themselves never write these tracked files.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.local_server import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    open_page,
    screenshot,
    streamlit_server,
)

DOCS = REPO / "docs" / "screenshots"
README_PAGES = [("map", "Map"), ("tone", "Tone")]
ALL_PAGES = [("", "Corpus"), ("map", "Map"), ("entities", "Entities"), ("tone", "Tone"),
             ("articles", "Articles"), ("data", "Data")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="every page, into artifacts/ too")
    parser.add_argument("--cache", type=Path, help="cache root (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server(cache=args.cache or Path(tmp), timeout=600) as server:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for path, title in ALL_PAGES if args.all else README_PAGES:
                open_page(page, server.url, path, title)
                name = f"{title.lower()}.png"
                if (path, title) in README_PAGES:
                    print(screenshot(page, DOCS / name))
                if args.all:
                    print(screenshot(page, ARTIFACTS / name))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
