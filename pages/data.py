"""Data: every table of the store, its columns explained, and the build manifest."""

from functools import partial

import pandas as pd
import streamlit as st

from analysis.tables import DESCRIPTIONS, SCHEMAS, TABLE_NAMES
from analysis.views import Filters
from dashboard import builds, cache, session, widgets

filters = widgets.page_header(
    "Data",
    "The tables behind every page, column by column, to download whole or cut to the "
    "filters; and how the store was built.",
)

SHOWN_ROWS = 1_000  # a preview: article texts make big tables heavy to send
ref = session.current_store()
name = st.radio("Table", list(TABLE_NAMES), horizontal=True, key=session.DATA_TABLE)
st.dataframe(
    pd.DataFrame({
        "column": list(SCHEMAS[name]),
        "type": list(SCHEMAS[name].values()),
        "meaning": [DESCRIPTIONS[name][col] for col in SCHEMAS[name]],
    }),
    hide_index=True, key=session.DATA_COLUMNS,
)

whole = cache.table_rows(ref, name, Filters())
filtered = cache.table_rows(ref, name, filters)
left, right = st.columns(2)
# a whole table can be tens of MB: the CSV is made when the button is clicked, not per rerun
left.download_button(f"Download the whole {name} table ({whole:,} rows)",
                     data=partial(cache.table_csv, ref, name, Filters()),
                     file_name=f"{name}.csv", mime="text/csv", key=session.DATA_WHOLE_CSV,
                     on_click="ignore", icon=":material/download:")
right.download_button(f"Download {name} within the filters ({filtered:,} rows)",
                      data=partial(cache.table_csv, ref, name, filters),
                      file_name=f"{name}_filtered.csv", mime="text/csv",
                      key=session.DATA_FILTERED_CSV, on_click="ignore",
                      icon=":material/download:")
st.caption("Entities and places keep their corpus-wide counts; the filters choose the rows. "
           "Rejects, notes and merges are never filtered.")
if name == "merges":
    st.caption("Every spelling merged into an entity under another name, with the rule that "
               "merged it: check a merge here before quoting an entity's count. A surname goes "
               "to a full name only when that name is the one it stands for in the corpus; "
               "ambiguous ones stay apart. Curated aliases live in data/aliases.csv.")
if name == "groups":
    st.caption("The group each outlet is compared in under \"Compare by: group\" (sidebar): "
               "the import's group column (AllSides: left / center / right), or "
               "data/outlets.csv, which wins; edit that file, then rebuild. An outlet with no "
               "group stands alone.")
shown = cache.table_preview(ref, name, filters, SHOWN_ROWS)
st.dataframe(shown, hide_index=True, key=session.DATA_ROWS,
             column_config={c: widgets.COLUMN_CONFIG[c] for c in shown.columns
                            if c in widgets.COLUMN_CONFIG})
if filtered > SHOWN_ROWS:
    st.caption(f"The first {SHOWN_ROWS:,} of {filtered:,} rows are shown; the filtered "
               "download holds them all.")
if "text" in shown.columns:
    st.caption(f"Texts are cut to their first {cache.PREVIEW_CHARS} characters here (…); the "
               "downloads hold them whole.")

st.subheader("Build manifest")
manifest = cache.load_manifest(ref)
model = manifest.get("model", {})
facts = pd.DataFrame({
    "item": ["corpus", "model", "model version", "gazetteer", "schema version", "built at",
             "build seconds", "words per second"],
    "value": [builds.display_source(str(manifest.get("source", ""))), model.get("name"),
              model.get("version"), manifest.get("gazetteer"), manifest.get("schema_version"),
              manifest.get("built_at"), manifest.get("seconds"),
              manifest.get("words_per_second")],
}).astype({"value": "string"})
widgets.show_table(facts, file_name="build.csv", key=session.DATA_MANIFEST)
with st.expander("manifest.json"):
    st.json(manifest)
