"""Coverage Lens analysis layer: corpus -> tables -> views. Never imports streamlit."""
