"""Precision and recall of plan alignment against the alignment gold (veikart/compare/gold/).

    veikart align evaluate [--tune] [--json]

The labelled examples alignment learns from are the dev plans' goals; a dev
plan is scored with its own examples left out (leave one plan out), a test
plan with all of them.

For every goal of the gold's plans, the predicted KS focus areas are compared
with the labelled ones: one (goal, area) pair is one decision. Precision,
recall and F1 are micro-averaged over the pairs of the dev plans, the test
plans and each plan. ``--tune`` searches the settings on the dev plans only
and then scores both; without it the shipped ``Settings`` are scored.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from veikart.compare.evaluate import _prf
from veikart.compare.examples import load_examples
from veikart.compare.plan_alignment import Area, Evidence, PlanItem, Settings, area_scores, choose, evidence, ks_areas
from veikart.compare.vectors import Embed
from veikart.ingest.model import read_strategy_json

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent / "gold" / "alignment-ks-2020-2023.json"


@dataclass
class GoldPlan:
    name: str
    split: str
    language: str
    items: list[PlanItem]
    labels: list[set[str]]


def load(path: Path = GOLD) -> tuple[list[Area], list[GoldPlan]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    areas = ks_areas(read_strategy_json((ROOT / data["ks"]).read_bytes()))
    plans = [
        GoldPlan(Path(p["plan"]).stem, p["split"], p.get("language") or "nb",
                 [PlanItem(g["text"], "goal", g["section"]) for g in p["goals"]], [set(g["ks"]) for g in p["goals"]])
        for p in data["plans"]
    ]
    return areas, plans


def predicted(scores: np.ndarray, areas: list[Area], settings: Settings) -> list[set[str]]:
    return [{areas[a].number for a in chosen} for chosen in choose(scores, settings)]


def pairs(name: str, labels: list[set[str]]) -> set[tuple[str, int, str]]:
    return {(name, i, area) for i, found in enumerate(labels) for area in found}


def score(plans: list[GoldPlan], scores: dict[str, np.ndarray], areas: list[Area], settings: Settings) -> dict:
    """P/R/F1 per plan and pooled per split; ``scores``: each plan's area scores (``area_scores``)."""
    out: dict[str, dict] = {}
    pooled: dict[str, tuple[set, set]] = {"dev": (set(), set()), "test": (set(), set())}
    for plan in plans:
        guess = pairs(plan.name, predicted(scores[plan.name], areas, settings))
        gold = pairs(plan.name, plan.labels)
        out[plan.name] = {"split": plan.split, **_prf(guess, gold)}
        pooled[plan.split][0].update(guess)
        pooled[plan.split][1].update(gold)
    return {"dev": _prf(*pooled["dev"]), "test": _prf(*pooled["test"]), "plans": out}


def all_scores(evidences: dict[str, Evidence], areas: list[Area], settings: Settings) -> dict[str, np.ndarray]:
    return {name: area_scores(ev, len(areas), settings)[0] for name, ev in evidences.items()}


GRID = {
    "semantic_floor": (0.75, 0.8),
    "semantic_weight": (0.2, 0.4, 0.6),
    "lexical_weight": (0.0, 0.2, 0.4),
    "section_weight": (0.0, 0.2, 0.4),
    "example_weight": (0.0, 0.3, 0.6, 1.0),
    "threshold": tuple(np.round(np.arange(0.05, 0.7, 0.05), 2)),
    "ratio": (0.6, 0.8, 0.9),
    "top": (1, 2),
}


def all_evidence(plans: list[GoldPlan], areas: list[Area], settings: Settings, embed: Embed | None) -> dict:
    """Each plan's evidence; the labelled examples of a dev plan are left out when that plan is scored."""
    examples = load_examples()
    return {p.name: evidence(p.items, areas, settings, embed, p.language, examples, leave_out=p.name) for p in plans}


def tune(plans: list[GoldPlan], areas: list[Area], embed: Embed | None = None) -> tuple[Settings, dict]:
    """The settings with the best F1 on the dev plans (ties: fewer predicted pairs). Test plans are not looked at."""
    dev = [p for p in plans if p.split == "dev"]
    best: tuple | None = None
    for floor in GRID["semantic_floor"]:
        evidences = all_evidence(dev, areas, replace(Settings(), semantic_floor=floor), embed)
        for sem, lex, sec, ex in itertools.product(GRID["semantic_weight"], GRID["lexical_weight"],
                                                   GRID["section_weight"], GRID["example_weight"]):
            weights = Settings(semantic_weight=sem, lexical_weight=lex, section_weight=sec, example_weight=ex,
                               semantic_floor=floor)
            scores = all_scores(evidences, areas, weights)
            for threshold, ratio, top in itertools.product(GRID["threshold"], GRID["ratio"], GRID["top"]):
                s = replace(weights, threshold=float(threshold), ratio=ratio, top=top)
                m = score(dev, scores, areas, s)["dev"]
                key = (m["f1"], -m["predicted"])
                if best is None or key > best[0]:
                    best = (key, s, m)
    assert best is not None
    return best[1], best[2]


def evaluate(settings: Settings, path: Path = GOLD, embed: Embed | None = None) -> dict:
    areas, plans = load(path)
    evidences = all_evidence(plans, areas, settings, embed)
    return score(plans, all_scores(evidences, areas, settings), areas, settings)


def format_table(settings: Settings, result: dict) -> str:
    lines = [f"settings: {settings}", "", "KS focus areas per plan goal, (goal, area) pairs:",
             f"{'':<48}{'P':>7}{'R':>7}{'F1':>7}  correct/predicted/gold"]

    def row(name: str, m: dict) -> str:
        return (f"{name:<48}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}  "
                f"{m['correct']}/{m['predicted']}/{m['gold']}")

    for split in ("dev", "test"):
        lines.append(row(f"{split} (all plans)", result[split]))
        lines += [row(f"  {name}", m) for name, m in result["plans"].items() if m["split"] == split]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="veikart align evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(GOLD), help="the alignment gold (JSON)")
    parser.add_argument("--tune", action="store_true", help="search the settings on the dev plans first")
    parser.add_argument("--json", action="store_true", help="every metric as JSON")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.tune:
        areas, plans = load(Path(args.gold))
        settings, m = tune(plans, areas)
        print(f"tuned on the dev plans: {settings} -> dev F1 {m['f1']:.3f}", file=sys.stderr)
    result = evaluate(settings, Path(args.gold))
    if args.json:
        print(json.dumps({"settings": asdict(settings), **result}, ensure_ascii=False, indent=2))
    else:
        print(format_table(settings, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
