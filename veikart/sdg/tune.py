"""Choose the classifier's decision parameters on the tuning half of the bokmål set.

    python -m veikart.sdg.tune

prints the best settings by micro F1 on the "tune" split only. The test split
and the SDG Classification Benchmark are never looked at here. Copy the result
into ``Settings`` in classifier.py by hand (so the choice is visible in review).
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace

from veikart.sdg.classifier import SdgClassifier, Settings
from veikart.sdg.evaluate import load_bokmal_set, multilabel_metrics

GRID = {
    "threshold": (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7),
    "relative": (0.0, 0.25, 0.35, 0.5, 0.65),
    "similarity_weight": (0.0, 1.5, 3.0, 5.0),
    "similarity_floor": (0.08, 0.12, 0.18),
}


def tune() -> list[tuple[float, float, Settings]]:
    items = [i for i in load_bokmal_set() if i.split == "tune"]
    classifier = SdgClassifier()
    results = []
    for values in itertools.product(*GRID.values()):
        classifier.settings = replace(Settings(), **dict(zip(GRID, values, strict=True)))
        predictions = [frozenset(m.goal for m in classifier.classify(i.text)) for i in items]
        metrics = multilabel_metrics(items, predictions, rounds=0)
        results.append((metrics.micro.f1, metrics.macro_f1, classifier.settings))
    results.sort(key=lambda r: (-r[0], -r[1]))
    return results


def main() -> int:
    results = tune()
    for micro, macro, settings in results[:10]:
        print(f"micro F1 {micro:.3f}  macro F1 {macro:.3f}  threshold={settings.threshold} "
              f"relative={settings.relative} similarity_weight={settings.similarity_weight} "
              f"similarity_floor={settings.similarity_floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
