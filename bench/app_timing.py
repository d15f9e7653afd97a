"""What the app benchmarks (app.py, concurrency.py) share: the pages a checkout registers, the
outlets a user would pick, the server's memory, and finished script runs seen by a browser."""

from __future__ import annotations

import ast
import contextlib
import time
from pathlib import Path

import pyarrow.parquet as pq
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


def registered_pages(repo: Path) -> list[tuple[str, str]]:
    """(url path, title) of every page the checkout registers (PAGES, in
    dashboard/navigation.py or, in older checkouts, app.py), the default first, read without
    importing it: the checkout measured may not be the one running."""
    listed = repo / "dashboard" / "navigation.py"
    tree = ast.parse((listed if listed.exists() else repo / "app.py").read_text())
    pages = next(ast.literal_eval(node.value) for node in tree.body
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES")
    # st.navigation serves the default page at "/" and the others at their file's stem
    return [("" if i == 0 else Path(path).stem, title)
            for i, (path, title, *_) in enumerate(pages)]


def largest_outlets(store: Path, n: int) -> list[str]:
    """The `n` known outlets with the most articles in the store: what a user types first."""
    frame = pq.read_table(store / "articles.parquet", columns=["outlet", "outlet_from"]).to_pandas()
    known = frame[frame["outlet_from"].astype(str) != "unknown"]
    return [str(name) for name in known["outlet"].value_counts().index[:n]]


def _status_kb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return float(line.split()[1])
    return float("nan")


def peak_rss_mb(pid: int) -> float:
    """The server's peak resident memory (VmHWM), as the kernel counts it."""
    return _status_kb(pid, "VmHWM") / 1024


def reset_peak_rss(pid: int) -> None:
    """Start the server's VmHWM again from its RSS now (Linux: `5` to clear_refs), so the next
    peak read is the peak of what ran since."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def rss_mb(pid: int) -> float:
    """The server's resident memory now (VmRSS)."""
    return _status_kb(pid, "VmRSS") / 1024


def wait_idle(page, timeout_ms: int = 600_000) -> None:
    page.wait_for_timeout(100)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout_ms)


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
