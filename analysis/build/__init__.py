"""Build: a corpus becomes the tables, saved as a store (`build_store`).

- `resources`: spaCy with the tone scorers, and the gazetteer, loaded only when needed;
- `key`: what makes a store current (corpus, model, pipeline, gazetteer, aliases, code);
- `assemble`: the corpus-wide steps over all annotation records (tone, places, entities,
  quotes and citations);
- `pipeline`: `build_store`, what the CLI and the app call (it adds the reuse and duplicates
  tables of analysis.reuse after `assemble`).
"""

from analysis.build.assemble import assemble
from analysis.build.key import build_key
from analysis.build.pipeline import DEFAULT_ALIASES, BuildResult, build_store
from analysis.build.resources import Resources
from analysis.settings import DEFAULT_CORPUS

__all__ = ["DEFAULT_ALIASES", "DEFAULT_CORPUS", "BuildResult", "Resources", "assemble",
           "build_key", "build_store"]
