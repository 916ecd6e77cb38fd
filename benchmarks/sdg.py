"""SDG classifier throughput on one core: short texts (a goal sentence) and paragraphs.

    .venv/bin/python benchmarks/sdg.py [--seconds 3]

Short texts are the 175 KS goal and commitment sentences of the bokmål set
(about 20 words) and the 169 English UN target texts; paragraphs join six
consecutive KS sentences (about 130 words). Proposals need each text's
vector: "embed" is the embedding model's rate in batches (done once per text
and cached by the web app, in the background); "cold" and "warm" classify
texts whose vectors are given, with empty word caches and in steady state.
The process is pinned to one CPU where the OS allows, and each rate is the
best of several wall-clock runs, so that other work on a shared machine
counts as little as possible; the load average is printed beside the
machine's size so a reader can judge the numbers.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from machine import machine  # benchmarks/machine.py, beside this script

from veikart.sdg.catalogue import load_catalogue
from veikart.sdg.classifier import SdgClassifier
from veikart.sdg.evaluate import load_bokmal_set
from veikart.text.stem import stem


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def timed(classifier: SdgClassifier, texts: list[str], vectors: np.ndarray) -> float:
    """Texts per second (wall clock) for one pass, vectors given."""
    start = time.perf_counter()
    classifier.classify_many(texts, vectors=vectors)
    return len(texts) / (time.perf_counter() - start)


def warm(classifier: SdgClassifier, texts: list[str], vectors: np.ndarray, seconds: float) -> float:
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        best = max(best, timed(classifier, texts, vectors))
    return best


def cold(texts: list[str], vectors: np.ndarray, repeats: int = 3) -> float:
    best = 0.0
    for _ in range(repeats):
        classifier = SdgClassifier()
        stem.cache_clear()
        best = max(best, timed(classifier, texts, vectors))
    return best


def embedded(texts: list[str]) -> tuple[np.ndarray, float]:
    """The texts' vectors and the embedding rate (texts per second, batches of EMBED_BATCH)."""
    start = time.perf_counter()
    vectors = SdgClassifier.embed(texts)
    return vectors, len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per warm measurement")
    args = parser.parse_args()

    print(machine())
    if hasattr(os, "getloadavg"):
        print("load average: " + ", ".join(f"{v:.1f}" for v in os.getloadavg()) + " (other work shares the machine)")
    print(pin_to_one_core())
    sentences = [item.text for item in load_bokmal_set()]
    targets_en = [t.text_en for t in load_catalogue().targets.values()]
    paragraphs = [" ".join(sentences[i:i + 6]) for i in range(0, len(sentences) - 5, 6)]
    start = time.perf_counter()
    classifier = SdgClassifier()
    print(f"load: {time.perf_counter() - start:.2f} s (lexicon, target index, target vectors)")
    SdgClassifier.embed(["oppvarming av modellen"])  # the model's own load is not the rate

    rows = [
        ("short, bokmål (KS sentences)", sentences),
        ("short, English (UN targets)", targets_en),
        ("paragraph, bokmål (6 sentences)", paragraphs),
    ]
    print(f"{'texts':<34} {'words/text':>10} {'embed /s':>9} {'cold /s':>9} {'warm /s':>9}")
    for name, texts in rows:
        words = sum(len(t.split()) for t in texts) / len(texts)
        vectors, rate = embedded(texts)
        print(f"{name:<34} {words:>10.0f} {rate:>9.1f} {cold(texts, vectors):>9.0f} "
              f"{warm(classifier, texts, vectors, args.seconds):>9.0f}")
    print("texts per second on one core, best wall-clock run; embed = vectors in batches (once per text);"
          " cold/warm = proposals from given vectors, empty caches / steady state")


if __name__ == "__main__":
    main()
