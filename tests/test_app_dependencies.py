"""Our apps depend one way: `core` at the bottom imports none of them, the newsroom imports only core, the
domains stand on those, search and the demo on top. Nothing imports search or the demo: they plug in through
the newsroom's hooks and Django's signals. And no two apps import each other, not even through a third.

Every import counts, at module level and inside functions alike; only the project's wiring (the settings,
which list the apps, and the root URLconf, which routes to them) and the migrations are left out.
"""

import graphlib
import re
from dataclasses import dataclass
from itertools import pairwise

import pytest

from tests.import_graph import ROOT, Import, imports_in, our_apps, our_modules

WIRING = [ROOT / "newsroom" / "settings", ROOT / "newsroom" / "urls.py"]
# What the team's rules allow an app to import of ours; an app not named here may import any but the tops.
ALLOWED = {"core": set(), "newsroom": {"core"}}
TOPS = {"search", "demo"}


@dataclass(frozen=True)
class AppImport:
    """An import of one of our apps by another, where it stands (`found`)."""

    importer: str
    imported: str
    found: Import

    def __str__(self):
        return str(self.found)


def app_imports(app_names):
    """Every import of one of our apps by another, wherever it stands in the importing module."""
    modules = {
        name: path
        for name, path in our_modules(leaving_out=WIRING).items()
        if name.partition(".")[0] in app_names
    }
    return [
        AppImport(found.app, imported, found)
        for found in imports_in(modules)
        for imported in sorted({name.partition(".")[0] for name in found.names})
        if imported in app_names and imported != found.app
    ]


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


def tag_libraries(app):
    return {path.stem for path in (ROOT / app / "templatetags").glob("*.py") if path.stem != "__init__"}


def newsroom_templates():
    """The project's templates but those in another app's folder (templates/<app>/), and the newsroom's own."""
    others = [ROOT / "templates" / app for app in our_apps() - {"newsroom"}]
    in_project = (
        path
        for path in (ROOT / "templates").rglob("*.html")
        if not any(folder in path.parents for folder in others)
    )
    return sorted([*in_project, *(ROOT / "newsroom").rglob("templates/**/*.html")])


def loaded_libraries(template):
    """The tag libraries a template loads ({% load a b %} and {% load name from a %})."""
    found = set()
    for arguments in re.findall(r"{%\s*load\s+(.*?)\s*%}", template.read_text(encoding="utf-8")):
        words = arguments.split()
        found.update(words[words.index("from") + 1 :] if "from" in words else words)
    return found


def test_the_newsroom_templates_load_no_tags_of_the_apps_that_plug_into_it():
    above = set().union(*(tag_libraries(app) for app in our_apps() - set(ALLOWED)))
    templates = newsroom_templates()
    offending = {
        str(template.relative_to(ROOT)): sorted(loaded_libraries(template) & above) for template in templates
    }

    assert len(templates) > 20 and above
    assert {template: libraries for template, libraries in offending.items() if libraries} == {}
