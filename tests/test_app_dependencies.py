"""Our apps depend one way: `core` at the bottom imports none of them, the newsroom imports only core, the
domains stand on those, search and the demo on top. Nothing imports search or the demo: they plug in through
the newsroom's hooks and Django's signals. And no two apps import each other, not even through a third.

Every import counts, at module level and inside functions alike; only the project's wiring (the settings,
which list the apps, and the root URLconf, which routes to them) and the migrations are left out.
"""

import ast
import graphlib
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
WIRING = [ROOT / "newsroom" / "settings", ROOT / "newsroom" / "urls.py"]
# What the team's rules allow an app to import of ours; an app not named here may import any but the tops.
ALLOWED = {"core": set(), "newsroom": {"core"}}
TOPS = {"search", "demo"}


@dataclass(frozen=True)
class AppImport:
    importer: str
    imported: str
    file: Path
    line: int
    statement: str

    def __str__(self):
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.statement}"


def our_apps():
    return {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}


def imported_modules(node):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0:
        return [node.module]
    return []  # a relative import stays inside its own app


def is_checked(path):
    return "migrations" not in path.relative_to(ROOT).parts and not any(
        path == wiring or wiring in path.parents for wiring in WIRING
    )


def app_imports(app_names):
    """Every import of one of our apps by another, wherever it stands in the importing module."""
    found = []
    for app in sorted(app_names):
        for path in sorted(filter(is_checked, (ROOT / app).rglob("*.py"))):
            for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
                for module in imported_modules(node):
                    imported = module.partition(".")[0]
                    if imported in app_names and imported != app:
                        found.append(AppImport(app, imported, path, node.lineno, ast.unparse(node)))
    return found


@pytest.fixture(scope="module")
def imports():
    return app_imports(our_apps())


def listed(found):
    return "\n".join(map(str, found))


def test_the_check_reads_every_app_of_ours():
    assert our_apps() >= {"core", "newsroom", "exemplars", "contests", "search", "demo"}


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_the_lower_layers_import_only_what_lies_below_them(imports, app):
    offending = [found for found in imports if found.importer == app and found.imported not in ALLOWED[app]]
    allowed = ", ".join(sorted(ALLOWED[app])) or "none of our apps"
    assert not offending, f"{app} may import {allowed}; it imports:\n{listed(offending)}"


def test_nothing_imports_search_or_the_demo(imports):
    offending = [found for found in imports if found.imported in TOPS]
    assert not offending, (
        f"{' and '.join(sorted(TOPS))} plug in through hooks, never imported:\n{listed(offending)}"
    )


def test_no_two_apps_import_each_other_even_through_a_third(imports):
    # graphlib reads each app's imports as its predecessors; a cycle it reports runs against the imports.
    graph = {}
    for found in imports:
        graph.setdefault(found.importer, set()).add(found.imported)
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        cycle = error.args[1][::-1]
        edges = [
            f"{importer} imports {imported}:\n"
            + listed(found for found in imports if (found.importer, found.imported) == (importer, imported))
            for importer, imported in pairwise(cycle)
        ]
        pytest.fail(f"The apps {' → '.join(cycle)} import each other in a circle:\n" + "\n".join(edges))
