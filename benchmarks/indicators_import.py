"""Benchmark: read and validate 10 years × every municipality × 50 indicators (≈178,500 values).

    .venv/bin/python benchmarks/indicators_import.py [--repeat 3]

Generates the values in memory (synthetic numbers, for timing only; never
imported anywhere), once as a semicolon CSV with decimal commas and once as a
JSON-stat 2.0 dataset (Region × ContentsCode × Tid), and times
``veikart.indicators.importing.plan_bytes`` on each: decoding, parsing, member
resolution, period and number checks and duplicate detection. Prints rows per
second and the machine's size. Rendering the dashboard is the web layer's part.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date

from machine import machine  # benchmarks/machine.py, beside this script

from veikart.indicators.import_plan import ImportOptions
from veikart.indicators.importing import plan_bytes
from veikart.members import MemberKind, load_members

YEARS = list(range(2014, 2024))
INDICATORS = [f"Indikator {n:02d}" for n in range(1, 51)]


def generate(numbers: list[str]) -> tuple[bytes, bytes, int]:
    rng = random.Random(4)  # fixed seed: the same files on every run
    values = [round(rng.uniform(0, 100), 2) for _ in range(len(numbers) * len(INDICATORS) * len(YEARS))]
    lines = ["kommunenummer;indikator;år;verdi"]
    flat = 0
    for number in numbers:
        for indicator in INDICATORS:
            for year in YEARS:
                lines.append(f"{number};{indicator};{year};{str(values[flat]).replace('.', ',')}")
                flat += 1
    csv_bytes = ("\n".join(lines) + "\n").encode("utf-8")
    doc = {
        "version": "2.0", "class": "dataset", "label": "Benchmark", "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(numbers), len(INDICATORS), len(YEARS)],
        "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
        "dimension": {
            "Region": {"category": {"index": {f"K-{n}": i for i, n in enumerate(numbers)}}},
            "ContentsCode": {"category": {"index": {f"I{i}": i for i in range(len(INDICATORS))},
                                          "label": {f"I{i}": name for i, name in enumerate(INDICATORS)}}},
            "Tid": {"category": {"index": {str(y): i for i, y in enumerate(YEARS)}}},
        },
        "value": values,
    }
    return csv_bytes, json.dumps(doc).encode("utf-8"), len(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per format; the best is reported")
    parser.add_argument("--large", action="store_true",
                        help="also time one CSV just under the 50 MB default limit (needs about 2 GB of memory)")
    args = parser.parse_args()
    numbers = [m.number for m in load_members(date(2024, 1, 1), MemberKind.MUNICIPALITY)]
    csv_bytes, json_bytes, count = generate(numbers)
    options = ImportOptions(as_of=date(2024, 1, 1), max_bytes=200 * 1024 * 1024)
    print(f"machine: {machine()}")
    print(f"values: {len(YEARS)} years × {len(numbers)} municipalities × {len(INDICATORS)} indicators = {count}")
    for name, data, filename in (("CSV", csv_bytes, "bench.csv"), ("JSON-stat", json_bytes, "bench.json")):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            plan = plan_bytes(data, filename, options)
            best = min(best, time.perf_counter() - start)
        if len(plan.rows) != count or plan.rejected:
            print(f"{name}: unexpected plan: {len(plan.rows)} rows, {len(plan.rejected)} rejected", file=sys.stderr)
            return 1
        print(f"{name:9} {len(data) / 1048576:6.1f} MB  parse+validate {best:6.2f} s  "
              f"{count / best:>9,.0f} rows/s  (best of {args.repeat})")
    if args.large:
        # The same rows repeated under distinct indicator names until the file nearly reaches 50 MB.
        header, _, body = csv_bytes.partition(b"\n")
        parts, size, n = [header + b"\n"], len(header) + 1, 0
        while True:
            copy = body.replace(b";Indikator ", f";Kopi {n} ".encode())
            if size + len(copy) > 50 * 1024 * 1024:
                break
            parts.append(copy)
            size, n = size + len(copy), n + 1
        data = b"".join(parts)
        start = time.perf_counter()
        plan = plan_bytes(data, "large.csv", ImportOptions(as_of=date(2024, 1, 1)))
        took = time.perf_counter() - start
        print(f"{'CSV large':9} {len(data) / 1048576:6.1f} MB  parse+validate {took:6.2f} s  "
              f"{len(plan.rows) / took:>9,.0f} rows/s  ({len(plan.rows)} rows, {len(plan.rejected)} rejected)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
