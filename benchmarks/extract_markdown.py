#!/usr/bin/env python3
"""What ``veikart extract`` costs on the KS 2020–2023 strategy as Markdown.

    .venv/bin/python benchmarks/extract_markdown.py [FILE.md] [--runs N]

Times, best of N runs each: the Markdown reader alone; cleaning and structure
(``lines.build_strategy``) on an already read document, with the text
cache cleared each run; the full ``extract`` (read file, hash, detect, read,
clean, find structure). Prints the machine's size. Aim: full extract well
under 50 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from machine import machine  # benchmarks/machine.py, beside this script

from veikart.ingest import extract
from veikart.ingest.model import DocumentSource
from veikart.ingest.readers import markdown
from veikart.ingest.structure import lines
from veikart.ingest.tools.clean import normalise_text

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "ks-langtidsstrategi-2020-2023.md"
AIM_MS = 50.0


def best_ms(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        normalise_text.cache_clear()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    path = Path(args.file)
    if not path.is_file():
        print(f"benchmark: {path} not found", file=sys.stderr)
        return 2
    data = path.read_bytes()
    document = markdown.read(data)
    source = DocumentSource(path.name, "", None, "markdown")
    strategy = extract(path)
    items = sum(len(s.goals) + len(s.commitments) for s in strategy.walk())
    read = best_ms(args.runs, lambda: markdown.read(data))
    structure = best_ms(args.runs, lambda: lines.build_strategy(document, source))
    full = best_ms(args.runs, lambda: extract(path))
    print(f"file      {path.name}: {len(data) // 1024} KB, {len(document.blocks)} blocks")
    print(f"found     {len(list(strategy.walk()))} sections, {items} goals and commitments")
    print(f"machine   {machine()}")
    print(f"runs      best of {args.runs}")
    print(f"reader    {read:7.1f} ms  (markdown-it-py blocks with offsets)")
    print(f"structure {structure:7.1f} ms  (clean, TOC, sections, goals, commitments)")
    print(f"full      {full:7.1f} ms  (veikart extract, all steps)")
    verdict = "meets" if full < AIM_MS else "MISSES"
    print(f"target    {verdict} the aim: full extract under {AIM_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
