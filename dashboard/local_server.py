"""The app on a local port (a real `streamlit run` server), and the headless Debian chromium
that the browser tests, the benchmarks and the screenshot command drive against it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Without the networking flags chromium calls home, which this offline machine refuses.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = REPO / "artifacts" / "screenshots"  # ignored by git


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


@contextmanager
def streamlit_server(*, cache: Path, corpus: Path | None = None, store: Path | None = None,
                     timeout: float = 120, env: dict[str, str] | None = None,
                     loopback_only: bool = True, repo: Path = REPO) -> Iterator[Server]:
    """Start `streamlit run app.py` on a free port; stop it on exit. `env` adds to the server's
    environment; `loopback_only=False` leaves the address to the app's config, as
    `streamlit run app.py` does. `repo`: another checkout of the app to serve (benchmarks
    compare two), its own code first on the path."""
    port = free_port()
    env = {**os.environ, **(env or {}), "COVERAGE_LENS_CACHE": str(cache)}
    if repo != REPO:
        env["PYTHONPATH"] = str(repo)
    if corpus is not None:
        env["COVERAGE_LENS_CORPUS"] = str(corpus)
    if store is not None:
        env["COVERAGE_LENS_STORE"] = str(store)
    cache.mkdir(parents=True, exist_ok=True)
    log = (cache / f"streamlit-{port}.log").open("w")
    address = ["--server.address", "127.0.0.1"] if loopback_only else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), *address, "--browser.gatherUsageStats", "false"],
        cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# -- driving a page (a Playwright page object) --------------------------------------------------

def open_page(page, base: str, path: str, title: str, *, timeout_ms: int = 180_000) -> None:
    """Go to a page of the app and wait until its script run has finished."""
    page.goto(f"{base}/{path}")
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=timeout_ms)
    wait_until_idle(page)


def pick_option(page, key: str, name: str, *, attempts: int = 3) -> None:
    """Choose `name` in the selectbox or multiselect of widget `key`: typed into its box, so a
    long (virtualised) list shows it, and tried again if a rerun closed the list meanwhile."""
    box = page.locator(f".st-key-{key} input[role=combobox]")
    option = page.get_by_role("option", name=name, exact=True)
    for attempt in range(attempts):
        box.click()
        box.fill(name)
        try:
            option.click(timeout=10_000)
            return
        except Exception:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            wait_until_idle(page)


def wait_until_idle(page) -> None:
    """Until Streamlit's script run has finished (its running indicator is gone)."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
    page.wait_for_timeout(500)


def errors_on(page) -> list[str]:
    shown = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [shown.nth(i).inner_text() for i in range(shown.count())]


def wait_for_charts(page) -> None:
    """Until every plotly chart on the page has drawn its SVG (plotly.js loads lazily).

    Charts in a tab that is not open stay hidden, so wait for the SVG to exist, not to show.
    """
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(500)


def screenshot(page, path: Path) -> Path:
    """The whole page, charts drawn, as a PNG at `path`.

    Streamlit scrolls inside its own main container, not the document, so a full-page shot of
    the document is only the viewport: the viewport grows to the container's height instead.
    """
    wait_for_charts(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    shown = viewport["height"] if viewport else 0
    for _ in range(4):  # a taller viewport draws more (tables, lazy charts): grow till it fits
        height = min(int(page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
            "[data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]')]"
            ".map(e => e.scrollHeight), 0)")), 12_000)
        if not viewport or height <= shown:
            break
        shown = height
        page.set_viewport_size({"width": viewport["width"], "height": shown})
        wait_for_charts(page)
    page.screenshot(path=str(path), full_page=True)
    if viewport:
        page.set_viewport_size(viewport)
    return path
