"""Screenshots of the app in a real browser: the README's images, or every page at any size.

    python tools/screenshots.py                  # refresh the README's docs/screenshots/*.png
    python tools/screenshots.py --all            # every page of the default corpus, into
                                                 # artifacts/screenshots/default-<page>.png
    python tools/screenshots.py --all --store DIR --name allsides
                                                 # every page of a built store, <name>-<page>.png

A real `streamlit run` server and Debian chromium (apt-get install chromium), as in the browser
tests; the tests themselves never write the tracked README images.
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
from dashboard.navigation import url_paths

DOCS = REPO / "docs" / "screenshots"
README_PAGES = [("map", "Map"), ("tone", "Tone")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true",
                        help="every page into artifacts/screenshots/ (not the README's)")
    parser.add_argument("--store", type=Path,
                        help="a built store to show (default: the default corpus)")
    parser.add_argument("--name", default="default", help="file name prefix with --all")
    parser.add_argument("--cache", type=Path, help="cache root (default: a temporary folder)")
    args = parser.parse_args()
    if args.store and not args.all:
        parser.error("--store goes with --all: the README shows the default corpus")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server(cache=args.cache or Path(tmp), store=args.store,
                              timeout=600) as server:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for path, title in url_paths() if args.all else README_PAGES:
                open_page(page, server.url, path, title)
                target = (ARTIFACTS / f"{args.name}-{title.lower()}.png" if args.all
                          else DOCS / f"{title.lower()}.png")
                print(screenshot(page, target))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
