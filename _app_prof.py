"""Coverage Lens: how different news outlets cover the same story.

The entrypoint: page setup, the store (built on the first start, a cache hit afterwards),
the shared sidebar, then the chosen page. Run with `streamlit run app.py`.
"""

import streamlit as st

from dashboard import allocator, builds, session, uploads, widgets
from dashboard.navigation import PAGES
from dashboard.safe_text import for_markdown


def main() -> None:
    # an emoji favicon is drawn in the browser; a :material/: one would be fetched from Google
    st.set_page_config(page_title="Coverage Lens", page_icon="📰", layout="wide")
    page = st.navigation([
        st.Page(path, title=title, icon=icon, default=i == 0)
        for i, (path, title, icon) in enumerate(PAGES)
    ])
    try:
        store_ref = builds.open_store(force=st.session_state.pop(session.REBUILD, False))
    except Exception as err:  # the build says why (no model, unreadable corpus, damage, ...)
        st.error(f"The store could not be opened: {for_markdown(err)}")
        if getattr(err, "rebuild", True):
            st.button("Rebuild the store", on_click=widgets.request_rebuild,
                      icon=":material/refresh:", key=session.SIDEBAR_REBUILD)
        st.stop()
        return
    widgets.sidebar(uploads.sidebar(store_ref))
    try:
        page.run()
    finally:  # the run's working copies are freed: their pages go back to the system
        allocator.trim()


# spaCy's worker processes (spawn/forkserver) re-run this file as "__mp_main__" to rebuild
# the main module: without the guard each worker would start the app, and a build, itself.
if __name__ == "__main__":
    main()
