"""The Compare page in a real browser on the default corpus: it renders with "Compare by: group"
without an error, its distinctive terms' CSV holds the bars drawn, and a term opens to its
sentences, whose CSV holds the sentences the page counts."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from dashboard import session
from dashboard.local_server import (
    ARTIFACTS,
    errors_on,
    open_page,
    pick_option,
    screenshot,
    streamlit_server,
    wait_for_charts,
    wait_until_idle,
)
from tests.fixtures.paths import KNOWN_OUTLETS


def download_rows(page, key: str) -> list[dict[str, str]]:
    """The rows of the CSV behind the download button of table `key`."""
    with page.expect_download() as info:
        page.locator(f".st-key-{key}_csv button").click()
    return list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))


def test_compare_by_group_draws_terms_that_open_to_their_sentences(tmp_path, browser):
    with streamlit_server(cache=tmp_path) as running:
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        outside = []
        page.on("request", lambda req: outside.append(req.url)
                if not req.url.startswith((running.url, "data:", "blob:")) else None)
        open_page(page, running.url, "compare", "Compare")
        page.locator(f".st-key-{session.SIDEBAR_COMPARE_BY}").get_by_text(
            "group", exact=True).click()
        wait_until_idle(page)
        assert errors_on(page) == []

        terms = download_rows(page, session.COMPARE_TERMS)
        # data/outlets.csv gives the default corpus's outlets no group: each stands alone
        assert {row["group"] for row in terms} == KNOWN_OUTLETS
        wait_for_charts(page)
        bars = page.locator(f".st-key-{session.COMPARE_BARS} g.trace.bars g.point")
        assert bars.count() == len(terms)  # one bar per row of the CSV

        word = next(row["term"] for row in terms if row["kind"] == "word")
        pick_option(page, session.COMPARE_TERM, word)
        wait_until_idle(page)
        counted = page.locator("strong", has_text=re.compile(
            rf"^[\d,]+ sentences? mentions? {re.escape(word)}$")).first
        counted.wait_for(timeout=120_000)
        assert errors_on(page) == []
        shown = int(counted.inner_text().split()[0].replace(",", ""))
        sentences = download_rows(page, session.COMPARE_TERM_SENTENCES)
        assert len(sentences) == shown >= 1
        assert all(word in row["sentence"].lower() for row in sentences)
        assert page.locator("mark").first.inner_text().lower() == word
        screenshot(page, ARTIFACTS / "compare-group.png")
        assert outside == [], "the app must not fetch anything from outside"

        # a tab is computed when opened, and its name in the address opens it from a link
        page.get_by_role("tab", name="Over time").click()
        wait_until_idle(page)
        assert "compare_tab=Over+time" in page.url or "compare_tab=Over%20time" in page.url
        assert page.locator(f".st-key-{session.COMPARE_TONE}_csv button").count() == 1
        assert page.locator(f".st-key-{session.COMPARE_TERMS}_csv button").count() == 0
        open_page(page, running.url, f"compare?{session.COMPARE_TAB}=Two+against+each+other",
                  "Compare")
        assert page.locator(f".st-key-{session.COMPARE_PAIRS}_csv button").count() == 1
        assert errors_on(page) == []
        page.close()
