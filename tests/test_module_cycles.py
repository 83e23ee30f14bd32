"""Inside an app too, imports run one way: no module of ours imports a module that imports it back, not even
through others. Models do not import the views, forms or listings that read them; what a page needs of those
lives below it (QuerySet methods) or plugs in through a hook. (Between apps: test_app_dependencies.py.)

Every import counts, at module level and inside functions alike. Importing `a.b.c` runs the packages `a` and
`a.b` first, so it counts as importing them too, unless the importer lives inside them.
"""

import ast
import graphlib
from pathlib import Path

import pytest

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def our_modules():
    """{dotted name: path} of every module of our apps but the settings and the migrations."""
    modules = {}
    for config in apps.get_app_configs():
        app = Path(config.path)
        if app.parent != ROOT:
            continue
        for path in app.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "settings" in parts:
                continue
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_names(node, module, is_package):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module if is_package else module.rpartition(".")[0]
    for _level in range(node.level - 1):
        package = package.rpartition(".")[0]
    base = ".".join(filter(None, [package if node.level else "", node.module or ""]))
    return [f"{base}.{alias.name}" for alias in node.names]


def known_module(name, modules):
    """The module of ours `name` is, or the one it is a name in (`a.b.c` for `from a.b.c import d`)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def packages_run_first(name, importer, modules):
    parts = name.split(".")
    for length in range(1, len(parts)):
        package = ".".join(parts[:length])
        if package in modules and importer != package and not importer.startswith(f"{package}."):
            yield package


def import_graph(modules):
    """{module: the modules of ours it imports}, each import statement wherever it stands."""
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_bytes(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for name in imported_names(node, module, path.name == "__init__.py"):
                imported = known_module(name, modules)
                if imported and imported != module:
                    graph.setdefault(module, set()).update(
                        {imported, *packages_run_first(imported, module, modules)}
                    )
    return graph


def test_the_check_reads_the_models_and_what_reads_them():
    graph = import_graph(our_modules())
    assert "newsroom.models.articles" in graph["newsroom.models.columns"]
    assert "contests.models" in graph["contests.views"]


def test_no_module_imports_itself_back_even_through_others():
    try:
        graphlib.TopologicalSorter(import_graph(our_modules())).prepare()
    except graphlib.CycleError as error:
        cycle = " → ".join(reversed(error.args[1]))
        pytest.fail(f"These modules import each other in a circle: {cycle}")
