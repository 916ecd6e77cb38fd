"""scripts/repeated_lines.py: what counts as a copy, and the declarations it leaves out."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("repeated_lines", ROOT / "scripts" / "repeated_lines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code(literal: str, number: int) -> str:
    """A function of seven lines; two calls with other literals give the same shape, not the same text."""
    names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    return "def run():\n" + "".join(
        f"    {name} = compute({literal!r}, limit={number + n})\n" for n, name in enumerate(names)
    )


def _found(tmp_path: Path, first: str, second: str, shape: bool) -> list[tuple]:
    script = _script()
    package = tmp_path / "veikart"
    package.mkdir(parents=True)
    (package / "a.py").write_text(first, encoding="utf-8")
    (package / "b.py").write_text(second, encoding="utf-8")
    script.ROOT = tmp_path
    return script.pairs(shape)


def test_six_lines_alike_are_a_pair_by_text_and_by_shape(tmp_path):
    assert len(_found(tmp_path / "same", _code("a", 1), _code("a", 1), shape=False)) == 1
    assert _found(tmp_path / "text", _code("a", 1), _code("b", 7), shape=False) == []
    assert len(_found(tmp_path / "shape", _code("a", 1), _code("b", 7), shape=True)) == 1


def test_a_models_meta_block_is_left_out_but_the_code_after_it_counts(tmp_path):
    script = _script()
    source = (
        "class Thing(models.Model):\n"
        "    class Meta:\n"
        '        ordering = ["name"]\n'
        '        verbose_name = _("ting")\n'
        "\n"
        "    def __str__(self) -> str:\n"
        "        return self.name\n"
    )
    path = tmp_path / "models.py"
    path.write_text(source, encoding="utf-8")
    kept = [text for _number, text in script.lines(path, shape=True)]
    assert kept == ["class Thing ( models . Model ) :", "def __str__ ( self ) -> str :", "return self . name"]


def test_by_shape_a_row_of_literals_is_left_out_and_a_docstring_kept():
    script = _script()
    assert script._only_literals(script._shape('("KS er en pådriver.", 3, None),'))
    assert script._only_literals(script._shape('"schema": "veikart.strategy/1",'))
    assert not script._only_literals(script._shape('"""What the function does."""'))
    assert not script._only_literals(script._shape('"title": title,'))
