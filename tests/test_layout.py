"""The architecture as the README draws it: analysis/ is one sub-package per stage, imports
point down the data flow only, no module imports another in a circle, and no Streamlit."""

import ast
from collections import defaultdict
from pathlib import Path

from tests.fixtures.paths import REPO

ANALYSIS = REPO / "analysis"
# the stages in the order data flows; each may import only those before it (and itself)
STAGES = ["settings", "tables", "ingest", "tone", "annotate", "entities", "places", "sources",
          "reuse", "terms", "build", "views"]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The modules a file imports (absolute names), at any depth of the file."""
    found = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(
        ".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def analysis_modules() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in ANALYSIS.rglob("*.py")}
    return {name: {i for i in imports_of(path) if i in modules and i != name}
            for name, path in modules.items()}


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_analysis_never_imports_streamlit_or_the_dashboard():
    for path in ANALYSIS.rglob("*.py"):
        bad = {i for i in imports_of(path) if i.split(".")[0] in {"streamlit", "dashboard"}}
        assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


def test_every_stage_is_a_package_and_nothing_else_is_loose():
    loose = {p.stem for p in ANALYSIS.glob("*.py")} - {"__init__", "__main__", "settings"}
    assert not loose, f"modules outside the stages: {sorted(loose)}"
    packages = {p.parent.name for p in ANALYSIS.glob("*/__init__.py")}
    assert packages == set(STAGES) - {"settings"}


def test_imports_point_down_the_data_flow():
    for module, imported in analysis_modules().items():
        own = stage(module)
        if own is None or own == "__main__":
            continue
        for other in imported:
            theirs = stage(other)
            if theirs is None or theirs == own:
                continue
            assert STAGES.index(theirs) < STAGES.index(own), f"{module} imports {other}"


def test_no_module_imports_itself_through_others():
    graph = analysis_modules()
    # a package's __init__ re-exports its modules; a module importing its own package's door
    # would be the loop this catches
    state: dict[str, int] = defaultdict(int)  # 0 new, 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state[nxt] == 1:
                cycle = [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if state[nxt] == 0:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if state[module] == 0:
            visit(module, [module])
