"""The line model at run time: a table of weights, read once, applied left to right.

Trained by ``scripts/train_structure.py`` (scikit-learn's logistic regression
on the annotated plans in ``corpus/annotations``) and shipped as
``line_model.json``. Run time needs no scikit-learn and no NumPy: a label's
score is its bias plus the weights of the unit's features, and the best label
wins; the labels already chosen are features of the next unit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from veikart.ingest.document import Block
from veikart.ingest.structure.features import dynamic_features, static_features

MODEL_PATH = Path(__file__).with_name("line_model.json")


@dataclass(frozen=True)
class LineModel:
    labels: tuple[str, ...]
    weights: dict[str, list[float]]

    def scores(self, features: list[str]) -> list[float]:
        total = [0.0] * len(self.labels)
        for name in features:
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    total[k] += w
        return total

    def label(self, units: list[Block]) -> list[tuple[str, float]]:
        """Each unit's label and its margin over the runner-up (small = doubtful)."""
        chosen: list[str] = []
        out: list[tuple[str, float]] = []
        for static in static_features(units):
            scores = self.scores(static + dynamic_features(chosen))
            order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
            best = self.labels[order[0]]
            chosen.append(best)
            out.append((best, scores[order[0]] - scores[order[1]]))
        return out


@cache
def load(path: Path = MODEL_PATH) -> LineModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return LineModel(labels=tuple(data["labels"]), weights=data["weights"])
