"""Map: the places the articles name, how often, by whom, and in what tone."""

import streamlit as st

from analysis import evidence, views
from dashboard import figures, state, widgets

filters = widgets.page_header(
    "Map",
    "Where the story happens: every place the articles name, resolved offline against "
    "GeoNames. Marker size = mentions; colour = mean tone of the sentences that name the "
    "place; countries are shaded by mentions of the country and its places.",
)

places = state.view(views.place_mentions, filters)
countries = state.view(views.country_mentions, filters, countries=state.countries())


def _select_from_chart() -> None:
    # a click on a place marker chooses it in the selectbox below
    event = st.session_state.get("map_chart") or {}
    for point in event.get("selection", {}).get("points", []):
        data = point.get("customdata")
        if isinstance(data, list) and len(data) > 1:
            st.session_state[state.MAP_PLACE_KEY] = int(data[0])
            return


if places.empty:
    st.info("No resolved places within the filters.")
else:
    st.plotly_chart(state.figure(figures.place_map, places, countries), key="map_chart",
                    config=figures.MAP_CONFIG, on_select=_select_from_chart,
                    selection_mode="points")

st.subheader("Places")
widgets.show_table(places, file_name="places.csv", key="places")
with st.expander("Countries (the shading)"):
    widgets.show_table(countries, file_name="countries.csv", key="countries")

st.subheader("Sentences naming a place")
labels = {
    int(row.place_id): f"{row.name} ({row.country_code or row.kind}) · {row.n_mentions} mentions"
    for row in places.itertuples(index=False)
}
# the Articles page and a click on the map both choose through state.MAP_PLACE_KEY
place_id = widgets.choose("Place", labels, key=state.MAP_PLACE_KEY,
                          placeholder="Choose a place (or click one on the map)…")
if place_id is not None:
    name = places.loc[places["place_id"] == place_id, "name"].iloc[0]
    widgets.show_evidence(
        state.view(evidence.place_sentences, filters, place_id=int(place_id)),
        what=name, file_name=f"sentences_{place_id}.csv", key="place_sentences",
    )
