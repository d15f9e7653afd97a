"""Entities: the many spellings of one person, organisation or place become one canonical entity.

- `names`: how a name is normalised, people's titles, and the curated alias file;
- `naming`: the canonical name of every mention and the rule that gave it (rules in its
  docstring: titles, middle initials, surnames and short forms in the article and the corpus);
- `roles`: whether an article names an entity or only credits it (its own outlet in its
  dateline or sign-off, a photo credit);
- `canonical`: `canonicalise`, which gives every mention an entity id and builds the entities
  and merges tables.
"""

from analysis.entities.canonical import canonicalise, entity_id_for
from analysis.entities.names import load_aliases, normalise_name, strip_titles
from analysis.entities.naming import RULES
from analysis.entities.roles import CREDIT, NAMED, SELF, mention_roles

__all__ = ["CREDIT", "NAMED", "RULES", "SELF", "canonicalise", "entity_id_for", "load_aliases",
           "mention_roles", "normalise_name", "strip_titles"]
