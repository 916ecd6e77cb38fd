"""Train the line model from the annotated training plans; write veikart/ingest/structure/line_model.json.

    .venv/bin/python scripts/train_structure.py            # cross-validate on the training plans, then train on all
    .venv/bin/python scripts/train_structure.py --explain  # also print the strongest features per label

Training documents: every annotation in corpus/annotations with "split":
"train", and KS's 2020–2023 strategy in each format the importer reads (its
answer key is tests/ingest/expected/ks-2020-2023.json). Test annotations are
never read here. The regularisation strength and class weighting are chosen
by leave-one-document-out cross-validation over the training documents only.
Needs scikit-learn (a dev dependency; the run-time model is plain JSON).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from veikart.ingest import readers
from veikart.ingest.document import Block, Document
from veikart.ingest.metadata import find_metadata
from veikart.ingest.model import DocumentSource, Strategy
from veikart.ingest.structure import line_model
from veikart.ingest.structure.assemble import assemble
from veikart.ingest.structure.features import dynamic_features, links, static_features
from veikart.ingest.structure.gold import UNSURE, gold_labels, with_label_class
from veikart.ingest.structure.units import units_of
from veikart.ingest.tools.evaluate import Counts, evaluate
from veikart.ingest.tools.toc import Toc

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "corpus" / "annotations"
KS_EXPECTED = ROOT / "tests" / "ingest" / "expected" / "ks-2020-2023.json"
KS_FILES = [
    ROOT.parent / "shared" / "samples" / "ks-langtidsstrategi-2020-2023.md",
    ROOT / "veikart" / "web" / "demo" / "samples" / "ks-langtidsstrategi-2020-2023.md",
    ROOT / "tests" / "ingest" / "fixtures" / "ks-langtidsstrategi-2020-2023.docx",
    ROOT / "tests" / "ingest" / "fixtures" / "ks-langtidsstrategi-2020-2023.html",
    ROOT / "tests" / "ingest" / "fixtures" / "ks-langtidsstrategi-2020-2023.pdf",
]
SCORED_ALL = ("sections", "goals", "commitments")
FOLDS = 4
MIN_COUNT = 2
VERBOSE = "--verbose" in sys.argv
# C; 1.5 was the worst in every run on 27 plans. Classes are weighted by their frequency ("balanced": better
# in every fold tried).
GRID = (0.07, 0.15, 0.5)
KS_FLOOR = 0.95
OFFSETS = (-0.5, 0.0, 0.5, 1.0)  # added to the score of "other" after training (-1.0 was the worst in every run)
GOAL_OFFSETS = (-0.5, 0.0, 0.5, 1.0)  # added to the score of "goal": how readily an item is called a goal


@dataclass
class TrainingDocument:
    name: str
    document: Document
    units: list[Block]
    labels: list[str]
    annotation: Strategy
    scored: tuple[str, ...]
    toc: Toc


def training_documents() -> list[TrainingDocument]:
    docs = []
    for path in sorted(ANNOTATIONS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("split") != "train":
            continue
        docs.append(_load(ROOT / data["document"], Strategy.from_dict(data), tuple(data.get("scored", SCORED_ALL))))
    ks = Strategy.from_dict(json.loads(KS_EXPECTED.read_text(encoding="utf-8")))
    seen_md = False
    for path in KS_FILES:
        if not path.exists() or (path.suffix == ".md" and seen_md):
            continue
        seen_md = seen_md or path.suffix == ".md"
        docs.append(_load(path, ks, SCORED_ALL))
    return docs


def _load(path: Path, annotation: Strategy, scored: tuple[str, ...]) -> TrainingDocument:
    data = path.read_bytes()
    document = readers.read(data, readers.detect_format(data, path.name))
    cleaned, units, toc = units_of(document, find_metadata(document).title)
    gold = gold_labels(units, annotation, scored)
    print(f"  {path.name[:60]:60s} units {len(units):4d}  annotation found {gold.found}/{gold.wanted}", file=sys.stderr)
    for key in gold.missing[:5]:
        print(f"      not found: {key[:90]}", file=sys.stderr)
    return TrainingDocument(path.name, cleaned, units, gold.labels, annotation, scored, toc)


def rows(doc: TrainingDocument) -> list[tuple[dict[str, int], str]]:
    """(features, label) of every unit the annotation settles; the labels before it are the gold ones."""
    labels = with_label_class(doc.units, doc.labels)
    previous = ["other" if label == UNSURE else label for label in labels]
    out = []
    for i, (static, link) in enumerate(zip(static_features(doc.units), links(doc.units), strict=True)):
        if labels[i] != UNSURE:
            out.append((dict.fromkeys(static + dynamic_features(previous[:i], link), 1), labels[i]))
    return out


def fit(docs: list[TrainingDocument], c: float, balanced: bool) -> line_model.LineModel:
    pairs = [pair for doc in docs for pair in rows(doc)]
    x_rows = [features for features, _ in pairs]
    y = [label for _, label in pairs]
    # A feature seen once is a name or a typo, not a cue: it would only be learnt by heart.
    seen = Counter(name for row in x_rows for name in row)
    x_rows = [{name: 1 for name in row if seen[name] >= MIN_COUNT} for row in x_rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(x_rows)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    clf.fit(x, y)
    labels = tuple(str(label) for label in clf.classes_)
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        row = [float(clf.coef_[k, j]) for k in range(len(labels))]
        if max(abs(w) for w in row) >= 1e-3:
            weights[str(name)] = [round(w, 4) for w in row]
    bias = weights.setdefault("bias", [0.0] * len(labels))
    weights["bias"] = [round(b + float(i), 4) for b, i in zip(bias, clf.intercept_, strict=True)]
    return line_model.LineModel(labels=labels, weights=weights)


def found_in(model: line_model.LineModel, doc: TrainingDocument) -> Strategy:
    """The sections the model and the assembly find in a training document, as the importer would."""
    labels = [label for label, _ in model.label(doc.units)]
    sections = assemble(doc.units, labels, doc.document, doc.toc, find_metadata(doc.document).title)
    return Strategy(title="", organisation=None, period=None, source=DocumentSource(None, "", None), sections=sections)


def scores_in(model: line_model.LineModel, doc: TrainingDocument) -> dict[str, Counts]:
    """(matched, found, expected) per scored type, end to end; "items" is goals and commitments together."""
    scores = evaluate(found_in(model, doc), doc.annotation).scores
    out = {kind: Counts(scores[kind].matched, scores[kind].found, scores[kind].expected) for kind in doc.scored}
    items = Counts()
    for kind in doc.scored:
        if kind != "sections":  # model choice is about items; sections are reported
            items.add(out[kind])
    out["items"] = items
    return out


Offsets = tuple[float, float]  # added to the scores of "other" and of "goal" after training


def shifted(model: line_model.LineModel, offsets: Offsets) -> line_model.LineModel:
    """The model with offsets added to the scores of "other" (how readily a unit is left as text) and "goal"."""
    bias = list(model.weights["bias"])
    for label, offset in zip(("other", "goal"), offsets, strict=True):
        k = model.labels.index(label)
        bias[k] = round(bias[k] + offset, 4)
    return line_model.LineModel(labels=model.labels, weights={**model.weights, "bias": bias})


def cross_validate(docs: list[TrainingDocument], c: float) -> dict[Offsets, dict[str, Counts]]:
    """Micro counts per type and offsets over held-out documents: FOLDS folds of whole documents (KS's four
    formats are one)."""
    groups = sorted({_group(d) for d in docs})
    fold_of = {group: i % FOLDS for i, group in enumerate(groups)}
    grid = [(other, goal) for other in OFFSETS for goal in GOAL_OFFSETS]
    totals: dict[Offsets, dict[str, Counts]] = {
        offsets: {kind: Counts() for kind in ("items", *SCORED_ALL)} for offsets in grid
    }
    for fold in range(FOLDS):
        model = fit([d for d in docs if fold_of[_group(d)] != fold], c, True)
        for doc in (d for d in docs if fold_of[_group(d)] == fold):
            for offsets in grid:
                counts = scores_in(shifted(model, offsets), doc)
                if VERBOSE and offsets == (0.0, 0.0):
                    # Per type, F1 (matched/found/expected): a change is judged on goals as on commitments.
                    per_type = "  ".join(
                        f"{kind} {c.f1:.3f} ({c.matched}/{c.found}/{c.expected})"
                        for kind, c in counts.items()
                    )
                    print(f"    fold {fold} {doc.name[:50]:50s} {per_type}", file=sys.stderr)
                for kind, count in counts.items():
                    totals[offsets][kind].add(count)
    return totals


def _ks_scores(model: line_model.LineModel, doc: TrainingDocument) -> tuple[float, float]:
    """The lowest F1 and the lowest recall of sections, goals and commitments on a training document
    (in-sample)."""
    scores = evaluate(found_in(model, doc), doc.annotation).scores.values()
    return min(s.f1 for s in scores), min(s.recall for s in scores)


def _group(doc: TrainingDocument) -> str:
    return "ks" if doc.name.startswith("ks-") else doc.name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--explain", action="store_true", help="print the strongest features per label")
    parser.add_argument("--verbose", action="store_true", help="print each held-out document's counts")
    parser.add_argument("--grid", type=float, nargs="*", help="the values of C to try (default: %(default)s)")
    parser.add_argument("--no-cv", action="store_true", help="train with the default settings, no cross-validation")
    args = parser.parse_args()
    print("training documents:", file=sys.stderr)
    docs = training_documents()
    best: tuple[float, Offsets] = (GRID[1], (0.0, 0.0))
    if not args.no_cv:
        results: dict[tuple[float, Offsets], float] = {}
        for c in args.grid or GRID:
            for offsets, counts in cross_validate(docs, c).items():
                # Goals and commitments weigh the same (issue 9 sets a target for each): items F1 counts
                # about three commitments for every goal, so it favoured settings that call few goals.
                results[(c, offsets)] = (counts["goals"].f1 + counts["commitments"].f1) / 2
                per_type = "  ".join(
                    f"{kind} {counts[kind].precision:.2f}/{counts[kind].recall:.2f}/{counts[kind].f1:.3f}"
                    for kind in ("sections", "goals", "commitments")
                )
                print(
                    f"  C={c:<5} other {offsets[0]:+.1f} goal {offsets[1]:+.1f}  cross-validated items F1 "
                    f"{counts['items'].f1:.3f}  goals and commitments mean F1 {results[(c, offsets)]:.3f}  "
                    f"(P/R/F1 {per_type})"
                )
        ranked = sorted(results, key=results.get, reverse=True)
    else:
        ranked = [best]
    # The best cross-validated settings whose model keeps KS's own strategy at F1 >= KS_FLOOR in every
    # format (issue 9: KS's documents stay at F1 >= 0.95), sections included.
    fitted: dict[float, line_model.LineModel] = {}
    for c, offsets in ranked:
        fitted.setdefault(c, fit(docs, c, True))
        model = shifted(fitted[c], offsets)
        ks = [_ks_scores(model, d) for d in docs if _group(d) == "ks"]
        worst, recall = min(f1 for f1, _ in ks), min(r for _, r in ks)
        setting = f"C={c} other {offsets[0]:+.1f} goal {offsets[1]:+.1f}"
        print(f"  {setting}: KS's strategy at F1 {worst:.3f}, recall {recall:.3f} in its worst format")
        # Every section, goal and commitment of KS's strategy found in every format, as the ingest tests
        # require of each format (a section the PDF lost failed them at F1 0.966).
        if worst >= KS_FLOOR and recall == 1.0:
            best = (c, offsets)
            break
    else:
        raise SystemExit("no setting keeps KS's strategy at the floor: look at the features, not the floor")
    print(f"chosen: C={best[0]} other offset {best[1][0]:+.1f} goal offset {best[1][1]:+.1f}")
    data = {
        "labels": list(model.labels),
        "trained_on": sorted({d.name for d in docs}),
        "C": best[0],
        "class_weight": "balanced",
        "other_offset": best[1][0],
        "goal_offset": best[1][1],
        "weights": model.weights,
    }
    line_model.MODEL_PATH.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {line_model.MODEL_PATH.relative_to(ROOT)}: {len(model.weights)} features, labels {model.labels}")
    if args.explain:
        for k, label in enumerate(model.labels):
            top = sorted(model.weights.items(), key=lambda kv: kv[1][k], reverse=True)[:15]
            print(f"{label}: " + ", ".join(f"{name} {w[k]:+.2f}" for name, w in top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
