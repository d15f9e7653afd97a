"""Data: every table of the store, its columns explained, and the build manifest."""

from functools import partial

import pandas as pd
import streamlit as st

from analysis import schemas, views
from dashboard import builds, state, widgets

filters = widgets.page_header(
    "Data",
    "The tables behind every page, column by column, to download whole or cut to the "
    "filters; and how the store was built.",
)

SHOWN_ROWS = 1_000  # a preview: article texts make big tables heavy to send
tables = state.current_tables()
name = st.radio("Table", list(schemas.TABLE_NAMES), horizontal=True, key="data_table")
st.dataframe(
    pd.DataFrame({
        "column": list(schemas.SCHEMAS[name]),
        "type": list(schemas.SCHEMAS[name].values()),
        "meaning": [schemas.DESCRIPTIONS[name][col] for col in schemas.SCHEMAS[name]],
    }),
    hide_index=True, key="data_columns",
)

whole = getattr(tables, name)
filtered = views.filtered_table(tables, filters, name=name)
ref = state.current_store()
left, right = st.columns(2)
# a whole table can be tens of MB: the CSV is made when the button is clicked, not per rerun
left.download_button(f"Download the whole {name} table ({len(whole):,} rows)",
                     data=partial(state.table_csv, ref, name, views.Filters()),
                     file_name=f"{name}.csv", mime="text/csv", key="data_whole_csv",
                     on_click="ignore", icon=":material/download:")
right.download_button(f"Download {name} within the filters ({len(filtered):,} rows)",
                      data=partial(state.table_csv, ref, name, filters),
                      file_name=f"{name}_filtered.csv", mime="text/csv",
                      key="data_filtered_csv", on_click="ignore", icon=":material/download:")
st.caption("Entities and places keep their corpus-wide counts; the filters choose the rows. "
           "Rejects are never filtered.")
shown = state.table_preview(ref, name, filters, SHOWN_ROWS)
st.dataframe(shown, hide_index=True, key="data_rows",
             column_config={c: widgets.COLUMN_CONFIG[c] for c in shown.columns
                            if c in widgets.COLUMN_CONFIG})
if len(filtered) > SHOWN_ROWS:
    st.caption(f"The first {SHOWN_ROWS:,} of {len(filtered):,} rows are shown; the filtered "
               "download holds them all.")

st.subheader("Build manifest")
manifest = state.load_manifest(state.current_store())
model = manifest.get("model", {})
facts = pd.DataFrame({
    "item": ["corpus", "model", "model version", "gazetteer", "schema version", "built at",
             "build seconds", "words per second"],
    "value": [builds.display_source(str(manifest.get("source", ""))), model.get("name"),
              model.get("version"), manifest.get("gazetteer"), manifest.get("schema_version"),
              manifest.get("built_at"), manifest.get("seconds"),
              manifest.get("words_per_second")],
}).astype({"value": "string"})
widgets.show_table(facts, file_name="build.csv", key="manifest")
with st.expander("manifest.json"):
    st.json(manifest)
