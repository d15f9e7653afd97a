"""Nothing leaves the machine: not when the server starts, not when a corpus string holds
Markdown that would make a browser fetch an address."""

from __future__ import annotations

import http.server
import socketserver
import threading
from typing import ClassVar

import pytest

from dashboard.local_server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    errors_on,
    free_port,
    open_page,
    streamlit_server,
    wait_until_idle,
)

sync_api = pytest.importorskip("playwright.sync_api")

# Imported by Python at the server's start (sitecustomize): any name lookup or TCP connection
# to a host that is not this machine is written down and refused.
NETWORK_GUARD = '''
import os
import socket

_LOG = os.environ["NETWORK_GUARD_LOG"]
_LOCAL = ("localhost", "127.", "::1", "0.0.0.0", "::")


def _local(host):
    return host is None or str(host) == "" or str(host).startswith(_LOCAL)


def _note(what):
    with open(_LOG, "a") as fh:
        fh.write(what + "\\n")


_getaddrinfo = socket.getaddrinfo


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _note(f"look up {host}")
        raise socket.gaierror(socket.EAI_NONAME, "refused by the test's network guard")
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = getaddrinfo
_connect = socket.socket.connect


def connect(self, address):
    if self.type == socket.SOCK_STREAM and isinstance(address, tuple) and not _local(address[0]):
        _note(f"connect {address}")
        raise OSError("refused by the test's network guard")
    return _connect(self, address)


socket.socket.connect = connect
'''


def test_the_server_starts_and_serves_without_a_request_outside(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD)
    log = tmp_path / "network.log"
    log.touch()
    env = {"PYTHONPATH": str(guard), "NETWORK_GUARD_LOG": str(log)}
    # the address and everything else as the README's `streamlit run app.py` leaves them
    with streamlit_server(cache=tmp_path / "cache", env=env, loopback_only=False,
                          timeout=300) as server, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        open_page(page, server.url.replace("127.0.0.1", "localhost"), "", "Corpus")
        assert errors_on(page) == []
        browser.close()
    assert log.read_text() == "", "the server tried to reach another machine"


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def bait():
    """A local web server that counts every request: the address the Markdown points at."""
    _Counting.hits = []
    port = free_port()
    with socketserver.TCPServer(("127.0.0.1", port), _Counting) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{port}", _Counting.hits
        server.shutdown()


def test_markdown_in_titles_outlets_and_urls_is_shown_as_text(bait, tmp_path):
    address, hits = bait
    title = f"![t]({address}/title.png) :red[Red] $x^2$ **bold**"
    outlet = f"![o]({address}/outlet.png) Outlet"
    url = f"![u]({address}/url.png)"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = ("Officials in Paris met envoys from Berlin on Monday. The talks on trade and "
            f"security went well, both sides said. ![a]({address}/text.png) "
            "A further meeting in Rome is planned for the spring.")
    (corpus / "a.txt").write_text(text)
    (corpus / "manifest.csv").write_text(
        "file,outlet,date,title,url\n"
        f"a.txt,\"{outlet}\",2024-03-01,\"{title}\",\"{url}\"\n")
    with streamlit_server(cache=tmp_path / "cache", corpus=corpus, timeout=300) as server, \
            sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for path, name in [("", "Corpus"), ("map", "Map"), ("entities", "Entities"),
                           ("tone", "Tone"), ("data", "Data")]:
            open_page(page, server.url, path, name)
            assert errors_on(page) == []
        # pick the outlet in the sidebar filter: the page header then names it
        outlets = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
        outlets.click()
        page.keyboard.type("Outlet")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        wait_until_idle(page)
        captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        assert any(outlet in c for c in captions if c.startswith("Showing") or "Showing" in c)
        page.locator('[data-testid="stSidebarNav"] a', has_text="Articles").click()
        page.get_by_role("heading", name="Articles", exact=True).first.wait_for()
        wait_until_idle(page)
        shown = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        assert title in shown and outlet in shown
        assert page.locator("a[href^='javascript:'], img[src*='127.0.0.1']").count() == 0
        browser.close()
    assert hits == [], "a corpus string made the browser fetch an address"
