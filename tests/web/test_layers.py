"""The web apps' layers hold: no import runs upward, no circle (scripts/check_layers.py)."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_layers.py"


def _checker():
    spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_web_layer_has_no_upward_import_and_no_circle():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: no import runs upward, no circle." in result.stdout
    assert "strategies → " in result.stdout  # the graph is listed


def test_every_web_app_is_in_a_layer():
    checker = _checker()
    units = {path.name for path in (ROOT / "veikart" / "web").iterdir() if (path / "__init__.py").exists()}
    assert units - set(checker.LEVEL) == set()


def test_the_checker_catches_an_upward_import_and_a_circle():
    checker = _checker()
    edges = {("strategies", "search"): ["a.py:1"], ("search", "strategies"): ["b.py:2"]}
    found = checker.problems(edges)
    assert any(line.startswith("upward: strategies → search") for line in found)
    assert any(line.startswith("circle: search ↔ strategies") for line in found)
    assert checker.problems({("search", "strategies"): ["b.py:2"]}) == []


def test_an_import_inside_a_function_counts():
    checker = _checker()
    source = "def f():\n    from veikart.web.search.facade import reindex\n"
    found = checker.imported_modules(ast.parse(source), "veikart.web.strategies.x", False)
    assert (2, "veikart.web.search.facade") in found
