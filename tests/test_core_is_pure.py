"""The core (everything in veikart/ outside veikart/web) imports neither Django nor the web layer, not even by name.

Commands that write to the database are the web app's management commands; the ``veikart`` CLI stays pure.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "veikart"


def _core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if (CORE / "web") not in p.parents)


def _offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("veikart.web"):
            names = [node.value]  # a module named in a string, for importlib
        found += [
            f"{path.relative_to(CORE.parent)}:{node.lineno}: {name}"
            for name in names
            if name.split(".")[0] == "django" or name.startswith("veikart.web")
        ]
    return found


def test_the_core_never_imports_django_or_the_web_layer():
    files = _core_files()
    assert len(files) > 50  # the walk found the core
    assert [offence for path in files for offence in _offences(path)] == []
