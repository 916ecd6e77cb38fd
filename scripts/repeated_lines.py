#!/usr/bin/env python3
"""Places in the Python code with six or more lines alike, by the same text or by shape.

Each line is normalised (comments, blank lines and imports left out; with --shape, strings
and numbers become placeholders, so two lines alike but for their literals match). A run of
WINDOW normalised lines that occurs twice is one match; overlapping matches between the same
two files merge into one pair of places. Migrations and URL lists are left out.

Declarations that every instance must make for itself are left out too, like imports: the
options of a Django model (its ``class Meta:`` block: ordering, names, constraints), and, by
shape, a row of nothing but literals (of a data table or a test's parameters: with its strings
and numbers gone, nothing of it is left to copy). A docstring still counts.

    .venv/bin/python scripts/repeated_lines.py            # same text
    .venv/bin/python scripts/repeated_lines.py --shape    # same shape
"""

from __future__ import annotations

import argparse
import io
import re
import tokenize
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("veikart", "tests", "benchmarks", "scripts")
WINDOW = 6


def _skip(path: Path) -> bool:
    return "migrations" in path.parts or path.name == "urls.py" or ".venv" in path.parts


def _shape(line: str) -> str:
    out = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(line).readline):
            if tok.type == tokenize.STRING:
                out.append("S")
            elif tok.type == tokenize.NUMBER:
                out.append("0")
            elif tok.type in (tokenize.OP, tokenize.NAME):  # names kept: field runs of models are not copies
                out.append(tok.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return re.sub(r"\d+", "0", line)
    return " ".join(out)


_LITERAL_NAMES = {"None", "True", "False"}


def _only_literals(shape: str) -> bool:
    """A shaped row of literals and punctuation only (``( S , 0 , None ) ,``); a lone string (a docstring) counts."""
    return shape != "S" and all(
        tok in ("S", "0") or tok in _LITERAL_NAMES or not (tok[0].isalpha() or tok[0] == "_") for tok in shape.split()
    )


def lines(path: Path, shape: bool) -> list[tuple[int, str]]:
    """(line number, normalised line) of the lines that count."""
    kept = []
    meta_indent = None  # inside a model's ``class Meta:`` block, the indentation of its ``class`` line
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith(("import ", "from ")) or line in (")", "]", "}", '"""'):
            continue
        indent = len(raw) - len(raw.lstrip())
        if meta_indent is not None and indent > meta_indent:
            continue
        meta_indent = indent if line == "class Meta:" else None
        if meta_indent is not None:
            continue
        line = re.sub(r"\s+#.*$", "", line)
        normalised = _shape(line) if shape else re.sub(r"\s+", " ", line)
        if shape and _only_literals(normalised):
            continue
        kept.append((number, normalised))
    return kept


def pairs(shape: bool, window: int = WINDOW) -> list[tuple[str, int, int, str, int, int]]:
    files = [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py")) if not _skip(p)]
    seen: dict[tuple[str, ...], list[tuple[Path, int, int]]] = defaultdict(list)
    for path in files:
        kept = lines(path, shape)
        for i in range(len(kept) - window + 1):
            chunk = tuple(text for _n, text in kept[i : i + window])
            if len(set(chunk)) < 3:  # a run of one repeated line is no copy
                continue
            seen[chunk].append((path, kept[i][0], kept[i + window - 1][0]))
    merged: dict[tuple[Path, Path], list[list[int]]] = defaultdict(list)
    for places in seen.values():
        for a in range(len(places)):
            for b in range(a + 1, len(places)):
                (pa, sa, ea), (pb, sb, eb) = sorted([places[a], places[b]])
                if pa == pb and sb <= ea:
                    continue  # overlapping windows of one run
                runs = merged[(pa, pb)]
                for run in runs:
                    if sa <= run[1] + 1 and sb <= run[3] + 1 and sa >= run[0] and sb >= run[2]:
                        run[1], run[3] = max(run[1], ea), max(run[3], eb)
                        break
                else:
                    runs.append([sa, ea, sb, eb])
    out = []
    for (pa, pb), runs in merged.items():
        for sa, ea, sb, eb in runs:
            out.append((str(pa.relative_to(ROOT)), sa, ea, str(pb.relative_to(ROOT)), sb, eb))
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="store_true", help="alike by shape (strings and numbers ignored)")
    args = parser.parse_args()
    found = pairs(args.shape)
    for a, sa, ea, b, sb, eb in found:
        print(f"{a}:{sa}-{ea}  ~  {b}:{sb}-{eb}")
    print(f"{len(found)} pair(s) of places with {WINDOW} or more lines alike")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
