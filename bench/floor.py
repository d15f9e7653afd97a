"""The floor of a cold start: what Streamlit and the browser take before any of the app's work.

Starts, in turns, a bare page (a title and a three-row table), the same page with one plotly
bar chart, and the app (on the default corpus, or `--store DIR`), each measured the way
`bench/app.py` measures a cold start: from launching `streamlit run` to the heading and the
first table drawn in a new page of Debian chromium, the script's run finished.

    python bench/floor.py [--runs 3] [--store DIR]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from app import first_page_seconds
from dashboard.local_server import CHROMIUM, CHROMIUM_ARGS, REPO, streamlit_server

TITLE = "Corpus"  # the app's first page; the bare pages carry the same heading
BARE = f"""import streamlit as st
st.set_page_config(layout="wide")
st.title("{TITLE}")
st.dataframe({{"outlet": ["a", "b", "c"], "articles": [1, 2, 3]}})
"""
WITH_CHART = f"""import plotly.graph_objects as go
import streamlit as st
st.set_page_config(layout="wide")
st.title("{TITLE}")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 2, 3])))
st.dataframe({{"outlet": ["a", "b", "c"], "articles": [1, 2, 3]}})
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", type=Path, help="a store for the app (default: the default "
                        "corpus's, built by the warm-up start when it is not there yet)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        bare, chart = scratch / "bare", scratch / "chart"
        for folder, script in ((bare, BARE), (chart, WITH_CHART)):
            folder.mkdir()
            (folder / "app.py").write_text(script)
        checkouts = {"bare page": bare, "bare page + plotly chart": chart, "the app": REPO}
        cache = scratch / "cache" if args.store else REPO / ".cache" / "coverage-lens"
        seconds: dict[str, list[float]] = {name: [] for name in checkouts}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for folder in checkouts.values():  # warm-up: builds the store, fills the file cache
                with streamlit_server(cache=cache, repo=folder, store=args.store,
                                      timeout=900) as run:
                    first_page_seconds(browser, run.url, time.perf_counter(), TITLE)
            for _ in range(args.runs):
                for name, folder in checkouts.items():
                    started = time.perf_counter()
                    with streamlit_server(cache=cache, repo=folder, store=args.store) as run:
                        seconds[name].append(first_page_seconds(browser, run.url, started,
                                                                TITLE))
    for name, runs in seconds.items():
        print(f"{name:<26} cold start median {statistics.median(runs):5.2f} s   runs "
              + " ".join(f"{s:.2f}" for s in runs))
    app, bare = statistics.median(seconds["the app"]), statistics.median(seconds["bare page"])
    print(f"the app / bare page: {app / bare:.2f}")


if __name__ == "__main__":
    main()
