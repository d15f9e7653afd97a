"""Sources: who speaks in each article, and whom each outlet cites.

Rules over the article text, the build's sentences and its named-entity mentions (no parser):
- `marks`: quotation marks of every style paired into quotations (split, multi-paragraph);
- `lexicon`: the words of saying, the descriptions that name a source, agencies, rebuttals;
- `article`: one article as the rules read it; `phrases`: speaker phrases next to a cue;
- `attribution`: direct, indirect and mixed attributions (content, cue, speaker, relay), the
  rules in its docstring, run by `cues` (the words of saying), `finder` (the state they
  share), `clauses`, `verbs`, `sourcing` ("according to", "citing", "claims that") and
  `floating` (quotations without a cue);
- `resolve`: speakers to canonical entities (names, "he said", "the ministry");
- `quotes`: the quotes table; `citations`: the citations table (types, outlets, stance).
"""

from analysis.sources.citations import cite_sources, outlet_key
from analysis.sources.lexicon import PRONOUNS
from analysis.sources.quotes import QUALITY, find_quotes, format_parts, parse_parts

__all__ = ["PRONOUNS", "QUALITY", "cite_sources", "find_quotes", "format_parts", "outlet_key",
           "parse_parts"]
