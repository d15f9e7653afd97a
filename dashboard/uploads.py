"""Bring your own corpus: the sidebar upload, column mapping, build, report, and the switch.

Safety on a shared link: uploads live in this session's memory and in a temporary directory
made for this session only (under the system temp dir, never under data/ nor the shared
cache), removed when the session ends. The session's choice (default or its upload) and its
store live in st.session_state, so one visitor's corpus never shows in another's session.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from analysis.archives import Limits
from analysis.build import build_store
from analysis.duplicates import drop_flagged, near_duplicates
from analysis.uploads import (
    FIELDS,
    Upload,
    columns_of,
    fingerprint,
    guess_columns,
    import_report,
    import_uploads,
    needs_mapping,
)
from dashboard import builds, state

FILES_KEY = "upload_files"  # list[Upload]: what the uploader holds, as bytes
CHOICE_KEY = "corpus_choice"  # "default" or "uploaded"
REF_KEY = "upload_store"  # StoreRef of this session's uploaded corpus
REPORT_KEY = "upload_report"  # DataFrame: one line per input
JOB_KEY = "upload_job"  # BuildJob under way
DIR_KEY = "upload_dir"  # TemporaryDirectory of this session
DROP_KEY = "upload_drop_near"
WIDGET_KEY = "upload_widget"
TYPES = ["txt", "md", "html", "htm", "csv", "jsonl", "ndjson", "gz", "zip"]
LIMITS = Limits()
DEFAULT, UPLOADED = "Default corpus", "My upload"


def session_dir() -> Path:
    """This session's private folder; deleted when the session's state is dropped."""
    holder = st.session_state.get(DIR_KEY)
    if holder is None:
        holder = tempfile.TemporaryDirectory(prefix="coverage-lens-session-")
        st.session_state[DIR_KEY] = holder
    return Path(holder.name)


def _take_files() -> None:
    files = st.session_state.get(WIDGET_KEY) or []
    st.session_state[FILES_KEY] = [Upload(f.name, f.getvalue()) for f in files]
    for key in [k for k in st.session_state if str(k).startswith("map_")]:
        del st.session_state[key]  # a mapping chosen for another file: pre-fill afresh


def _mapping(uploads: list[Upload]) -> dict[str, dict[str, str]]:
    """The column-mapping step for each CSV/JSONL upload, pre-filled from common names."""
    mapping: dict[str, dict[str, str]] = {}
    for i, upload in enumerate(uploads):
        if not needs_mapping(upload.name):
            continue
        columns = columns_of(upload)
        guess = guess_columns(columns)
        with st.expander(f"Columns of {upload.name}", expanded=not guess["text"]):
            chosen = {}
            for field in FIELDS:
                options = ["", *columns]
                chosen[field] = st.selectbox(
                    field, options, index=options.index(guess[field]), key=f"map_{i}_{field}",
                    format_func=lambda c: c or "(none)")
            if not chosen["text"]:
                st.warning("Choose the column that holds the article text.")
        mapping[upload.name] = chosen
    return mapping


def _start(uploads: list[Upload], mapping: dict, drop_near: bool) -> None:
    key_fp = fingerprint(uploads, {"columns": mapping, "drop": drop_near})
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
        return build_store(Path(label), store_path, resources=builds.resources, corpus=corpus,
                           progress=job.report, cache_dir=root / "annotations")

    job = builds.start_build(str(store_path), Path(label), run)
    st.session_state[JOB_KEY] = (job, str(store_path))


def _finish() -> None:
    """Follow this session's build to its end, then keep its store and report."""
    job, key = st.session_state[JOB_KEY]
    st.button("Cancel the build", key="upload_cancel", on_click=job.cancelled.set,
              icon=":material/cancel:")
    try:
        builds.follow_build(job, "Building your corpus…")
    except Exception as err:  # shown, and the default corpus stays in use
        st.error(f"Your corpus was not built: {err}")
    finally:
        if job.finished.is_set():
            st.session_state.pop(JOB_KEY, None)
            st.session_state[REPORT_KEY] = job.notes.get("report")
    if job.result is not None:
        st.session_state[REF_KEY] = builds.built(key)
        st.session_state[CHOICE_KEY] = UPLOADED


def sidebar(default: builds.StoreRef) -> builds.StoreRef:
    """The upload controls; returns the store this session uses (default or its upload)."""
    with st.sidebar:
        st.subheader("Bring your own corpus")
        st.file_uploader(
            "Articles (.txt .md .html .csv .jsonl .zip)", type=TYPES, accept_multiple_files=True,
            key=WIDGET_KEY, on_change=_take_files,
            help=f"Up to {LIMITS.max_file_bytes // 1_000_000} MB a file and "
                 f"{LIMITS.max_total_bytes // 1_000_000} MB in all; stays in this session only.")
        uploads = st.session_state.get(FILES_KEY) or []
        if uploads:
            mapping = _mapping(uploads)
            drop = st.checkbox("Drop near-duplicates", key=DROP_KEY,
                               help="Articles that repeat another (same or nearly the same "
                                    "text) are flagged in the report; tick to leave them out.")
            if st.button("Build my corpus", key="upload_build", icon=":material/upload:",
                         disabled=JOB_KEY in st.session_state):
                _start(uploads, mapping, drop)
        if JOB_KEY in st.session_state:
            _finish()
        _report_summary()
        if st.session_state.get(REF_KEY) is not None:
            st.radio("Corpus in use", [DEFAULT, UPLOADED], key=CHOICE_KEY, horizontal=True)
    chosen = st.session_state.get(REF_KEY) if st.session_state.get(CHOICE_KEY) == UPLOADED \
        else None
    ref = chosen or default
    st.session_state[state.ACTIVE_STORE_KEY] = ref
    return ref


def _report_summary() -> None:
    """Counts, the lines, and the CSV of the last import (also when nothing was accepted)."""
    table = st.session_state.get(REPORT_KEY)
    if table is None:
        return
    accepted = int((table["status"] == "accepted").sum())
    with st.expander(f"Import report: {accepted:,} accepted, {len(table) - accepted:,} rejected",
                     expanded=accepted == 0):
        st.dataframe(table[["input", "status", "detail"]], hide_index=True, height=200)
        st.download_button("Download the import report", data=state.csv_for(table),
                           file_name="import_report.csv", mime="text/csv",
                           key="upload_report_csv", on_click="ignore",
                           icon=":material/download:")


def report():
    """The import report (DataFrame) of this session's upload while it is in use, else None."""
    if st.session_state.get(CHOICE_KEY) != UPLOADED:
        return None
    return st.session_state.get(REPORT_KEY)
