"""Inside an app too, imports run one way: no module of ours imports a module that imports it back, not even
through others. Models do not import the views, forms or listings that read them; what a page needs of those
lives below it (QuerySet methods) or plugs in through a hook. (Between apps: test_app_dependencies.py.)

Every import counts, at module level and inside functions alike. Importing `a.b.c` runs the packages `a` and
`a.b` first, so it counts as importing them too, unless the importer lives inside them.
"""

import graphlib

import pytest

from tests.import_graph import ROOT, imports_in, our_modules

SETTINGS = ROOT / "newsroom" / "settings"


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
    for found in imports_in(modules):
        for name in found.names:
            imported = known_module(name, modules)
            if imported and imported != found.module:
                graph.setdefault(found.module, set()).update(
                    {imported, *packages_run_first(imported, found.module, modules)}
                )
    return graph


def test_the_check_reads_the_models_and_what_reads_them():
    graph = import_graph(our_modules(leaving_out=[SETTINGS]))
    assert "newsroom.models.articles" in graph["newsroom.models.columns"]
    assert "contests.models" in graph["contests.views"]


def test_no_module_imports_itself_back_even_through_others():
    try:
        graphlib.TopologicalSorter(import_graph(our_modules(leaving_out=[SETTINGS]))).prepare()
    except graphlib.CycleError as error:
        cycle = " → ".join(reversed(error.args[1]))
        pytest.fail(f"These modules import each other in a circle: {cycle}")
