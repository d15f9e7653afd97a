"""Many visitors on one server: SESSIONS concurrent sessions that speak Streamlit's websocket
protocol (no browsers: on 2 cores, 20 headless browsers would mostly measure themselves), each
visiting every page of app.py PAGES and changing the outlet filter for a bounded time, pausing
about --think seconds between runs as a reader would.

    python bench/concurrency.py --store DIR                 # e.g. the 5,129-article store
    python bench/concurrency.py --sessions 20 --seconds 120 --think 1
    python bench/concurrency.py --store DIR --repo ../main-copy   # another checkout's app

Each session connects to /_stcore/stream as the browser does, asks for a script run
(`rerun_script`, with the page and the widget states a browser would send) and times it until
the server's `script_finished`. A run that shows an exception (or an error box) counts as an
error. Printed: p50/p95/max run time over all runs and per page, errors, and the server's RSS
sampled every second.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from app_timing import largest_outlets, registered_pages, rss_mb
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.local_server import REPO, streamlit_server

OUTLETS_LABEL = "Outlets"  # the sidebar's outlet filter (widgets.sidebar)


@dataclass
class Run:
    page: str
    kind: str  # "open" (first visit of the page in the session) or "filter"
    seconds: float
    error: str = ""


@dataclass
class Session:
    """One visitor: its websocket, and what the server told it about widgets."""

    ws: websockets.ClientConnection
    outlet_widget: str = ""
    errors: list[str] = field(default_factory=list)

    async def run(self, page: str, outlets: list[str], title: str = "") -> tuple[float, str]:
        back = BackMsg()
        state = back.rerun_script
        state.page_name = page
        if outlets and self.outlet_widget:
            widget = state.widget_states.widgets.add()
            widget.id = self.outlet_widget
            widget.string_array_value.data.extend(outlets)
        started = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        error = ""
        shown_title = not title
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                shown = element.WhichOneof("type")
                if shown == "multiselect" and element.multiselect.label == OUTLETS_LABEL:
                    self.outlet_widget = element.multiselect.id
                elif shown == "exception":
                    error = error or f"{element.exception.type}: {element.exception.message}"
                elif shown == "alert" and element.alert.format == element.alert.ERROR:
                    error = error or element.alert.body[:200]
                elif shown == "heading" and element.heading.body == title:
                    shown_title = True
            elif (kind == "script_finished"
                  and msg.script_finished != msg.FINISHED_EARLY_FOR_RERUN):
                if not shown_title:
                    error = error or f"the page {title!r} was not shown"
                return time.perf_counter() - started, error


async def visitor(url: str, pages: list[tuple[str, str]], outlets: list[str],
                  deadline: float, seed: int, runs: list[Run], think: float) -> None:
    rng = random.Random(seed)
    order = pages[seed % len(pages):] + pages[:seed % len(pages)]  # not all on one page at once
    async with websockets.connect(f"{url.replace('http', 'ws')}/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None,
                                  open_timeout=60, ping_interval=None) as ws:
        session = Session(ws)
        while time.perf_counter() < deadline:
            for path, title in order:
                if time.perf_counter() >= deadline:
                    return
                seconds, error = await session.run(path, [], title)
                runs.append(Run(title, "open", seconds, error))
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))  # reading the page
                chosen = rng.sample(outlets, k=rng.randint(1, min(3, len(outlets))))
                seconds, error = await session.run(path, chosen, title)
                runs.append(Run(title, "filter", seconds, error))
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))


async def warm_up(url: str) -> None:
    """One run of the first page: builds (or opens) the store, so the sessions meet a ready
    server, as a shared link's visitors would after its first one."""
    async with websockets.connect(f"{url.replace('http', 'ws')}/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None) as ws:
        await Session(ws).run("", [])


async def sample_rss(pid: int, deadline: float, every: float, samples: list) -> None:
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        samples.append((time.perf_counter() - started, rss_mb(pid)))
        await asyncio.sleep(every)


def quantiles(values: list[float]) -> str:
    if not values:
        return "no runs"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"n={len(values):4d}  p50 {statistics.median(ordered):6.2f} s  p95 {p95:6.2f} s  "
            f"max {ordered[-1]:6.2f} s")


async def drive(url: str, pid: int, *, sessions: int, seconds: float, outlets: list[str],
                think: float, repo: Path = REPO) -> None:
    pages = registered_pages(repo)
    runs: list[Run] = []
    samples: list[tuple[float, float]] = []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    results = await asyncio.gather(
        sample_rss(pid, deadline + 5, 1.0, samples),
        *(visitor(url, pages, outlets, deadline, seed, runs, think) for seed in range(sessions)),
        return_exceptions=True)
    wall = time.perf_counter() - started
    failed = [r for r in results if isinstance(r, BaseException)]
    errors = [run for run in runs if run.error]
    print(f"{sessions} sessions, {wall:.0f} s, {len(runs)} script runs "
          f"({len(runs) / wall:.1f} per second), {len(errors)} runs with an error shown, "
          f"{len(failed)} sessions broken off")
    for err in failed[:3]:
        print(f"  session error: {type(err).__name__}: {err}")
    for run in errors[:3]:
        print(f"  {run.page} ({run.kind}): {run.error}")
    print(f"all runs:        {quantiles([r.seconds for r in runs])}")
    for kind in ("open", "filter"):
        print(f"{kind + ' runs:':<16} {quantiles([r.seconds for r in runs if r.kind == kind])}")
    for _, title in pages:
        print(f"  {title:<14} {quantiles([r.seconds for r in runs if r.page == title])}")
    step = max(1, len(samples) // 12)
    print("server RSS (s: MB): " + ", ".join(f"{t:.0f}: {mb:,.0f}" for t, mb in samples[::step]))
    print(f"server RSS peak sampled: {max(mb for _, mb in samples):,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="an existing store folder to serve")
    parser.add_argument("--corpus", type=Path, help="corpus to serve (default: data/corpus)")
    parser.add_argument("--cache", type=Path, help="cache root (default: a temporary folder)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120, help="how long sessions run")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a session's runs, s (0: back to back)")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="serve another checkout's app (for before and after figures)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        with streamlit_server(cache=cache, corpus=args.corpus, store=args.store,
                              timeout=900, repo=args.repo.resolve()) as server:
            asyncio.run(warm_up(server.url))
            served = args.store or next((cache / "stores").glob("*/articles.parquet")).parent
            print(f"\n== {args.sessions} sessions on {served}, served by {args.repo}")
            asyncio.run(drive(server.url, server.pid, sessions=args.sessions,
                              seconds=args.seconds, outlets=largest_outlets(served, 20),
                              think=args.think, repo=args.repo.resolve()))


if __name__ == "__main__":
    main()
