"""Terms: the words and names each article uses, counted once per article (`term_tables`), for
distinctive words. The build stores them; the views count them per outlet, or tokenise the
kept sentences themselves (`sentence_terms`) for tables built without them; `term_places`
finds a term in a sentence, for the evidence.
"""

from analysis.terms.article_terms import sentence_terms, term_places, term_tables

__all__ = ["sentence_terms", "term_places", "term_tables"]
