"""The app's start imports only what its first page draws with: the spaCy model's package (a
second or more to import) waits until a build or the distinctive terms need it."""

import subprocess
import sys

from tests.fixtures.paths import REPO

# what the entrypoint and the first (Corpus) page import before they draw
FIRST_PAGE = ["app", "dashboard.cache", "dashboard.figures", "dashboard.uploads",
              "dashboard.widgets", "analysis.views", "analysis.views.corpus"]
DEFERRED = ["spacy", "networkx", "sklearn"]


def modules_after_importing(names: list[str]) -> set[str]:
    script = f"import importlib, sys\nfor name in {names!r}: importlib.import_module(name)\n" \
             "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    return set(out.split())


def test_the_first_page_does_not_import_spacy():
    loaded = modules_after_importing(FIRST_PAGE)
    assert "pandas" in loaded and "plotly" in loaded  # the first page does draw a chart
    assert not [name for name in DEFERRED if name in loaded]


def test_the_distinctive_terms_import_spacy_when_they_are_computed():
    from analysis.views.distinctive import sentence_terms

    terms = {term for term, _ in sentence_terms("The ministers of the council met in Brussels.")}
    assert "ministers" in terms and "the" not in terms  # stop words, spaCy's list, left out
