"""Streamlit-side helpers shared by the pages: data access, widgets, figures, HTML."""
