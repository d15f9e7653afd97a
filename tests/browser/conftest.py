"""What every browser test needs: Debian's chromium (never `playwright install`), driven by
Playwright, one browser per test module; every test here is marked `browser`."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.local_server import CHROMIUM, CHROMIUM_ARGS

if not Path(CHROMIUM).exists():
    pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see the README)",
                pytrace=False)

sync_api = pytest.importorskip("playwright.sync_api")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
