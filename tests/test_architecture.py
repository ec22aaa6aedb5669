"""The import order of docs/architecture.md, enforced: apps depend downwards, layers depend
downwards, pure modules stay pure, and no two modules import each other (directly or round a
loop). Read from the source with ast, so it runs without importing anything."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "stations",
    "indicators",
    "scoring",
    "reports",
    "seasons",
    "notices",
    "evalportal",
]  # bottom-up
# The top layer (what a request, the command line or the worker enters by) may read any app.
TOP = {"views", "management", "templatetags", "urls", "tasks", "demo", "admin", "accounts"}
# Pure modules: plain values in and out, no database (with the enums, the bottom layer).
PURE = {
    "stations.numbers",
    "indicators.figures",
    "indicators.selfassessment.layout",
    "scoring.rules",
    "scoring.draw",
    "reports.text",
    "stations.deadlines",
    "seasons.layout",
    "seasons.parsing",
}
# Layers bottom-up, by a part of the module's name; anything else is with
# access/selectors/services.
LAYER_OF = {"enums": 0, "models": 1, "forms": 3}
SERVICES_LAYER = 2


def _modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The project modules ``name`` imports at its top level or in its functions (not under
    ``TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _app(name: str) -> int:
    return APPS.index(name.split(".")[0])


def _is_top(name: str) -> bool:
    return any(part in TOP for part in name.split(".")) or name.startswith("evalportal.")


def _layer(name: str) -> int:
    parts = name.split(".")
    for part in parts[1:]:
        if part in LAYER_OF:
            return LAYER_OF[part]
    return 0 if name in PURE else SERVICES_LAYER


def test_the_module_graph_is_read():
    assert "scoring.rules" in MODULES
    assert "reports.services.findings" in MODULES
    assert "stations.models" in GRAPH["scoring.models.sheets"]


def test_apps_depend_downwards():
    upward = [
        f"{name} → {target}"
        for name, targets in GRAPH.items()
        if not _is_top(name)
        for target in targets
        if _app(target) > _app(name)
    ]
    assert upward == []


def test_layers_depend_downwards():
    upward = [
        f"{name} → {target}"
        for name, targets in GRAPH.items()
        if not _is_top(name)
        for target in targets
        if not _is_top(target) and _layer(target) > _layer(name)
    ]
    assert upward == []


@pytest.mark.parametrize("name", sorted(PURE))
def test_pure_modules_read_no_database(name):
    source = MODULES[name].read_text(encoding="utf-8")
    assert "django.db" not in source
    assert not [t for t in GRAPH[name] if _layer(t) >= LAYER_OF["models"]]


def test_no_import_cycle():
    cycles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycles.append(" → ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)
    assert cycles == []
