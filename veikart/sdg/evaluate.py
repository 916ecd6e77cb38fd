"""Evaluations of the SDG classifier: the SDG Classification Benchmark (English) and our bokmål set.

Benchmark protocol (PyPI ``sdgclassification-benchmark`` 1.0.0, its
``Benchmark.run`` and ``Metrics``): every snippet is labelled for ONE SDG k,
positive or negative. A snippet counts as predicted positive when k is among
the goals the classifier returns. For each SDG, accuracy, precision, recall and
F1 are computed over the snippets labelled for that SDG only; the reported
figures are the unweighted means over the SDGs. We compute exactly that, plus
a bootstrap 95 % interval over snippets. The benchmark is used for evaluation
only: nothing in the classifier was chosen by looking at its snippets.

Norwegian sets, labelled with all goals that apply (docs/sdg-labelling-guideline.md),
each text marked "tune" (used to fit the classifier's weights) or "test" (held out):

- data/eval_nb.jsonl: KS goal and commitment sentences (bokmål), alternately tune and test;
- data/eval_municipal.jsonl: Krødsherad's samfunnsdel (bokmål, tune), Gol's
  samfunnsdel (nynorsk, test) and sentences from three other Gol documents
  (health and care plan, planstrategi, planprogram; nynorsk, tune), items from
  the corpus annotations.

The report gives each split per language: bokmål and nynorsk.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from veikart.sdg.catalogue import GOAL_NUMBERS
from veikart.sdg.classifier import SdgClassifier
from veikart.semantic import text_key

Predict = Callable[[str], Iterable[int]]
PredictMany = Callable[[list[str]], Iterable[Iterable[int]]]

# Published results on the benchmark (its README, 2024), for the printed comparison.
PUBLISHED = (
    ("JRC SDG Mapper", 77.3, 0.711),
    ("text2sdg", 83.0, 0.820),
    ("AFD SDG Prospector", 87.8, 0.865),
    ("GPT-4o", 87.2, 0.879),
)


class EvaluationError(Exception):
    """An evaluation set is missing or malformed."""


@dataclass(frozen=True)
class Binary:
    """Confusion counts and the benchmark's metrics (accuracy, precision, recall in %, F1 in 0–1)."""

    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        return 100.0 * (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision / 100, self.recall / 100
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, expected: bool, predicted: bool) -> Binary:
        return Binary(
            self.tp + (expected and predicted), self.fp + (not expected and predicted),
            self.tn + (not expected and not predicted), self.fn + (expected and not predicted),
        )


@dataclass(frozen=True)
class Snippet:
    text: str
    sdg: int
    label: bool


@dataclass(frozen=True)
class Interval:
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class BenchmarkResult:
    per_sdg: dict[int, Binary]
    accuracy: Interval
    f1: Interval
    precision: float
    recall: float
    baseline_accuracy: float
    baseline_f1: float
    n: int


# -- SDG Classification Benchmark ---------------------------------------------------------------


def load_benchmark() -> list[Snippet]:
    """The benchmark's 1,251 snippets, read from the installed package (CSV: id, text, sdg, label)."""
    try:
        package = resources.files("sdgclassification.benchmark.resources")
        raw = (package / "benchmark.csv").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        raise EvaluationError(
            "the SDG Classification Benchmark is not installed: pip install 'sdgclassification-benchmark==1.0.0'"
        ) from None
    return parse_benchmark_csv(raw)


def parse_benchmark_csv(raw: str) -> list[Snippet]:
    snippets = []
    for row in csv.DictReader(io.StringIO(raw)):
        label = row["label"].strip().lower()
        if label not in ("true", "false"):
            raise EvaluationError(f"benchmark row {row.get('id')!r}: label must be True or False, not {row['label']!r}")
        snippets.append(Snippet(row["text"], int(row["sdg"]), label == "true"))
    return snippets


def per_sdg_binary(snippets: Sequence[Snippet], predictions: Sequence[frozenset[int]]) -> dict[int, Binary]:
    """The benchmark's protocol: per SDG, over the snippets labelled for that SDG only."""
    counts = {g: Binary() for g in GOAL_NUMBERS}
    for snippet, predicted in zip(snippets, predictions, strict=True):
        counts[snippet.sdg] = counts[snippet.sdg].add(snippet.label, snippet.sdg in predicted)
    return counts


def mean_over_sdgs(counts: dict[int, Binary]) -> tuple[float, float, float, float]:
    """Unweighted mean accuracy, precision, recall, F1 over the SDGs that have snippets."""
    used = [c for c in counts.values() if c.n]
    if not used:
        return 0.0, 0.0, 0.0, 0.0
    k = len(used)
    return (sum(c.accuracy for c in used) / k, sum(c.precision for c in used) / k,
            sum(c.recall for c in used) / k, sum(c.f1 for c in used) / k)


def bootstrap(snippets: Sequence[Snippet], predictions: Sequence[frozenset[int]], rounds: int = 1000,
              seed: int = 5) -> tuple[tuple[float, float], tuple[float, float]]:
    """95 % percentile intervals for mean accuracy and mean F1, resampling snippets with replacement."""
    rng = random.Random(seed)
    n = len(snippets)
    accuracies, f1s = [], []
    for _ in range(rounds):
        picks = [rng.randrange(n) for _ in range(n)]
        acc, _p, _r, f1 = mean_over_sdgs(per_sdg_binary([snippets[i] for i in picks], [predictions[i] for i in picks]))
        accuracies.append(acc)
        f1s.append(f1)
    return _percentiles(accuracies), _percentiles(f1s)


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return ordered[int(0.025 * (len(ordered) - 1))], ordered[int(0.975 * (len(ordered) - 1))]


def run_benchmark(predict: Predict, snippets: Sequence[Snippet] | None = None, rounds: int = 1000,
                  seed: int = 5, predict_many: PredictMany | None = None) -> BenchmarkResult:
    """The benchmark's protocol; ``predict_many`` (all texts in one call) when given, else ``predict`` per text."""
    snippets = list(snippets) if snippets is not None else load_benchmark()
    if predict_many is not None:
        predictions = [frozenset(p) for p in predict_many([s.text for s in snippets])]
    else:
        predictions = [frozenset(predict(s.text)) for s in snippets]
    counts = per_sdg_binary(snippets, predictions)
    acc, precision, recall, f1 = mean_over_sdgs(counts)
    (acc_lo, acc_hi), (f1_lo, f1_hi) = bootstrap(snippets, predictions, rounds, seed)
    always_yes = per_sdg_binary(snippets, [frozenset(GOAL_NUMBERS)] * len(snippets))
    base_acc, _bp, _br, base_f1 = mean_over_sdgs(always_yes)
    return BenchmarkResult(counts, Interval(acc, acc_lo, acc_hi), Interval(f1, f1_lo, f1_hi), precision, recall,
                           base_acc, base_f1, len(snippets))


def format_benchmark(result: BenchmarkResult) -> str:
    lines = [
        f"SDG Classification Benchmark (English, {result.n} snippets; per-SDG binary, unweighted mean)",
        f"{'SDG':>5} {'n':>4} {'acc %':>6} {'P %':>6} {'R %':>6} {'F1':>5}",
    ]
    for goal, c in result.per_sdg.items():
        if c.n:
            lines.append(f"{goal:>5} {c.n:>4} {c.accuracy:>6.1f} {c.precision:>6.1f} {c.recall:>6.1f} {c.f1:>5.2f}")
    lines += [
        f"{'mean':>5} {'':>4} {result.accuracy.value:>6.1f} {result.precision:>6.1f} {result.recall:>6.1f} "
        f"{result.f1.value:>5.3f}",
        "",
        f"Veikart: accuracy {result.accuracy.value:.1f} % "
        f"(95 % CI {result.accuracy.low:.1f}–{result.accuracy.high:.1f}), "
        f"F1 {result.f1.value:.3f} (95 % CI {result.f1.low:.3f}–{result.f1.high:.3f})",
        f"Always yes (baseline): accuracy {result.baseline_accuracy:.1f} %, F1 {result.baseline_f1:.3f}",
    ]
    lines += [f"{name}: accuracy {acc:.1f} %, F1 {f1:.3f} (published)" for name, acc, f1 in PUBLISHED]
    return "\n".join(lines)


# -- bokmål set ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledText:
    id: str
    text: str
    sdgs: frozenset[int]
    split: str
    language: str = "nb"


@dataclass(frozen=True)
class MultiLabelResult:
    n: int
    micro: Binary                 # over all (text, goal) pairs
    per_goal: dict[int, Binary]
    exact_match: float            # % of texts whose whole set of goals is right
    macro_precision: float        # over goals that occur in the labels
    macro_recall: float
    macro_f1: float
    per_goal_accuracy: float      # the benchmark's mean accuracy, every text judged for every labelled goal
    micro_f1_interval: tuple[float, float]


def load_bokmal_set(path: str | None = None) -> list[LabelledText]:
    """KS's sentences (data/eval_nb.jsonl), or the labelled set at ``path``."""
    if path is None:
        raw = (resources.files("veikart.sdg") / "data" / "eval_nb.jsonl").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    return parse_labelled_jsonl(raw)


def load_norwegian_sets() -> list[LabelledText]:
    """Every labelled Norwegian text: KS's sentences, then the municipal plans' items."""
    municipal = (resources.files("veikart.sdg") / "data" / "eval_municipal.jsonl").read_text(encoding="utf-8")
    return load_bokmal_set() + parse_labelled_jsonl(municipal)


def parse_labelled_jsonl(raw: str) -> list[LabelledText]:
    items = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            goals = frozenset(int(g) for g in row["sdgs"])
            items.append(LabelledText(str(row["id"]), str(row["text"]), goals, str(row.get("split", "test")),
                                      str(row.get("language", "nb"))))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationError(f"line {number}: not a labelled text ({exc})") from None
        if not goals <= set(GOAL_NUMBERS):
            raise EvaluationError(f"line {number}: goals must be 1–17")
        if items[-1].split not in ("tune", "test") or items[-1].language not in ("nb", "nn", "en"):
            raise EvaluationError(f"line {number}: split must be tune or test, language nb, nn or en")
    return items


def multilabel_metrics(items: Sequence[LabelledText], predictions: Sequence[frozenset[int]], rounds: int = 1000,
                       seed: int = 5) -> MultiLabelResult:
    per_goal = {g: Binary() for g in GOAL_NUMBERS}
    exact = 0
    for item, predicted in zip(items, predictions, strict=True):
        exact += item.sdgs == predicted
        for g in GOAL_NUMBERS:
            per_goal[g] = per_goal[g].add(g in item.sdgs, g in predicted)
    micro = Binary(*(sum(getattr(c, f) for c in per_goal.values()) for f in ("tp", "fp", "tn", "fn")))
    labelled = [g for g in GOAL_NUMBERS if per_goal[g].tp + per_goal[g].fn]
    k = len(labelled) or 1
    rng = random.Random(seed)
    f1s = []
    for _ in range(rounds if items else 0):
        picks = [rng.randrange(len(items)) for _ in items]
        c = Binary()
        for i in picks:
            for g in GOAL_NUMBERS:
                c = c.add(g in items[i].sdgs, g in predictions[i])
        f1s.append(c.f1)
    return MultiLabelResult(
        n=len(items), micro=micro, per_goal=per_goal,
        exact_match=100.0 * exact / len(items) if items else 0.0,
        macro_precision=sum(per_goal[g].precision for g in labelled) / k,
        macro_recall=sum(per_goal[g].recall for g in labelled) / k,
        macro_f1=sum(per_goal[g].f1 for g in labelled) / k,
        per_goal_accuracy=sum(per_goal[g].accuracy for g in labelled) / k,
        micro_f1_interval=_percentiles(f1s) if f1s else (0.0, 0.0),
    )


# The report's rows: (label, split, languages).
NORWEGIAN_ROWS = (
    ("test nb (KS)", "test", ("nb",)),
    ("test nn (Gol)", "test", ("nn",)),
    ("test all", "test", ("nb", "nn")),
    ("tune nb", "tune", ("nb",)),
    ("tune nn", "tune", ("nn",)),
    ("tune all", "tune", ("nb", "nn")),
)


def run_norwegian(predict_many: PredictMany, items: Sequence[LabelledText] | None = None,
                  rounds: int = 1000) -> dict[str, MultiLabelResult]:
    """Micro and macro P/R/F1 per row of ``NORWEGIAN_ROWS``; texts are predicted in one batch."""
    items = list(items) if items is not None else load_norwegian_sets()
    predictions = [frozenset(p) for p in predict_many([i.text for i in items])]
    results = {}
    for label, split, languages in NORWEGIAN_ROWS:
        chosen = [(i, p) for i, p in zip(items, predictions, strict=True)
                  if i.split == split and i.language in languages]
        if chosen:
            results[label] = multilabel_metrics([c[0] for c in chosen], [c[1] for c in chosen], rounds)
    return results


def format_norwegian(results: dict[str, MultiLabelResult]) -> str:
    lines = [
        "Norwegian sets (KS' strategies and municipal plans; only 'tune' was used for fitting, 'test' is held out)",
        f"{'set':<17} {'n':>4} {'micro P':>8} {'micro R':>8} {'micro F1':>9} {'95 % CI':>13} "
        f"{'macro P':>8} {'macro R':>8} {'macro F1':>9} {'acc %':>6} {'exact %':>9}",
    ]
    for label, r in results.items():
        lo, hi = r.micro_f1_interval
        lines.append(
            f"{label:<17} {r.n:>4} {r.micro.precision:>8.1f} {r.micro.recall:>8.1f} {r.micro.f1:>9.3f} "
            f"{lo:>6.3f}–{hi:<6.3f} {r.macro_precision:>8.1f} {r.macro_recall:>8.1f} {r.macro_f1:>9.3f} "
            f"{r.per_goal_accuracy:>6.1f} {r.exact_match:>9.1f}"
        )
    lines.append("acc % = mean per-goal accuracy (the benchmark's measure); exact = every goal of a text right")
    return "\n".join(lines)


def text_vectors(texts: list[str], cache: str | None = None) -> np.ndarray:
    """Vectors of evaluation or tuning texts, embedded in batches; with ``cache``, read from and added to
    that .npz file (keyed by ``veikart.semantic.text_key``), so a second run embeds nothing."""
    if cache is None:
        return SdgClassifier.embed(texts)
    stored: dict[str, np.ndarray] = {}
    try:
        with np.load(cache) as data:
            stored = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except FileNotFoundError:
        pass
    keys = [text_key(t) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in stored))
    if missing:
        by_key = dict(zip(keys, texts, strict=True))
        stored.update(zip(missing, SdgClassifier.embed([by_key[k] for k in missing]), strict=True))
        with open(cache, "wb") as handle:  # np.savez would add ".npz" to a name without it
            np.savez(handle, keys=np.array(list(stored)), vectors=np.stack(list(stored.values())))
    return np.stack([stored[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)
