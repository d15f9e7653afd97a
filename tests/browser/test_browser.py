"""Browser tests: Playwright drives Debian chromium against a real `streamlit run`.

Screenshots of every page go to artifacts/screenshots/ (ignored by git).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.tables import load_store
from analysis.views.places import place_mentions
from dashboard import session
from dashboard.local_server import (
    ARTIFACTS,
    errors_on,
    open_page,
    pick_option,
    streamlit_server,
    wait_until_idle,
)
from dashboard.local_server import screenshot as take_screenshot
from dashboard.navigation import url_paths
from dashboard.reuse_figures import pair_labels
from tests.fixtures.paths import KNOWN_OUTLETS, UNKNOWN_SOURCES

PAGES = url_paths()
FIRST_BUILD_MS = 180_000


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-cache")


@pytest.fixture(scope="module")
def server(cache):
    with streamlit_server(cache=cache) as running:
        yield running.url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    page = context.new_page()
    outside = []
    page.on("request", lambda req: outside.append(req.url)
            if not req.url.startswith((server, "data:", "blob:")) else None)
    page.outside_requests = outside
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """A screenshot in the ignored artefacts folder (tools/screenshots.py refreshes the README's
    own: running the tests changes no tracked file)."""
    return take_screenshot(page, ARTIFACTS / f"{name}.png")


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[t for _, t in PAGES])
def test_every_page_renders_without_errors_or_outside_requests(page, server, path, title):
    open_page(page, server, path, title)
    assert errors_on(page) == []
    assert screenshot(page, title.lower()).stat().st_size > 10_000
    assert page.outside_requests == [], "the app must not fetch anything from outside"


def map_labels(page) -> set[str]:
    geo = page.locator(".js-plotly-plot .geo").first
    geo.wait_for(timeout=60_000)
    texts = page.locator(".js-plotly-plot g.trace.scattergeo text")
    return {texts.nth(i).text_content().strip() for i in range(texts.count())}


def test_map_draws_outlines_and_moscow(page, server):
    open_page(page, server, "map", "Map")
    # outlines and shaded countries exist only if the app's own topojson was served
    page.locator(".js-plotly-plot path.choroplethlocation").first.wait_for(timeout=60_000)
    assert page.locator(".js-plotly-plot .geo g.layer.countries path").count() > 0
    assert "Moscow" in map_labels(page)
    assert page.outside_requests == []


def map_markers(page) -> dict[tuple[float, float], tuple[float, float]]:
    """(lon, lat) -> the centre on screen of the place marker drawn there."""
    points = page.locator(".js-plotly-plot g.trace.scattergeo path.point")
    points.first.wait_for(state="attached", timeout=60_000)
    found = points.evaluate_all("els => els.map(el => { const r = el.getBoundingClientRect();"
                                " return [el.__data__.lonlat, r.x + r.width / 2,"
                                " r.y + r.height / 2]; })")
    return {(round(lon, 3), round(lat, 3)): (x, y) for (lon, lat), x, y in found}


def place_marker(page, cache: Path, name: str) -> tuple[float, float]:
    """The marker of the most mentioned place called `name` in the default store."""
    found = place_mentions(load_store(cache / "stores" / "default"))
    place = found[found["name"] == name].iloc[0]
    return map_markers(page)[(round(float(place["lon"]), 3), round(float(place["lat"]), 3))]


def test_map_opens_on_moscow_and_belarus(page, server, cache):
    open_page(page, server, "map", "Map")
    frame = page.locator(".js-plotly-plot .geo .layer.frame path").first.bounding_box()
    for name in ("Moscow", "Belarus"):
        x, y = place_marker(page, cache, name)
        assert frame["x"] < x < frame["x"] + frame["width"], name
        assert frame["y"] < y < frame["y"] + frame["height"], name
    # the United States, named four times, waits for the whole-world view
    x, _ = place_marker(page, cache, "United States")
    assert not frame["x"] < x < frame["x"] + frame["width"]


def test_clicking_moscow_on_the_map_lists_its_sentences(page, server, cache):
    open_page(page, server, "map", "Map")
    page.mouse.click(*place_marker(page, cache, "Moscow"))
    wait_until_idle(page)
    page.get_by_text(re.compile(r"^\d+ sentences? mention Moscow$")).wait_for(timeout=60_000)
    assert errors_on(page) == []
    # nothing dimmed: every marker keeps its opacity after the click
    opacities = page.locator(".js-plotly-plot g.trace.scattergeo path.point").evaluate_all(
        "els => els.map(el => getComputedStyle(el).opacity)")
    assert set(opacities) == {"0.85"}
    labels = page.locator(".js-plotly-plot g.trace.scattergeo text").evaluate_all(
        "els => els.map(el => getComputedStyle(el).fill)")
    assert len(set(labels)) == 1, "labels of the places not clicked were dimmed"
    screenshot(page, "map-moscow")


def test_corpus_csv_download_delivers_the_rows(page, server):
    open_page(page, server, "", "Corpus")
    button = page.locator(f".st-key-{session.CORPUS_ARTICLES}_csv button")
    with page.expect_download() as info:
        button.click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert len(rows) == 5
    assert {r["outlet"] for r in rows} == KNOWN_OUTLETS | UNKNOWN_SOURCES


def test_sources_page_opens_a_speakers_quotes_with_highlights_and_their_csv(page, server):
    open_page(page, server, "sources", "Sources")
    assert errors_on(page) == []
    page.get_by_role("tab", name="Quotes", exact=True).click()
    wait_until_idle(page)
    pick_option(page, session.SOURCES_SPEAKER, "Wang Wenbin")
    wait_until_idle(page)
    page.get_by_text("3 quotes of Wang Wenbin").wait_for(timeout=60_000)
    assert errors_on(page) == []
    # the quote list: the content, the speaker ("he" resolved to Wang Wenbin) and the cue marked
    speakers = page.locator('mark[title="speaker"]')
    assert [speakers.nth(i).inner_text() for i in range(speakers.count())][:3] == [
        "China’s foreign ministry spokesperson Wang Wenbin", "Wang", "he"]
    contents = page.locator('mark[title="content"]')
    assert any("two countries will continue" in contents.nth(i).inner_text()
               for i in range(contents.count()))
    with page.expect_download() as info:
        page.locator(f".st-key-{session.SOURCES_QUOTES}_csv button").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert [r["speaker"] for r in rows] == ["Wang Wenbin"] * 3
    assert sorted(r["kind"] for r in rows) == ["direct", "direct", "mixed"]
    assert page.outside_requests == []


def test_reuse_pair_opens_side_by_side_and_its_csv_has_the_rows_shown(page, server):
    open_page(page, server, "reuse", "Reuse")
    with page.expect_download() as info:
        page.locator(f".st-key-{session.REUSE_PAIRS}_csv button").click()
    pairs = pd.read_csv(info.value.path())
    into_gt = pairs[(pairs["source_outlet"] == "Al Jazeera")
                    & (pairs["target_outlet"] == "Global Times")]
    pick_option(page, session.REUSE_PAIR, next(iter(pair_labels(into_gt).values())))
    wait_until_idle(page)
    assert errors_on(page) == []
    source, target = page.locator(".reuse-source mark"), page.locator(".reuse-target mark")
    assert source.count() > 0 and target.count() > 0
    marked = " ".join(target.nth(i).inner_text() for i in range(target.count()))
    assert "liberal-democratic world order" in marked
    shown = page.get_by_text(re.compile(r"^\d+ passages? in this pair$"))
    count = int(shown.inner_text().split()[0])
    with page.expect_download() as info:
        page.locator(f".st-key-{session.REUSE_PAIR_PASSAGES}_csv button").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert len(rows) == count
    assert {r["target_outlet"] for r in rows} == {"Global Times"}
    assert all(" ".join(r["target_passage"].split()) in " ".join(marked.split())
               for r in rows)
    screenshot(page, "reuse-pair")
    assert page.outside_requests == []


MINSK_ARTICLES = {
    "belta.txt": "Belarusian President Alexander Lukashenko met Chinese Defence Minister Li "
                 "Shangfu in Minsk on Thursday. The two sides praised growing military ties "
                 "between Belarus and China and agreed to hold more joint exercises.",
    "tass.txt": "Chinese Defence Minister Li Shangfu arrived in Moscow for talks with Russian "
                "officials before flying on to Minsk. The visit was described as a success "
                "by both governments, who stressed their close partnership.",
}


def test_map_shows_minsk_when_a_corpus_names_it(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in MINSK_ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    with streamlit_server(cache=cache, corpus=corpus) as running:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_page(page, running.url, "map", "Map")
        assert {"Moscow", "Minsk"} <= map_labels(page)
        page.close()


def test_upload_builds_a_corpus_whose_outlets_show_on_the_tone_page(page, server):
    open_page(page, server, "", "Corpus")
    wire = ("text,media_name\n\"Chinese Defence Minister Li Shangfu flew from Moscow to Beijing "
            "after the talks, and officials said the visit had gone well for both of the "
            "governments involved in it.\",Xinhua\n")
    signed = {"belta.txt": "\n\n(BelTA)\n", "tass.txt": "\n\nSource: TASS\n"}
    files = [{"name": name, "mimeType": "text/plain", "buffer": (text + signed[name]).encode()}
             for name, text in MINSK_ARTICLES.items()]
    files.append({"name": "wire.csv", "mimeType": "text/csv", "buffer": wire.encode()})
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    wait_until_idle(page)
    page.get_by_role("button", name="Build my corpus").click()
    page.get_by_text("Corpus in use").wait_for(timeout=FIRST_BUILD_MS)
    wait_until_idle(page)
    assert errors_on(page) == []
    # within the same session: follow the sidebar link (a new URL would be a new session)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Tone").click()
    page.get_by_role("heading", name="Tone", exact=True).first.wait_for(timeout=60_000)
    wait_until_idle(page)
    with page.expect_download() as info:
        page.locator(f".st-key-{session.TONE_OUTLETS}_csv button").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert {r["outlet"] for r in rows} == {"BelTA", "TASS", "Xinhua"}
    screenshot(page, "tone-upload")
    assert page.outside_requests == []
