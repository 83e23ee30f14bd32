"""What our modules import, read from their source with `ast`: every import statement, at module level and
inside functions alike, relative ones resolved to the dotted names they stand for.

tests/test_app_dependencies.py reads it app by app, tests/test_module_cycles.py module by module.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@dataclass(frozen=True)
class Import:
    """One import statement: the module it stands in and the dotted names it imports."""

    module: str
    path: Path
    line: int
    statement: str
    names: tuple[str, ...]

    @property
    def app(self):
        return self.module.partition(".")[0]

    def __str__(self):
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.statement}"


def our_apps():
    return {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}


def our_modules(leaving_out=()):
    """{dotted name: path} of every module of our apps but the migrations and what lies in `leaving_out`."""
    modules = {}
    for app in our_apps():
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or any(path == left or left in path.parents for left in leaving_out):
                continue
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports_in(modules):
    """Every import statement of the modules ({dotted name: path}), in a stable order."""
    for module, path in sorted(modules.items()):
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = tuple(_imported_names(node, module, is_package))
                yield Import(module, path, node.lineno, ast.unparse(node), names)


def _imported_names(node, module, is_package):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module if is_package else module.rpartition(".")[0]
    for _level in range(node.level - 1):
        package = package.rpartition(".")[0]
    base = ".".join(filter(None, [package if node.level else "", node.module or ""]))
    return [f"{base}.{alias.name}" for alias in node.names]
