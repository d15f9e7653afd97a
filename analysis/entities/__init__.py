"""Entities: the many spellings of one person, organisation or place become one canonical entity.

- `names`: how a name is normalised, people's titles, and the curated alias file;
- `canonical`: `canonicalise`, which gives every mention an entity id and builds the entities
  table (rules in its docstring).
"""

from analysis.entities.canonical import canonicalise, entity_id_for
from analysis.entities.names import load_aliases, normalise_name, strip_titles

__all__ = ["canonicalise", "entity_id_for", "load_aliases", "normalise_name", "strip_titles"]
