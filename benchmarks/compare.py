#!/usr/bin/env python3
"""What text analysis and period comparison cost.

    .venv/bin/python benchmarks/compare.py [--runs N]

Prints (best of N runs): (1) ``index_terms`` throughput in words per second
on the text of the two KS sample strategies, cold caches and warm; (2) one
``fts5_query`` for a typical query; (3) ``compare`` of the two hand-made KS
Strategy JSON files (62 + 43 items against 12 + 60); (4) ``compare`` of two
generated strategies of 10 focus areas and N goals and N commitments each,
made by reshuffling real sentences of the samples (stated as such: the text
is real, the strategies are not); (5) ``align_plan`` of the gold's largest
plan (Ringerike, 93 goals) against KS 2020–2023. Also the machine's size.

Sentence vectors come from the disk cache (veikart.compare.vectors); the first
run embeds every text once (about 30 texts a second on this machine) and is
not timed: a warm-up call precedes each measurement.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from machine import machine  # benchmarks/machine.py, beside this script

from veikart.compare import align_evaluate, compare
from veikart.compare.plan_alignment import align_plan
from veikart.compare.vectors import embed
from veikart.ingest.model import DocumentSource, Item, Period, Section, Strategy
from veikart.text import fts5_query, index_terms, tokens
from veikart.text.analyse import _word_terms_default
from veikart.text.compounds import _split_default
from veikart.text.stem import stem

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "compare" / "data"


def best_of(runs: int, fn: Callable[[], object], before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def load(name: str) -> Strategy:
    return Strategy.from_dict(json.loads((DATA / name).read_text(encoding="utf-8")))


def generated(sentences: list[str], n: int, seed: int, start: int) -> Strategy:
    rng = random.Random(seed)
    sections = [Section(number=str(i + 1), title=rng.choice(sentences)[:60]) for i in range(10)]
    for i in range(n):
        sections[i % 10].goals.append(Item(rng.choice(sentences)))
        sections[i % 10].commitments.append(Item(rng.choice(sentences)))
    return Strategy(f"Generated {start}", "Test", Period(start, start + 3), DocumentSource(None, "", None),
                    sections=sections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    old, new = load("ks-2016-2019.json"), load("ks-2020-2023.json")
    texts = [e for s in (old, new) for sec in s.walk() for e in
             [sec.title, sec.intro, *(g.text for g in sec.goals), *(c.text for c in sec.commitments)]]
    words = sum(len(tokens(t)) for t in texts)

    def clear() -> None:
        stem.cache_clear()
        _split_default.cache_clear()
        _word_terms_default.cache_clear()

    cold = best_of(args.runs, lambda: [index_terms(t) for t in texts], clear)
    warm = best_of(args.runs, lambda: [index_terms(t) for t in texts])
    query = best_of(args.runs * 100, lambda: fts5_query("digitaliseringsstrategi for barnehagene i kommunen"))
    compare(old, new)  # warm-up: fills the vector cache
    pair = best_of(args.runs, lambda: compare(old, new))
    print(f"machine: {machine()}")
    print(f"index_terms: {words} words, cold caches {words / cold:,.0f} words/s, warm {words / warm:,.0f} words/s")
    print(f"fts5_query (5 words): {query * 1e6:.0f} µs")
    print(f"compare KS 2016–2019 vs 2020–2023 (hand-made JSON): {pair * 1000:.0f} ms")
    _, plans = align_evaluate.load()
    plan = max(plans, key=lambda p: len(p.items))
    strategy = Strategy(plan.name, "Test", Period(2021, 2030), DocumentSource(None, "", None),
                        sections=[Section(number="1", title="Mål", goals=[Item(i.text) for i in plan.items])])
    align_plan(strategy, new, classify=None)  # warm-up
    aligned = best_of(args.runs, lambda: align_plan(strategy, new, classify=None))
    print(f"align_plan {len(plan.items)} goals against KS 2020–2023 (no SDGs): {aligned * 1000:.0f} ms")
    sentences = [t for t in texts if len(t) > 40]
    embed(sentences)  # warm-up for the generated strategies' texts
    for n in (100, 300, 1000):
        a, b = generated(sentences, n, 1, 2016), generated(sentences, n, 2, 2020)
        seconds = best_of(max(2, args.runs // 2), lambda a=a, b=b: compare(a, b))
        print(f"compare generated strategies, {n} goals + {n} commitments each side: {seconds:.2f} s")


if __name__ == "__main__":
    main()
