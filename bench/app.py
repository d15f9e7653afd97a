"""App benchmark: cold start to first page, rerun time of every page, peak server RSS.

    python bench/app.py                          # the default corpus
    python bench/app.py --corpus PATH            # another corpus (built first if needed)
    python bench/app.py --store DIR              # an existing store, e.g. of 5,129 articles

A real `streamlit run` server and Debian chromium (as in the browser tests). "Cold start" is
from launching the server to the first page's tables drawn, with the store already built
(the build itself is timed by `python -m analysis build`); `--cold-build` also times a start
that must build the store. A page "rerun" is Streamlit's rerun of the page script with the same
inputs (the `r` key), from the key press to the server's `script_finished` message; a "filter
change" adds an outlet to the sidebar filter, so the page computes its views anew.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.local_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

PAGES = [("", "Corpus"), ("map", "Map"), ("entities", "Entities"), ("tone", "Tone"),
         ("articles", "Articles"), ("data", "Data")]
RERUNS = 5  # the first reruns of a new session are the slowest: a median of 5 shows both
FILTER_CHANGES = 3  # the default corpus has three outlets to add


def peak_rss_mb(pid: int) -> float:
    """The server's peak resident memory (VmHWM), as the kernel counts it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_idle(page, timeout_ms: int = 600_000) -> None:
    page.wait_for_timeout(100)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout_ms)


def first_page_seconds(browser, url: str, started: float) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.get_by_role("heading", name="Corpus", exact=True).first.wait_for(timeout=600_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=600_000)
    wait_idle(page)
    seconds = time.perf_counter() - started
    page.close()
    return seconds


class ScriptRuns:
    """Times at which the server reports a finished script run (its `script_finished` message)."""

    def __init__(self, page) -> None:
        self.finished: list[float] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._on_frame))

    def _on_frame(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg()
        with contextlib.suppress(Exception):
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "script_finished":
                self.finished.append(time.perf_counter())

    def wait_for_run(self, page, after: int, timeout_s: float = 120) -> float:
        deadline = time.perf_counter() + timeout_s
        while len(self.finished) <= after:
            if time.perf_counter() > deadline:
                raise TimeoutError("no script run finished")
            page.wait_for_timeout(10)
        return self.finished[after]


def rerun_seconds(browser, url: str, path: str, title: str) -> tuple[float, float]:
    """(first render of the page in a new session, median of RERUNS reruns)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    runs = ScriptRuns(page)
    started = time.perf_counter()
    page.goto(f"{url}/{path}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=600_000)
    wait_idle(page)
    first = time.perf_counter() - started
    times = []
    for _ in range(3 * RERUNS):
        if len(times) == RERUNS:
            break
        seen = len(runs.finished)
        started = time.perf_counter()
        page.keyboard.press("r")  # Streamlit's rerun shortcut: the same script run again
        try:
            times.append(runs.wait_for_run(page, seen, timeout_s=20) - started)
        except TimeoutError:  # the key press fell between runs and was dropped: press again
            continue
        wait_idle(page)
    page.close()
    if len(times) < RERUNS:
        raise TimeoutError(f"{title}: the page did not rerun on the r key")
    return first, sorted(times)[len(times) // 2]


def filter_change_seconds(browser, url: str, path: str, title: str) -> float:
    """Median time of FILTER_CHANGES filter changes: each adds an outlet to the sidebar filter, so
    every run meets filters it has not seen and computes its views and figures anew."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    runs = ScriptRuns(page)
    page.goto(f"{url}/{path}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=600_000)
    wait_idle(page)
    outlets = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    times = []
    for _ in range(FILTER_CHANGES):
        outlets.click()
        # a chosen outlet leaves the list; "Select all" would leave nothing to add
        option = page.locator('[role="option"]').filter(has_not_text="Select all").first
        option.wait_for(timeout=30_000)
        seen = len(runs.finished)
        started = time.perf_counter()
        option.click()
        times.append(runs.wait_for_run(page, seen) - started)
        page.keyboard.press("Escape")
        wait_idle(page)
    page.close()
    return sorted(times)[len(times) // 2]


def measure(*, corpus: Path | None, store: Path | None, cache: Path, label: str) -> None:
    print(f"\n== {label}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # warm-up start: builds the store when it is not there yet (not timed here)
        with streamlit_server(cache=cache, corpus=corpus, store=store, timeout=600) as run:
            first_page_seconds(browser, run.url, time.perf_counter())
        started = time.perf_counter()
        with streamlit_server(cache=cache, corpus=corpus, store=store) as run:
            cold = first_page_seconds(browser, run.url, started)
            print(f"cold server to first page (store built): {cold:6.2f} s")
            print(f"{'page':<10} {'first render s':>15} {'rerun s (median)':>17} "
                  f"{'filter change s (median)':>25}")
            for path, title in PAGES:
                first, rerun = rerun_seconds(browser, run.url, path, title)
                try:
                    change = f"{filter_change_seconds(browser, run.url, path, title):.2f}"
                except (TimeoutError, PlaywrightTimeout) as err:  # no outlet list: say so, go on
                    change = f"n/a ({type(err).__name__})"
                print(f"{title:<10} {first:>15.2f} {rerun:>17.2f} {change:>25}")
            print(f"peak server RSS: {peak_rss_mb(run.pid):,.0f} MB")
        browser.close()


def cold_build(*, corpus: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        with streamlit_server(cache=Path(tmp), corpus=corpus, timeout=600) as run:
            seconds = first_page_seconds(browser, run.url, started)
            print(f"\ncold server with no store and no caches to first page: {seconds:6.2f} s "
                  f"(peak server RSS {peak_rss_mb(run.pid):,.0f} MB)")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="corpus to serve (default: data/corpus)")
    parser.add_argument("--store", type=Path, help="an existing store folder to serve")
    parser.add_argument("--cache", type=Path, help="cache root (default: a temporary folder)")
    parser.add_argument("--cold-build", action="store_true",
                        help="also time a first start that must build the store")
    args = parser.parse_args()
    label = str(args.store or args.corpus or "default corpus (data/corpus)")
    with tempfile.TemporaryDirectory() as tmp:
        measure(corpus=args.corpus, store=args.store, cache=args.cache or Path(tmp), label=label)
    if args.cold_build:
        cold_build(corpus=args.corpus)


if __name__ == "__main__":
    main()
