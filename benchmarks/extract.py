#!/usr/bin/env python3
"""How much ``veikart extract`` costs, as a whole process and on top of raw PDF text extraction.

    .venv/bin/python benchmarks/extract.py [FILE.pdf] [--runs N] [--process-runs M]

First the machine's size. Then whole processes, as a person runs them (start-up,
imports, reading, structure, JSON out), median of M runs each, the two commands
in turn so a busy moment of a shared machine hits both alike. Each is timed twice:
wall time (what a person waits on an idle machine) and CPU time (user + system,
from ``wait4``), which a shared machine's other work does not inflate; the aims
are judged on both:

- the 12-page KS strategy: poppler's ``pdftotext FILE /dev/null`` against
  ``veikart extract FILE > /dev/null``, and the ratio (issue 9: within 5x);
- the 153-page UK local plan in corpus/pdf: ``veikart extract`` time (issue 9:
  a 100-page plan under 1 s) and the child's peak memory (``ru_maxrss``).

Then, inside this process, best of N runs each: (1) raw text extraction with
pypdfium2, every page's ``get_text_range()``; (2) the PDF reader alone (lines,
fonts, blocks); (3) the full ``extract`` (read file, hash, detect, read, clean,
find structure), with the ratio full/raw. Aim: ratio <= 2, full < 0.5 s for
30+ pages. The default FILE is the 44-page fixture from scripts/make_fixtures.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
from machine import machine  # benchmarks/machine.py, beside this script

from veikart.ingest import extract
from veikart.ingest.readers import pdf as pdf_reader

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "tests" / "ingest" / "fixtures" / "benchmark-strategy-x3.pdf"
TWELVE_PAGES = ROOT / "tests" / "ingest" / "fixtures" / "ks-langtidsstrategi-2020-2023.pdf"
LONG_PLAN = ROOT / "corpus" / "pdf" / "uk-babergh-mid-suffolk-joint-local-plan-part1-2023.pdf"
AIM_RATIO = 5.0  # veikart extract / pdftotext, whole processes, 12 pages
AIM_LONG_SECONDS = 1.0  # a 100-page plan


def veikart_command() -> list[str]:
    """The installed ``veikart`` script beside this Python, as a person runs it; else ``python -m veikart``."""
    script = Path(sys.executable).parent / "veikart"
    return [str(script)] if script.exists() else [sys.executable, "-m", "veikart"]


# As an installed veikart runs: Python's bytecode cache on (pip compiles it at install; the warm-up run writes
# it here). A shell or CI with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every edited module per run.
_CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds of user and system time
    peak: int  # bytes


def run_process(command: list[str]) -> Run:
    """Wall and CPU seconds and peak memory (bytes) of one run of ``command``, its output thrown away."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_CHILD_ENV)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own resource use, not all children's
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} exited with {child.returncode}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def median_of(runs: int, *commands: list[str]) -> list[Run]:
    """Median wall time, CPU time and peak memory of each command, run in turns after one warm-up each."""
    for command in commands:
        run_process(command)
    measured: list[list[Run]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            measured[i].append(run_process(command))
    return [
        Run(
            statistics.median(r.wall for r in runs_),
            statistics.median(r.cpu for r in runs_),
            int(statistics.median(r.peak for r in runs_)),
        )
        for runs_ in measured
    ]


def _ms(run: Run) -> str:
    return f"{run.wall * 1000:7.1f} ms wall, {run.cpu * 1000:6.1f} ms CPU"


def whole_processes(runs: int) -> None:
    veikart = veikart_command()
    pdftotext = shutil.which("pdftotext")
    print(f"process   median of {runs} runs each, whole processes, output to /dev/null")
    if pdftotext is None:
        print("12 pages  pdftotext (poppler-utils) is not installed: no comparison")
        [ours] = median_of(runs, [*veikart, "extract", str(TWELVE_PAGES)])
        print(f"12 pages  veikart extract {_ms(ours)}")
    else:
        poppler, ours = median_of(
            runs, [pdftotext, str(TWELVE_PAGES), os.devnull], [*veikart, "extract", str(TWELVE_PAGES)]
        )
        print(f"12 pages  pdftotext       {_ms(poppler)}  ({TWELVE_PAGES.name})")
        print(f"12 pages  veikart extract {_ms(ours)}")
        for what, ratio in (("wall", ours.wall / poppler.wall), ("CPU", ours.cpu / poppler.cpu)):
            verdict = "meets" if ratio <= AIM_RATIO else "MISSES"
            print(f"ratio     {ratio:.1f}x veikart/pdftotext, {what} time: {verdict} the aim (<= {AIM_RATIO:.0f}x)")
    if not LONG_PLAN.exists():
        print(f"153 pages {LONG_PLAN.name} is missing (corpus/pdf): skipped")
        return
    [long] = median_of(max(1, runs // 2), [*veikart, "extract", str(LONG_PLAN)])
    verdicts = ", ".join(
        f"{what} time {'meets' if seconds < AIM_LONG_SECONDS else 'MISSES'}"
        for what, seconds in (("wall", long.wall), ("CPU", long.cpu))
    )
    print(
        f"153 pages veikart extract {_ms(long)}, peak memory {long.peak / 2**20:.0f} MiB "
        f"({LONG_PLAN.name}): {verdicts} the aim (< {AIM_LONG_SECONDS:.0f} s)"
    )


def raw_text(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    chars = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return chars


def best_of(runs: int, *works: Callable[[], object]) -> list[float]:
    """The best time of each piece of work, run in turns so a busy moment of a shared machine hits all alike."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for i, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=15, help="in-process runs (best of)")
    parser.add_argument("--process-runs", type=int, default=5, help="whole-process runs (median of)")
    args = parser.parse_args()
    print(f"machine   {machine()}")
    whole_processes(args.process_runs)
    data = args.file.read_bytes()
    pages = len(pdfium.PdfDocument(data))

    raw_text(data)  # warm up: the first call loads PDFium and fonts
    extract(args.file)
    raw, reader, full = best_of(
        args.runs, lambda: raw_text(data), lambda: pdf_reader.read(data), lambda: extract(args.file)
    )
    strategy = extract(args.file)
    sections = sum(1 for _ in _walk(strategy.sections))

    print(f"file      {args.file.name}: {pages} pages, {len(data) / 1024:.0f} KB, {raw_text(data)} characters")
    print(f"found     {sections} sections in '{strategy.title}'")
    print(f"runs      best of {args.runs}, in this process")
    print(f"raw       {raw * 1000:7.1f} ms  {raw / pages * 1000:5.2f} ms/page  (pypdfium2 get_text_range, all pages)")
    print(f"reader    {reader * 1000:7.1f} ms  {reader / pages * 1000:5.2f} ms/page  (PDF reader: lines, fonts)")
    print(f"full      {full * 1000:7.1f} ms  {full / pages * 1000:5.2f} ms/page  (veikart extract, all steps)")
    print(f"ratio     {full / raw:.2f}x full/raw (aim <= 2.0), reader/raw {reader / raw:.2f}x")
    verdict = "meets" if full / raw <= 2 and full < 0.5 else "MISSES"
    print(f"target    {verdict} the aim: full within 2x of raw and under 0.5 s")
    return 0


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section.sections)


if __name__ == "__main__":
    sys.exit(main())
