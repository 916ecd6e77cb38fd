"""Precision and recall of an alignment against a correspondence made by hand.

The correspondence file (see tests/compare/data/ks-2016-2019_vs_2020-2023.json)
links each old goal, by a prefix of its text, to the new goals or
commitments with the same aim, and each old focus area to new ones.

    python -m veikart.compare.evaluate [CORRESPONDENCE.json] [--tune]

prints link precision/recall/F1, status accuracy and relation accuracy on the
tuning part (the first four old focus areas), the held-out part (the rest)
and all; --tune searches the thresholds on the tuning part only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from veikart.compare.align import Link, Relation, Thresholds, choose_links, item_status, link_relations
from veikart.compare.compare import align_level, similarities
from veikart.compare.items import Entry
from veikart.ingest.model import Strategy
from veikart.text import fold, normalise

DEFAULT = Path(__file__).resolve().parents[2] / "tests" / "compare" / "data" / "ks-2016-2019_vs_2020-2023.json"
TUNING_SECTIONS = 4  # old focus areas 1–4 tune; the others are held out


def _key(text: str) -> str:
    return " ".join(fold(normalise(text)).split())


def find(prefix: str, entries: list[Entry]) -> Entry:
    """The one entry whose text starts with ``prefix`` (folded); ValueError when none or several."""
    key = _key(prefix)
    found = [e for e in entries if _key(e.text).startswith(key)]
    if len(found) != 1:
        raise ValueError(f"{len(found)} items start with {prefix!r}")
    return found[0]


@dataclass(frozen=True)
class Gold:
    links: set[tuple[str, str]]
    relations: dict[tuple[str, str], Relation]
    status: dict[str, Relation]
    section_links: set[tuple[str, str]]


def load_gold(data: dict, levels: dict) -> Gold:
    olds, news, _ = levels["goals"]
    links: set[tuple[str, str]] = set()
    one_to_one: dict[tuple[int, int], Relation] = {}
    index_old = {e.id: i for i, e in enumerate(olds)}
    index_new = {e.id: i for i, e in enumerate(news)}
    for row in data["goals"]:
        old = find(row["old"], olds)
        for prefix in row["new"]:
            pair = (old.id, find(prefix, news).id)
            links.add(pair)
            one_to_one[(index_old[pair[0]], index_new[pair[1]])] = Relation(row.get("relation", "reworded"))
    as_links = [Link(index_old[o], index_new[n], 1.0) for o, n in sorted(links)]
    by_index = link_relations(as_links, one_to_one)
    relations = {(olds[i].id, news[j].id): r for (i, j), r in by_index.items()}
    status = {e.id: item_status([r for (o, _), r in relations.items() if o == e.id], Relation.DROPPED) for e in olds}
    s_old, s_new, _ = levels["sections"]
    section_links = {
        (find(row["old"], s_old).id, find(p, s_new).id) for row in data.get("sections", []) for p in row["new"]
    }
    return Gold(links, relations, status, section_links)


def _prf(predicted: set, gold: set) -> dict[str, float]:
    hits = len(predicted & gold)
    p = hits / len(predicted) if predicted else 0.0
    r = hits / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "predicted": len(predicted),
            "gold": len(gold), "correct": hits}


def score(level, gold: Gold, old_ids: set[str]) -> dict:
    """Metrics of a goals level for the old goals in ``old_ids``."""
    predicted = {(x.old.id, x.new.id): x.relation for x in level.links if x.old.id in old_ids}
    gold_links = {pair for pair in gold.links if pair[0] in old_ids}
    both = set(predicted) & gold_links
    status_hits = sum(1 for i in old_ids if level.old_status[i] == gold.status[i])
    confusion = Counter((gold.status[i].value, level.old_status[i].value) for i in old_ids)
    dropped_pred = {i for i in old_ids if level.old_status[i] == Relation.DROPPED}
    dropped_gold = {i for i in old_ids if gold.status[i] == Relation.DROPPED}
    return {
        "goals": len(old_ids),
        "links": _prf(set(predicted), gold_links),
        "relation_accuracy_on_correct_links": round(
            sum(1 for p in both if predicted[p] == gold.relations[p]) / len(both), 3) if both else 0.0,
        "status_accuracy": round(status_hits / len(old_ids), 3) if old_ids else 0.0,
        "dropped": _prf(dropped_pred, dropped_gold),
        "status_confusion_gold_to_predicted": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
    }


def splits(olds: list[Entry]) -> dict[str, set[str]]:
    section_order: list[str] = []
    for e in olds:
        if e.section_id not in section_order:
            section_order.append(e.section_id)
    tuning = set(section_order[:TUNING_SECTIONS])
    return {
        "tuning": {e.id for e in olds if e.section_id in tuning},
        "held_out": {e.id for e in olds if e.section_id not in tuning},
        "all": {e.id for e in olds},
    }


def evaluate(old: Strategy, new: Strategy, data: dict, t: Thresholds) -> dict:
    levels = similarities(old, new, t)
    gold = load_gold(data, levels)
    goals = align_level("goals", *levels["goals"], t)
    sections = align_level("sections", *levels["sections"], t)
    parts = splits(levels["goals"][0])
    out = {name: score(goals, gold, ids) for name, ids in parts.items()}
    out["sections"] = {"links": _prf({(x.old.id, x.new.id) for x in sections.links}, gold.section_links)}
    return out


GRID = {
    "link": (0.1, 0.15, 0.2, 0.25, 0.3, 0.35),
    "ratio": (0.7, 0.8, 0.9, 1.0),
    "adopt": (0.25, 0.3, 0.35, 0.45, 2.0),
    "section_weight": (0.0, 0.2, 0.3, 0.4, 0.5),
    "char_weight": (0.0, 0.3, 0.5),
}


def tune(old: Strategy, new: Strategy, data: dict, base: Thresholds) -> tuple[Thresholds, dict]:
    """The thresholds with the best link F1 on the tuning part (ties: fewer links)."""
    best: tuple | None = None
    for char_w, sec_w in itertools.product(GRID["char_weight"], GRID["section_weight"]):
        t0 = replace(base, char_weight=char_w, section_weight=sec_w)
        levels = similarities(old, new, t0)
        gold = load_gold(data, levels)
        olds, news, sim = levels["goals"]
        ids = splits(olds)["tuning"]
        for link, ratio, adopt in itertools.product(GRID["link"], GRID["ratio"], GRID["adopt"]):
            t = replace(t0, link=link, ratio=ratio, adopt=adopt)
            links = choose_links(sim, t)
            predicted = {(olds[x.old].id, news[x.new].id) for x in links if olds[x.old].id in ids}
            metrics = _prf(predicted, {p for p in gold.links if p[0] in ids})
            key = (metrics["f1"], -metrics["predicted"])
            if best is None or key > best[0]:
                best = (key, t, metrics)
    assert best is not None
    return best[1], best[2]


def load_pair(path: Path) -> tuple[Strategy, Strategy, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    old = Strategy.from_dict(json.loads((path.parent / data["old"]).read_text(encoding="utf-8")))
    new = Strategy.from_dict(json.loads((path.parent / data["new"]).read_text(encoding="utf-8")))
    return old, new, data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m veikart.compare.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("correspondence", nargs="?", default=str(DEFAULT))
    parser.add_argument("--tune", action="store_true", help="search thresholds on the tuning part first")
    args = parser.parse_args(argv)
    try:
        old, new, data = load_pair(Path(args.correspondence))
    except (OSError, ValueError, KeyError) as exc:
        print(f"veikart: {args.correspondence}: {exc}", file=sys.stderr)
        return 2
    t = Thresholds()
    if args.tune:
        t, metrics = tune(old, new, data, t)
        print(f"tuned on the tuning part: {t} -> links {metrics}")
    result = evaluate(old, new, data, t)
    print(json.dumps({"thresholds": t.__dict__, **result}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
