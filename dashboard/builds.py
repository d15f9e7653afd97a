"""The store the app reads: where it lives, and building it with visible progress.

By default the app builds the corpus (`data/corpus`, or `$COVERAGE_LENS_CORPUS`) into a store
of its own under the cache root and keeps it current. `$COVERAGE_LENS_STORE` opens a store built
with the command line instead: as it is, read-only, never rebuilt for another corpus (the store
records the corpus it came from); "Rebuild" rebuilds it from that corpus when it can be written.

The build runs in a background thread, not in the script run that asked for it. A researcher
who clicks a page or a filter during a long first build interrupts only the progress display;
the build goes on, and the next run (in any session) follows the same build to its end.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from analysis.settings import DEFAULT_CORPUS, cache_root
from analysis.tables import TABLE_NAMES, StoreError, read_manifest
from analysis.tables.store import MANIFEST, table_path

if TYPE_CHECKING:  # the build pipeline is imported when a store is checked or built: a store
    # given as it is ($COVERAGE_LENS_STORE) opens without it
    from analysis.build import BuildResult, Resources

STORE_ENV = "COVERAGE_LENS_STORE"  # an exact store folder
CORPUS_ENV = "COVERAGE_LENS_CORPUS"  # another corpus than data/corpus

STAGES = {
    "import": "Reading the uploaded files",
    "annotate": "Finding sentences and names (spaCy)",
    "tone": "Scoring sentence tone (VADER)",
    "entities": "Merging the spellings of each entity",
    "places": "Placing the places on the map",
    "sources": "Finding who is quoted and cited",
    "save": "Saving the store",
}
# spaCy is most of a build: it fills the bar up to 85%, the quick steps after it the rest
STAGE_SPAN = {"annotate": (0.0, 0.85), "tone": (0.85, 0.9), "places": (0.9, 0.93),
              "entities": (0.93, 0.95), "sources": (0.95, 0.97), "save": (0.97, 1.0)}


def corpus_source() -> Path:
    env = os.environ.get(CORPUS_ENV)
    return Path(env).expanduser() if env else DEFAULT_CORPUS


def store_dir(source: Path) -> Path:
    """The app's own store of `source`: never inside data/, one folder per corpus."""
    if Path(source).resolve() == DEFAULT_CORPUS.resolve():
        return cache_root() / "stores" / "default"
    digest = hashlib.sha256(str(Path(source).resolve()).encode()).hexdigest()[:12]
    return cache_root() / "stores" / f"{Path(source).name}-{digest}"


def display_source(source: str) -> str:
    """The corpus path as the researcher knows it: relative to the repository when inside."""
    path = Path(source).resolve()
    try:
        return str(path.relative_to(DEFAULT_CORPUS.parents[1]))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class StoreRef:
    """A built store; `version` changes with every build, so caches keyed on it stay true."""

    source: str
    path: str
    version: str


class BuildCancelled(Exception):
    """Raised inside a build whose researcher pressed Cancel."""


class StoreUnavailable(Exception):
    """The store cannot be opened; the message says why, `rebuild` whether Rebuild may help."""

    def __init__(self, message: str, *, rebuild: bool) -> None:
        super().__init__(message)
        self.rebuild = rebuild


@dataclass
class BuildJob:
    """One build in its thread; `stage`, `done`, `total` are its latest progress report."""

    started: bool = False  # True once build_store reports work (a cache hit never does)
    stage: str = ""
    done: int = 0
    total: int = 0
    result: BuildResult | None = None
    error: BaseException | None = None
    finished: threading.Event = field(default_factory=threading.Event)
    cancelled: threading.Event = field(default_factory=threading.Event)
    notes: dict = field(default_factory=dict)  # what a build leaves besides its result

    def report(self, stage: str, done: int, total: int) -> None:
        # the build calls this often: the one place it can stop cleanly when asked to
        if self.cancelled.is_set():
            raise BuildCancelled("the build was cancelled")
        self.stage, self.done, self.total, self.started = stage, done, total, True

    @property
    def fraction(self) -> float:
        start, end = STAGE_SPAN.get(self.stage, (0.0, 1.0))
        return min(max(start + (end - start) * (self.done / self.total if self.total else 0.0),
                       0.0), 1.0)

    @property
    def text(self) -> str:
        label = STAGES.get(self.stage, self.stage or "Starting")
        if self.total > 1:
            return f"{label}: {self.done:,} of {self.total:,} articles"
        return f"{label}…"


@dataclass
class _Builds:
    """This server's stores: the ones checked, and the builds under way (one per store)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    checked: dict[str, StoreRef] = field(default_factory=dict)
    running: dict[str, BuildJob] = field(default_factory=dict)


@st.cache_resource(show_spinner=False)
def _builds() -> _Builds:
    return _Builds()


@st.cache_resource(show_spinner=False)
def resources() -> Resources:
    """spaCy, the tone scorers and the gazetteer: loaded at most once per server, each only
    when a build needs it."""
    from analysis.build import Resources

    return Resources()


def _start(builds: _Builds, key: str, source: Path,
           run: Callable[[BuildJob], BuildResult]) -> BuildJob:
    """The build of `key` under way, or a new one started in a daemon thread."""
    with builds.lock:
        job = builds.running.get(key)
        if job is not None:
            return job
        job = builds.running[key] = BuildJob()

    def work() -> None:
        try:
            job.result = run(job)
        except BaseException as err:  # handed to the script run that waits for it
            job.error = err
        finally:
            with builds.lock:
                builds.running.pop(key, None)
                if job.result is not None:
                    manifest = job.result.manifest
                    builds.checked[key] = StoreRef(
                        str(source), key,
                        f"{manifest.get('corpus_fingerprint')}@{manifest.get('built_at')}")
            job.finished.set()

    threading.Thread(target=work, name=f"build {key}", daemon=True).start()
    return job


def _follow(job: BuildJob, label: str = "Building the store: first start only…") -> None:
    """Show the job's progress in this run until it ends (a cache hit shows nothing)."""
    status = bar = None
    # reading the corpus to compare it with the store; a spinner only shows if that is slow
    with st.spinner("Reading the corpus…"):
        while not job.started and not job.finished.wait(0.1):
            pass
    if job.started:  # a build, not a cache hit
        status = st.status(label, expanded=True)
        bar = status.progress(job.fraction, text=job.text)
    while not job.finished.wait(0.25):
        if bar is not None:
            bar.progress(job.fraction, text=job.text)
    if job.error is not None:
        if status is not None:
            cancelled = isinstance(job.error, BuildCancelled)
            status.update(label="The build was cancelled" if cancelled else "The build failed",
                          state="error")
        raise job.error
    if status is not None and job.result is not None:
        manifest = job.result.manifest
        status.update(label=f"Store built: {manifest.get('rows', {}).get('articles', 0):,} "
                            f"articles in {manifest.get('seconds', 0):.1f} s",
                      state="complete", expanded=False)


def open_store(*, force: bool = False) -> StoreRef:
    """The current store of the corpus in use, built (with visible progress) when needed."""
    given = os.environ.get(STORE_ENV)
    if given:
        return _open_given_store(Path(given).expanduser(), force=force)
    source = corpus_source()
    return _build(source, store_dir(source), force=force)


def _build(source: Path, path: Path, *, force: bool) -> StoreRef:
    key = str(path)
    builds = _builds()
    if not force and key in builds.checked and key not in builds.running:
        return builds.checked[key]

    def run(job: BuildJob) -> BuildResult:
        from analysis.build import build_store

        return build_store(source, path, resources=resources(), force=force, progress=job.report)

    job = _start(builds, key, source, run)
    _follow(job)
    return builds.checked[key]


# A store given on the command line is checked on every run: its manifest, then each table's
# size, rows and columns (15 ms on 37,554 articles, on every rerun of every page). Checked
# again once one of its files has changed.
@st.cache_data(show_spinner=False, max_entries=8)
def _checked_manifest(path: str, changed_at: tuple) -> dict:
    return read_manifest(Path(path))


def _files_changed_at(path: Path) -> tuple:
    """Each store file's size and modification time (None for a missing one)."""
    def stamp(file: Path) -> tuple[int, int] | None:
        try:
            stat = file.stat()
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns
    return tuple(stamp(file) for file in [path / MANIFEST, *(table_path(path, name)
                                                               for name in TABLE_NAMES)])


def _open_given_store(path: Path, *, force: bool) -> StoreRef:
    """A store built with the command line ($COVERAGE_LENS_STORE), opened as it is; built or
    rebuilt only from the corpus it records (or $COVERAGE_LENS_CORPUS for a new store)."""
    wanted = os.environ.get(CORPUS_ENV)
    try:
        manifest = _checked_manifest(str(path), _files_changed_at(path))
    except StoreError as err:
        if not wanted:
            raise StoreUnavailable(
                f"{path} ($COVERAGE_LENS_STORE) is not a store that can be read: {err}. Build "
                f"one with: python -m analysis build CORPUS --out {path}", rebuild=False) from err
        return _build(Path(wanted).expanduser(), path, force=force)
    recorded = Path(manifest.get("source_path") or manifest.get("source") or "")
    if wanted and Path(wanted).expanduser().resolve() != recorded.resolve():
        raise StoreUnavailable(
            f"The store {path} was built from {recorded}, not from {wanted}; it is left as it "
            "is. Unset $COVERAGE_LENS_CORPUS to open it, or name another store folder.",
            rebuild=False)
    if not force and not wanted:
        return StoreRef(str(recorded), str(path),
                        f"{manifest.get('corpus_fingerprint')}@{manifest.get('built_at')}")
    if not recorded.exists():
        raise StoreUnavailable(f"The corpus {recorded} that {path} was built from is not here; "
                               "the store is left as it is.", rebuild=False)
    if not os.access(path, os.W_OK):
        raise StoreUnavailable(f"{path} cannot be written (read-only): it is shown as it is "
                               "and cannot be rebuilt here.", rebuild=False)
    return _build(recorded, path, force=force)


# -- the upload builds (dashboard.uploads) run and show their progress the same way -----------

def start_build(key: str, source: Path, run: Callable[[BuildJob], BuildResult]) -> BuildJob:
    """The build of store `key` under way, or `run` started in a new thread."""
    return _start(_builds(), key, source, run)


def built(key: str) -> StoreRef:
    """The store `key` a finished build registered."""
    return _builds().checked[key]


follow_build = _follow
