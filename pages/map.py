"""Map: the places the articles name, how often, by whom, and in what tone."""

import streamlit as st

from analysis.views import evidence, places
from dashboard import cache, map_figures, session, widgets

filters = widgets.page_header(
    "Map",
    "Where the story happens: every place the articles name, resolved offline against "
    "GeoNames. Marker size = mentions; colour = mean tone of the sentences that name the "
    "place; countries are shaded by mentions of the country and its places.",
)

embedded = st.toggle(
    "Include places inside organisation names", key=session.MAP_EMBEDDED,
    help="Places named only inside an organisation's or a facility's name, such as Kentucky in "
         "Kentucky State Police or Cincinnati in University of Cincinnati. Off, the map shows "
         "where the stories happen.")
found, countries = cache.outlet_view(places.place_outlet_counts, places.places_and_countries_of,
                                     filters, count_options={"embedded": embedded},
                                     countries=cache.countries())


def _select_from_chart() -> None:
    # a click on a place marker chooses it in the selectbox below
    event = st.session_state.get(session.MAP_CHART) or {}
    for point in event.get("selection", {}).get("points", []):
        data = point.get("customdata")
        if isinstance(data, list) and len(data) > 1:
            st.session_state[session.MAP_PLACE] = int(data[0])
            return


if found.empty:
    st.info("No resolved places within the filters.")
else:
    st.plotly_chart(cache.figure(map_figures.place_map, found, countries,
                                 markers=map_figures.MAP_MARKERS),
                    key=session.MAP_CHART, config=map_figures.MAP_CONFIG,
                    on_select=_select_from_chart, selection_mode="points")
    drawn = (f"The map draws the {map_figures.MAP_MARKERS:,} most mentioned of {len(found):,} "
             "places; the table below lists every one. ") \
        if len(found) > map_figures.MAP_MARKERS else ""
    st.caption(f"{drawn}Opened on the places that carry most of the mentions; **Whole world** "
               "shows every place drawn. Country shading is logarithmic (each step of colour: "
               "ten times the mentions). Labels are drawn where they fit; hover a marker for "
               "the rest.")

st.subheader("Places")
widgets.show_table(found, file_name="places.csv", key=session.MAP_PLACES)
with st.expander("Countries (the shading)"):
    widgets.show_table(countries, file_name="countries.csv", key=session.MAP_COUNTRIES)

st.subheader("Sentences naming a place")
labels = places.labelled(found)
# the most mentioned first; the place a click on the map (or the Articles page) chose, too
offered = labels[(labels.index < widgets.CHOICES)
                 | (labels["place_id"] == st.session_state.get(session.MAP_PLACE))]
options = dict(zip(offered["place_id"].tolist(), offered["label"].tolist(), strict=True))
more = f" (the {widgets.CHOICES:,} most mentioned of {len(labels):,} in the list)" \
    if len(labels) > widgets.CHOICES else ""
# the Articles page and a click on the map both choose through session.MAP_PLACE
place_id = widgets.choose(f"Place{more}", options, key=session.MAP_PLACE,
                          placeholder="Choose a place (or click one on the map)…")
if place_id is not None:
    widgets.show_evidence(
        cache.view(evidence.place_sentences, filters, place_id=int(place_id),
                   texts=session.current_texts(), embedded=embedded,
                   read=widgets.EVIDENCE_LISTED),
        what=labels.set_index("place_id").loc[place_id, "name"],
        file_name=f"sentences_{place_id}.csv", key=session.MAP_PLACE_SENTENCES,
    )
