"""The README's layout table names every top-level package: each folder of veikart/ and veikart/web/, and the rest."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OTHERS = ("bin", "scripts", "benchmarks", "corpus", "docs", "tests")


def _folders(parent: Path) -> list[str]:
    return sorted(
        f"{path.relative_to(ROOT)}/"
        for path in parent.iterdir()
        if path.is_dir() and not path.name.startswith((".", "_")) and path.name != "__pycache__"
    )


def test_every_top_level_package_has_a_line_in_the_layout_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `([^`]+)`", layout, flags=re.MULTILINE))
    wanted = _folders(ROOT / "veikart") + _folders(ROOT / "veikart" / "web") + [f"{name}/" for name in OTHERS]
    assert [folder for folder in wanted if folder not in named] == []
