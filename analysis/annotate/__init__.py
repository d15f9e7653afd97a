"""Annotate: spaCy over each article's text, once, cached.

- `model`: which spaCy model, loaded on its fast path (ner + senter), and `pipeline_settings`;
- `spans`: a Doc as sentence and mention spans; `worker`: texts to `Records`, the unit of work
  (spaCy, then the tone scorers of analysis.tone);
- `records`: sentences and mentions of some texts as Arrow tables, keyed by the text's hash;
- `cache`: the per-article annotation cache, and the `Plan` of a build (found, missing);
- `engines`: who runs the workers (this process, a local pool, a Dask cluster);
- `stage`: the build's annotation stage, from a plan to every article's records.
"""

from analysis.annotate.cache import AnnotationCache, Plan, pipeline_key, plan_without_cache
from analysis.annotate.engines import ENGINES, Engine, default_workers, make_engine
from analysis.annotate.model import load_nlp, model_name, package_version, pipeline_settings
from analysis.annotate.records import Records
from analysis.annotate.stage import Progress, annotate_corpus, article_keys
from analysis.annotate.worker import Models, annotate_texts, load_models

__all__ = [
    "ENGINES", "AnnotationCache", "Engine", "Models", "Plan", "Progress", "Records",
    "annotate_corpus", "annotate_texts", "article_keys", "default_workers", "load_models",
    "load_nlp", "make_engine", "model_name", "package_version", "pipeline_key",
    "pipeline_settings", "plan_without_cache",
]
