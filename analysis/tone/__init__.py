"""Tone: how positive or negative a sentence is, and how a sentence portrays each name in it.

- `vader`: VADER's sentence scores (`score_sentences`), its thresholds and `label_tone`;
- `targeted`: the entity-targeted scorer trained on NewsMTSC (`load_scorer`), with `features`
  and `vader_spans`, the per-target features it reads;
- `stats`: article, outlet and entity aggregates with article-clustered intervals;
- `newsmtsc`: the NewsMTSC gold set reader (training and benchmarks).
The annotation workers (analysis.annotate) call the scorers; views call the aggregates.
"""

from analysis.tone.stats import (
    BOOTSTRAP,
    MIN_ARTICLES,
    TONE_KINDS,
    article_clustered_mean,
    article_tone,
    body_only,
    clustered_mean,
    entity_tone,
    outlet_tone,
)
from analysis.tone.targeted import (
    ENTITY_SCORER,
    ENTITY_SCORER_MACRO_F1,
    ENTITY_SCORER_NEUTRAL_MEAN,
    TargetedToneScorer,
    load_scorer,
    model_identity,
)
from analysis.tone.vader import (
    NEGATIVE_AT,
    POSITIVE_AT,
    SCORER,
    SENTENCE_SCORER_MACRO_F1,
    label_tone,
    new_analyzer,
    score_sentences,
    vader_version,
)

__all__ = [
    "BOOTSTRAP", "ENTITY_SCORER", "ENTITY_SCORER_MACRO_F1", "ENTITY_SCORER_NEUTRAL_MEAN",
    "MIN_ARTICLES", "NEGATIVE_AT", "POSITIVE_AT", "SCORER", "SENTENCE_SCORER_MACRO_F1",
    "TONE_KINDS", "TargetedToneScorer", "article_clustered_mean", "article_tone", "body_only",
    "clustered_mean", "entity_tone", "label_tone", "load_scorer", "model_identity",
    "new_analyzer", "outlet_tone", "score_sentences", "vader_version",
]
