"""Bring your own corpus: the sidebar upload, column mapping, build, report, and the switch.

Safety on a shared link: uploads live in this session's memory and in a temporary directory
made for this session only (under the system temp dir, never under data/ nor the shared
cache), removed when the session ends. The session's choice (default or its upload) and its
store live in st.session_state, so one visitor's corpus never shows in another's session.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

import streamlit as st

from analysis.ingest import (
    FIELDS,
    UPLOAD_LIMITS,
    Upload,
    columns_of,
    distinct_names,
    drop_flagged,
    guess_columns,
    import_report,
    import_uploads,
    near_duplicates,
    needs_mapping,
    sample_rows,
    upload_fingerprint,
)
from dashboard import builds, cache, session
from dashboard.safe_text import for_markdown

TYPES = ["txt", "md", "html", "htm", "csv", "jsonl", "ndjson", "gz", "zip"]
LIMITS = UPLOAD_LIMITS
FILE_LIMIT_MB = LIMITS.max_file_bytes // 1_000_000  # what the upload box says and enforces
DEFAULT, UPLOADED = "Default corpus", "My upload"


def session_dir() -> Path:
    """This session's private folder; deleted when the session's state is dropped."""
    holder = st.session_state.get(session.UPLOAD_DIR)
    if holder is None:
        holder = tempfile.TemporaryDirectory(prefix="coverage-lens-session-")
        st.session_state[session.UPLOAD_DIR] = holder
    return Path(holder.name)


def _take_files() -> None:
    """The uploader's callback: keep what it holds as bytes."""
    take_files(st.session_state, st.session_state.get(session.UPLOAD_WIDGET) or [])


def take_files(state: MutableMapping, files: list) -> None:
    """Keep the chosen files (objects with `name` and `getvalue()`) as this session's uploads.
    Nothing else in `state` changes: column choices are keyed by file, so new files start
    from their own pre-filled choices."""
    state[session.UPLOAD_FILES] = distinct_names([Upload(f.name, f.getvalue()) for f in files])


def file_id(position: int, upload: Upload) -> str:
    """One uploaded file, told apart from another of the same name: its place and content."""
    return f"{position}_{hashlib.sha256(upload.data).hexdigest()[:12]}"


def _mapping(uploads: list[Upload]) -> dict[str, dict[str, str]]:
    """The column-mapping step for each CSV/JSONL upload, pre-filled from common names."""
    mapping: dict[str, dict[str, str]] = {}
    for i, upload in enumerate(uploads):
        if not needs_mapping(upload.name):
            continue
        sample = sample_rows(upload)
        columns = columns_of(upload)
        guess = guess_columns(sample)
        with st.expander(f"Columns of {for_markdown(upload.name)}", expanded=not guess["text"]):
            chosen = {}
            for field in FIELDS:
                options = ["", *columns]
                chosen[field] = st.selectbox(
                    field, options, index=options.index(guess[field]),
                    key=session.upload_column(file_id(i, upload), field),
                    format_func=lambda c: c or "(none)")
            if not chosen["text"]:
                st.warning("Choose the column that holds the article text.")
        mapping[upload.name] = chosen
    return mapping


def _start(uploads: list[Upload], mapping: dict, drop_near: bool) -> None:
    key_fp = upload_fingerprint(uploads, {"columns": mapping, "drop": drop_near})
    root = session_dir()
    store_path = root / "stores" / key_fp[:16]
    work = root / "files" / key_fp[:16]
    label = f"upload ({len(uploads)} file{'s' if len(uploads) != 1 else ''})"

    def run(job: builds.BuildJob):
        job.report("import", 0, 1)
        corpus = import_uploads(uploads, work, columns=mapping, limits=LIMITS)
        flags = near_duplicates(corpus.articles)
        if drop_near:
            corpus = drop_flagged(corpus, flags)
        job.notes["report"] = import_report(corpus, None if drop_near else flags, uploads)
        if corpus.articles.empty:
            raise ValueError("no article was accepted; the import report says why")
        from analysis.build import build_store  # the pipeline, imported when a build runs

        return build_store(Path(label), store_path, resources=builds.resources(), corpus=corpus,
                           progress=job.report, cache_dir=root / "annotations")

    job = builds.start_build(str(store_path), Path(label), run)
    st.session_state[session.UPLOAD_JOB] = (job, str(store_path))


def _finish() -> None:
    """Follow this session's build to its end, then keep its store and report."""
    job, key = st.session_state[session.UPLOAD_JOB]
    cancel = st.empty()  # the button goes away once the build has ended
    cancel.button("Cancel the build", key=session.UPLOAD_CANCEL, on_click=job.cancelled.set,
                  icon=":material/cancel:")
    try:
        builds.follow_build(job, "Building your corpus…")
    except Exception as err:  # shown, and the default corpus stays in use
        st.error(f"Your corpus was not built: {for_markdown(err)}")
    finally:
        if job.finished.is_set():
            cancel.empty()
            st.session_state.pop(session.UPLOAD_JOB, None)
            st.session_state[session.UPLOAD_REPORT] = job.notes.get("report")
    if job.result is not None:
        st.session_state[session.UPLOAD_STORE] = builds.built(key)
        st.session_state[session.UPLOAD_CHOICE] = UPLOADED


def sidebar(default: builds.StoreRef) -> builds.StoreRef:
    """The upload controls; returns the store this session uses (default or its upload)."""
    state = st.session_state
    with st.sidebar:
        st.subheader("Bring your own corpus")
        st.file_uploader(
            "Articles (.txt .md .html .csv .jsonl .zip)", type=TYPES, accept_multiple_files=True,
            key=session.UPLOAD_WIDGET, on_change=_take_files, max_upload_size=FILE_LIMIT_MB,
            help=f"Up to {FILE_LIMIT_MB} MB a file and "
                 f"{LIMITS.max_total_bytes // 1_000_000} MB in all; stays in this session only.")
        uploads = state.get(session.UPLOAD_FILES) or []
        if uploads:
            mapping = _mapping(uploads)
            drop = st.checkbox("Drop near-duplicates", key=session.UPLOAD_DROP_NEAR,
                               help="Articles that repeat another (same or nearly the same "
                                    "text) are flagged in the report; tick to leave them out.")
            if st.button("Build my corpus", key=session.UPLOAD_BUILD, icon=":material/upload:",
                         disabled=session.UPLOAD_JOB in state):
                _start(uploads, mapping, drop)
        if session.UPLOAD_JOB in state:
            _finish()
        _report_summary()
        if state.get(session.UPLOAD_STORE) is not None:
            st.radio("Corpus in use", [DEFAULT, UPLOADED], key=session.UPLOAD_CHOICE,
                     horizontal=True)
    chosen = state.get(session.UPLOAD_STORE) if state.get(session.UPLOAD_CHOICE) == UPLOADED \
        else None
    ref = chosen or default
    state[session.ACTIVE_STORE] = ref
    return ref


def _report_summary() -> None:
    """Counts, the lines, and the CSV of the last import (also when nothing was accepted)."""
    table = st.session_state.get(session.UPLOAD_REPORT)
    if table is None:
        return
    accepted = int((table["status"] == "accepted").sum())
    with st.expander(f"Import report: {accepted:,} accepted, {len(table) - accepted:,} rejected",
                     expanded=accepted == 0):
        st.dataframe(table[["input", "status", "detail"]], hide_index=True, height=200)
        st.download_button("Download the import report", data=cache.csv_for(table),
                           file_name="import_report.csv", mime="text/csv",
                           key=session.UPLOAD_REPORT_CSV, on_click="ignore",
                           icon=":material/download:")


def report():
    """The import report (DataFrame) of this session's upload while it is in use, else None."""
    if st.session_state.get(session.UPLOAD_CHOICE) != UPLOADED:
        return None
    return st.session_state.get(session.UPLOAD_REPORT)
