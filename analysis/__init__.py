"""Coverage Lens's analysis layer: plain Python and pandas, no Streamlit.

One sub-package per stage, in the order data flows (each imports only those before it):

    tables    the contract: table schemas, the Parquet store, texts by row, CSV export
    ingest    any source -> Corpus (articles + rejects)
    tone      VADER sentence tone, the entity-targeted scorer, tone statistics
    annotate  spaCy per article -> annotation records (cached; local or Dask engines)
    entities  canonical entities across the corpus
    places    the offline gazetteer and place resolution
    sources   quotations and their speakers, the sources each article cites
    reuse     passages one article took from another outlet's (Passim-style), and duplicates
    build     corpus -> annotate -> entities, places, tone, sources, reuse -> Tables -> store
    views     pure functions (Tables, Filters) -> the DataFrames the pages draw

`python -m analysis` is the command line (build, export, cache).
"""
