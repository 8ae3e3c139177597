"""The layout's one direction (docs/ARCHITECTURE.md): what was planned never imports what happened.

Read from the source with `ast`, so an import inside a function counts as much as one at the top.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(package: str) -> dict[str, set[str]]:
    """Every module each file of `package` imports, by file."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        modules = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
        found[str(path.relative_to(ROOT))] = modules
    return found


@pytest.mark.parametrize("package", ["projects", "core"])
def test_planned_side_and_shared_pieces_never_import_the_judged_side(package):
    offending = {
        path: sorted(m for m in modules if m == "indicators" or m.startswith("indicators."))
        for path, modules in imported_modules(package).items()
    }
    assert {path: modules for path, modules in offending.items() if modules} == {}


def test_the_rules_load_without_django():
    # A fresh interpreter, so that nothing the test run imported before counts.
    program = "import sys, indicators.rules; print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'rest_framework'}))"
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
