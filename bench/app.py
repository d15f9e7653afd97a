"""App benchmark: cold start to first page, then every page's rerun and filter change, server RSS.

    python bench/app.py                          # the default corpus
    python bench/app.py --corpus PATH            # another corpus (built first if needed)
    python bench/app.py --store DIR              # an existing store, e.g. of 37,554 articles
    python bench/app.py --store DIR --before DIR2   # and another checkout, side by side

A real `streamlit run` server and Debian chromium (as in the browser tests). The pages are the
ones app.py registers (its PAGES), so a new page is measured without touching this file.
"Cold start" is from launching the server to the first page's tables drawn, with the store
already built (the build itself is timed by `python -m analysis build`; `--cold-build` also
times a start that must build it). A page "rerun" is Streamlit's rerun of the page script with
the same inputs (the `r` key), from the key press to the server's `script_finished` message; a
"filter change" types an outlet's name into the sidebar's outlet filter and picks it (as a
user does among 491 outlets), so the page computes its views anew. The outlets added are the
largest known ones, so the views that remain are the heaviest a filter leaves. A page of tabs
that compute only when open (dashboard.widgets.lazy_tabs) is measured once per tab, each tab
opened in a new session and reported as "Page / tab".

`--before DIR` measures another checkout of the app (e.g. `git archive main | tar -x -C DIR`)
in the same run, then this one, and prints the ratios: on a shared machine only figures taken
side by side compare.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from app_timing import (
    ScriptRuns,
    largest_outlets,
    peak_rss_mb,
    registered_pages,
    reset_peak_rss,
    rss_mb,
    wait_idle,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from dashboard.local_server import CHROMIUM, CHROMIUM_ARGS, REPO, streamlit_server
from dashboard.session import SIDEBAR_OUTLETS

RERUNS = 5  # the first reruns of a new session are the slowest: a median of 5 shows both
FILTER_CHANGES = 3
VIEWPORT = {"width": 1400, "height": 1000}


def open_page(browser, url: str, path: str, title: str):
    page = browser.new_page(viewport=VIEWPORT)
    runs = ScriptRuns(page)
    page.goto(f"{url}/{path}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=600_000)
    runs.wait_for_run(page, 0, timeout_s=600)  # the page's whole first run, not its heading
    wait_idle(page)
    return page, runs


def first_page_seconds(browser, url: str, started: float, title: str) -> float:
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(url)
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=600_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=600_000)
    wait_idle(page)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def rerun_seconds(page, runs: ScriptRuns) -> float:
    """Median of RERUNS reruns of the open page with the same inputs."""
    times = []
    for _ in range(3 * RERUNS):
        if len(times) == RERUNS:
            break
        seen = len(runs.finished)
        started = time.perf_counter()
        page.keyboard.press("r")  # Streamlit's rerun shortcut: the same script run again
        try:
            times.append(runs.wait_for_run(page, seen, timeout_s=30) - started)
        except TimeoutError:  # the key press fell between runs and was dropped: press again
            continue
        wait_idle(page)
    if len(times) < RERUNS:
        raise TimeoutError("the page did not rerun on the r key")
    return statistics.median(times)


def filter_change_seconds(page, runs: ScriptRuns, outlets: list[str]) -> float:
    """Median time from picking an outlet in the sidebar filter to the page's run finished."""
    box = page.locator(f".st-key-{SIDEBAR_OUTLETS} input[role=combobox]")
    times = []
    for name in outlets:
        box.click()
        box.fill(name)  # typed: a long list need not open in time
        option = page.get_by_role("option", name=name, exact=True)
        option.wait_for(timeout=30_000)
        seen = len(runs.finished)
        started = time.perf_counter()
        option.click()
        times.append(runs.wait_for_run(page, seen, timeout_s=300) - started)
        page.keyboard.press("Escape")
        wait_idle(page)
    return statistics.median(times)


def measure(repo: Path, *, corpus: Path | None, store: Path | None, cache: Path,
            cold_only: bool = False, only: list[str] | None = None) -> dict:
    """Figures of one checkout: cold start, then per page (first render, rerun, filter change,
    RSS after it), then the server's peak RSS."""
    pages = registered_pages(repo)
    measured = [(path, title) for path, title in pages if not only or title in only]
    figures: dict = {"pages": {}}
    print(f"\n== {repo} serving {store or corpus or 'the default corpus'}", flush=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        server = {"cache": cache, "corpus": corpus, "store": store, "repo": repo}
        # warm-up start: builds the store when it is not there yet, fills the OS file cache
        with streamlit_server(**server, timeout=900) as run:
            first_page_seconds(browser, run.url, time.perf_counter(), pages[0][1])
        served = store or next((cache / "stores").glob("*/manifest.json")).parent
        outlets = largest_outlets(served, FILTER_CHANGES)
        started = time.perf_counter()
        with streamlit_server(**server) as run:
            figures["cold"] = first_page_seconds(browser, run.url, started, pages[0][1])
            figures["rss_start"] = rss_mb(run.pid)
            print(f"cold server to first page: {figures['cold']:.2f} s, "
                  f"RSS {figures['rss_start']:,.0f} MB", flush=True)
            if not cold_only:
                print(f"{'page':<32} {'first render s':>15} {'rerun s':>8} "
                      f"{'filter change s':>16} {'RSS MB':>7} {'peak MB':>8}")
            peaks = [peak_rss_mb(run.pid)]
            for path, title in [] if cold_only else measured:
                rows = measure_page(browser, run, path, title, outlets)
                figures["pages"].update(rows)
                for name, row in rows.items():
                    peaks.append(row["peak"])
                    print(f"{name:<32} {row['first']:>15.2f} {row['rerun']:>8.2f} "
                          f"{row['change']:>16.2f} {row['rss']:>7,.0f} {row['peak']:>8,.0f}",
                          flush=True)
            figures["peak_rss"] = max(peaks)
            print(f"peak server RSS: {figures['peak_rss']:,.0f} MB", flush=True)
        browser.close()
    return figures


def page_tabs(page) -> list[str]:
    """The labels of the page's tabs (widgets.lazy_tabs computes only the open one)."""
    return [label.strip() for label in
            page.locator('[data-testid="stMain"] [role="tab"]').all_inner_texts()]


def measure_page(browser, run, path: str, title: str, outlets: list[str]) -> dict:
    """The page's figures, then (a page of lazy tabs) each other tab's, opened in a new
    session: `{title: row, "title / tab": row, ...}`."""
    reset_peak_rss(run.pid)
    started = time.perf_counter()
    page, runs = open_page(browser, run.url, path, title)
    tabs = page_tabs(page)
    rows = {title: measure_open(page, runs, title, outlets, started) | memory(run.pid)}
    for tab in tabs[1:]:
        reset_peak_rss(run.pid)
        started = time.perf_counter()
        page, runs = open_page(browser, run.url, path, title)
        seen = len(runs.finished)
        page.get_by_role("tab", name=tab, exact=True).click()
        runs.wait_for_run(page, seen, timeout_s=600)
        wait_idle(page)
        rows[f"{title} / {tab}"] = measure_open(page, runs, title, outlets, started) | memory(
            run.pid)
    return rows


def memory(pid: int) -> dict:
    """The server's RSS now and its peak since the page (or tab) was opened."""
    return {"rss": rss_mb(pid), "peak": peak_rss_mb(pid)}


def measure_open(page, runs: ScriptRuns, title: str, outlets: list[str],
                 started: float) -> dict:
    """First render (since `started`), rerun and filter change of the open page; closes it."""
    row = {"first": time.perf_counter() - started}
    for figure, measured in (("rerun", lambda: rerun_seconds(page, runs)),
                             ("change", lambda: filter_change_seconds(page, runs, outlets))):
        try:
            row[figure] = measured()
        except (TimeoutError, PlaywrightError) as err:  # say so and go on to the next page
            print(f"{title}: {figure} failed: {type(err).__name__}: {err}".splitlines()[0])
            row[figure] = float("nan")
    page.close()
    return row


def print_ratios(before: dict, after: dict) -> None:
    """after / before of every figure both runs have (below 1: the change made it faster)."""
    print("\n== after / before (same run, same machine load)")
    print(f"cold start {after['cold'] / before['cold']:.2f}   "
          f"peak RSS {after['peak_rss'] / before['peak_rss']:.2f}")
    if after["pages"]:
        print(f"{'page':<32} {'first render':>13} {'rerun':>7} {'filter change':>14}")
    for title, row in after["pages"].items():
        old = before["pages"].get(title)
        if old is None:
            print(f"{title:<32} {'(new page)':>13}")
            continue
        ratios = [row[k] / old[k] if old[k] else float("nan") for k in ("first", "rerun", "change")]
        print(f"{title:<32} {ratios[0]:>13.2f} {ratios[1]:>7.2f} {ratios[2]:>14.2f}")


def cold_build(*, corpus: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        with streamlit_server(cache=Path(tmp), corpus=corpus, timeout=900) as run:
            seconds = first_page_seconds(browser, run.url, started,
                                         registered_pages(REPO)[0][1])
            print(f"\ncold server with no store and no caches to first page: {seconds:6.2f} s "
                  f"(peak server RSS {peak_rss_mb(run.pid):,.0f} MB)")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="corpus to serve (default: data/corpus)")
    parser.add_argument("--store", type=Path, help="an existing store folder to serve")
    parser.add_argument("--before", type=Path,
                        help="another checkout of the app, measured first in the same run")
    parser.add_argument("--cold-only", action="store_true",
                        help="only the cold start, no page visits")
    parser.add_argument("--pages", nargs="+", metavar="TITLE",
                        help="measure only these pages (by title, e.g. Compare Map)")
    parser.add_argument("--cold-build", action="store_true",
                        help="also time a first start that must build the store")
    args = parser.parse_args()
    options = {"corpus": args.corpus, "store": args.store, "cold_only": args.cold_only,
               "only": args.pages}
    before = None
    if args.before:
        with tempfile.TemporaryDirectory() as tmp:
            before = measure(args.before.resolve(), **options, cache=Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        after = measure(REPO, **options, cache=Path(tmp))
    if before is not None:
        print_ratios(before, after)
    if args.cold_build:
        cold_build(corpus=args.corpus)


if __name__ == "__main__":
    main()
