"""The layers of the web apps: list the imports between them, fail on one running upward or a circle.

Every module of ``veikart/web`` belongs to a unit: an app (``veikart/web/strategies/…`` → ``strategies``)
or a module at the top (``veikart/web/language.py`` → ``language``). ``LAYERS`` below puts the units in
order, lowest first; a unit may import units in its own layer or below, never above. Every import
counts, also one inside a function (Django's ``AppConfig.ready`` included): an import placed in a
function to dodge a circle is still an import. Imports inside migrations are left out (they are
frozen history). Within one layer the imports may not go round in a circle either.

    python scripts/check_layers.py           # the graph, then OK or the violations (exit status 1)

Pure Python (``ast``), so it runs without Django and without the project's settings.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "veikart" / "web"
PACKAGE = "veikart.web"

# Lowest first. Each layer may import itself (without a circle) and every layer below it.
LAYERS: list[tuple[str, ...]] = [
    # infrastructure (apps and readonly: the apps' configuration base and the read-only admin pages)
    ("apps", "readonly", "env", "formats", "actions", "messages", "commands", "pagecache", "jobs", "semantic"),
    ("orgs", "preferences"),  # organisations and units; each person's stored language
    ("language", "lockout", "people"),  # the language switch, sign-in throttle; members and invitations
    ("strategies",),  # strategies, their review and their lifecycle; sends strategy_changed
    ("audit",),  # the one audit log: record(), its actions, snapshots, history and restore pages
    ("planning",),  # action plans, measures, indicators, follow-up
    ("search", "sdgtags"),  # react to strategy_changed and plan changes; read strategies and plans
    ("compare",),  # comparison and alignment pages
    ("api", "ops", "notify", "sso", "health"),  # outward: REST API, backup/export, e-mail, single sign-on
    ("settings", "urls", "wsgi"),  # the project: names every app
]

LEVEL = {unit: level for level, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str | None:
    """``veikart.web.strategies.services`` → ``strategies``; None outside the web layer."""
    if module != PACKAGE and not module.startswith(PACKAGE + "."):
        return None
    rest = module[len(PACKAGE) + 1 :]
    return rest.split(".", 1)[0] or None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports_by_string(node: ast.AST) -> bool:
    """import_module("veikart.web.x") and include("veikart.web.x.urls") import by string."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    name = getattr(node.func, "attr", getattr(node.func, "id", ""))
    first = node.args[0]
    return name in ("import_module", "include") and isinstance(first, ast.Constant) and isinstance(first.value, str)


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module this file imports (line, dotted name), relative imports resolved."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            found.extend((node.lineno, f"{target}.{alias.name}") for alias in node.names)
        elif _imports_by_string(node):
            found.append((node.lineno, node.args[0].value))
    return found


def collect() -> dict[tuple[str, str], list[str]]:
    """{(importing unit, imported unit): ["path:line", …]} for imports between two different units."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(WEB.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = module_name(path)
        source = unit_of(module)
        if source is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        seen: set[tuple[str, int]] = set()
        for line, target in imported_modules(tree, module, path.name == "__init__.py"):
            imported = unit_of(target)
            if imported is None or imported == source or (imported, line) in seen:
                continue
            seen.add((imported, line))
            edges[(source, imported)].append(f"{path.relative_to(ROOT)}:{line}")
    return dict(edges)


def cycles(edges: dict[tuple[str, str], list[str]]) -> list[list[str]]:
    """The circles in the graph (each strongly connected group of two or more units)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(set(graph) | {t for targets in graph.values() for t in targets}):
        if node not in index:
            visit(node)
    return groups


def problems(edges: dict[tuple[str, str], list[str]]) -> list[str]:
    found = []
    for unit in sorted({u for edge in edges for u in edge} - set(LEVEL)):
        found.append(f"{unit}: in no layer (add it to LAYERS in scripts/check_layers.py)")
    for (source, target), places in sorted(edges.items()):
        if source in LEVEL and target in LEVEL and LEVEL[target] > LEVEL[source]:
            found.append(f"upward: {source} → {target} ({', '.join(places)})")
    for group in cycles(edges):
        found.append(f"circle: {' ↔ '.join(group)}")
    return found


def main() -> int:
    edges = collect()
    print("Imports between the web apps (lowest layer first; → imports):")
    for level, units in enumerate(LAYERS):
        print(f"  layer {level}: {', '.join(units)}")
        for unit in units:
            targets = sorted(t for s, t in edges if s == unit)
            if targets:
                print(f"    {unit} → {', '.join(targets)}")
    found = problems(edges)
    for line in found:
        print(line)
    print("OK: no import runs upward, no circle." if not found else f"{len(found)} problem(s).")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
