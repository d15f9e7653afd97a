"""Browser tests at scale: a real `streamlit run` on a store of 520 AllSides articles from more
than 50 outlets (tests/fixtures/allsides.py), driven by Debian chromium. Every page renders
without an error, and the charts that compare outlets draw at most the chosen number of
outlets plus "other outlets", each with its label. Screenshots go to artifacts/screenshots/
(ignored by git) as scale-<page>.png."""

from __future__ import annotations

import pytest

from analysis.views.outlets import OTHER_OUTLETS, SHOWN_OUTLETS
from dashboard import session
from dashboard.local_server import (
    ARTIFACTS,
    errors_on,
    open_page,
    screenshot,
    streamlit_server,
    wait_for_charts,
    wait_until_idle,
)
from dashboard.navigation import url_paths
from tests.fixtures.allsides import write_sample

PAGES = url_paths()


@pytest.fixture(scope="module")
def allsides_build(tmp_path_factory):
    """520 AllSides articles, round-robin over the outlets, built once with the real model:
    (store folder, its tables)."""
    from analysis.build import build_store

    root = tmp_path_factory.mktemp("allsides")
    built = build_store(write_sample(root / "allsides.jsonl"), root / "store")
    articles = built.tables.articles
    assert len(articles) >= 500 and articles["outlet"].nunique() > 50
    return root / "store", built.tables


@pytest.fixture(scope="module")
def server(allsides_build, tmp_path_factory):
    with streamlit_server(cache=tmp_path_factory.mktemp("scale-cache"),
                          store=allsides_build[0]) as running:
        yield running.url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


def chart_labels(page, key: str, selector: str) -> list[str]:
    """The texts of `selector` (tick labels, legend entries) in the plotly chart `key`."""
    chart = page.locator(f".st-key-{key} .js-plotly-plot").first
    chart.locator(".main-svg").first.wait_for(state="attached", timeout=60_000)
    texts = chart.locator(selector)
    return [texts.nth(i).text_content() for i in range(texts.count())]


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[t for _, t in PAGES])
def test_every_page_renders_at_scale(page, server, path, title):
    open_page(page, server, path, title)
    wait_for_charts(page)
    assert errors_on(page) == []
    screenshot(page, ARTIFACTS / f"scale-{title.lower()}.png")


def test_tone_chart_draws_the_leading_outlets_and_other_outlets(page, server):
    open_page(page, server, "tone", "Tone")
    outlets = chart_labels(page, session.TONE_CHART, ".xtick text")
    assert len(outlets) == SHOWN_OUTLETS + 1 and outlets[-1] == OTHER_OUTLETS
    assert all(outlets)  # every label drawn, none skipped for want of room
    open_page(page, server, "tone?tone_tab=Tone+about+each+entity", "Tone")
    columns = chart_labels(page, session.TONE_ENTITY_CHART, ".xtick text")
    assert len(columns) <= SHOWN_OUTLETS + 1 and columns[-1] == OTHER_OUTLETS


def test_entity_bars_draw_the_leading_outlets_and_other_outlets(page, server):
    open_page(page, server, "entities", "Entities")
    legend = chart_labels(page, session.ENTITIES_CHART, ".legendtext")
    assert OTHER_OUTLETS in legend and len(legend) <= SHOWN_OUTLETS + 1
    names = chart_labels(page, session.ENTITIES_CHART, ".ytick text")
    assert len(names) == 15 and all(names)  # the top 15 entities, each named


def test_fewer_outlets_per_chart_when_the_sidebar_says_so(page, server):
    open_page(page, server, "tone", "Tone")
    box = page.locator(f".st-key-{session.SIDEBAR_OUTLETS_SHOWN} input")
    box.fill("5")
    box.press("Enter")
    wait_until_idle(page)
    outlets = chart_labels(page, session.TONE_CHART, ".xtick text")
    assert len(outlets) == 6 and outlets[-1] == OTHER_OUTLETS
    assert errors_on(page) == []


def test_cooccurrence_opens_legible_and_named(page, server, allsides_build):
    open_page(page, server, "entities?entities_tab=Co-occurrence", "Entities")
    nodes = chart_labels(page, session.ENTITIES_GRAPH, ".textpoint text")
    assert 0 < len(nodes) <= 25  # 520 articles open on 25 entities
    entity_ids = set(allsides_build[1].entities["entity_id"])
    assert not entity_ids & set(nodes)  # names, never ids
    graph = page.locator(f".st-key-{session.ENTITIES_GRAPH}")
    graph.screenshot(path=str(ARTIFACTS / "scale-entities-network.png"))
