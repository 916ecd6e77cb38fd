"""``veikart compare A B``: what happened to the focus areas, goals and commitments of A in B.

``veikart compare evaluate [CORRESPONDENCE] [--tune]`` scores it against the hand-made KS correspondence.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from veikart.compare.align import Relation
from veikart.compare.checks import comparison_warnings
from veikart.compare.compare import Comparison, Level, compare
from veikart.compare.load import CompareError, load_strategy
from veikart.compare.summary import new_item_status, summary_text
from veikart.i18n import _, environment_language
from veikart.ingest.model import Warning

LABELS = {
    Relation.KEPT: ("beholdt", "kept"),
    Relation.REWORDED: ("omformulert", "reworded"),
    Relation.MERGED: ("slått sammen", "merged"),
    Relation.SPLIT: ("delt", "split"),
    Relation.NEW: ("ny", "new"),
    Relation.DROPPED: ("utgått", "dropped"),
}
HEADINGS = {
    "sections": "Fokusområder / Focus areas",
    "goals": "Mål / Goals (→ mål eller strategier / goals or commitments)",
    "commitments": "Strategier / Commitments",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("compare", help="compare two strategies (periods): kept, reworded, merged, split, …")
    p.add_argument("old", help="the earlier strategy: Strategy JSON or a document (PDF, DOCX, HTML, Markdown, text); "
                               "or 'evaluate'")
    p.add_argument("new", nargs="?", help="the later strategy, likewise; with 'evaluate': the correspondence file")
    p.add_argument("--format", choices=("json", "text"), default="text", help="text (default) or JSON")
    p.add_argument("--tune", action="store_true", help="with 'evaluate': tune the thresholds on the tuning part first")
    p.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    if args.old == "evaluate" and not Path(args.old).exists():
        from veikart.compare import evaluate

        argv = ([args.new] if args.new else []) + (["--tune"] if args.tune else [])
        return evaluate.main(argv + (["--json"] if args.format == "json" else []))
    if args.new is None:
        print("veikart: compare: name the older and the newer strategy (veikart compare OLD NEW)", file=sys.stderr)
        return 2
    strategies = []
    for path in (args.old, args.new):
        try:
            strategies.append(load_strategy(path))
        except CompareError as exc:
            print(f"veikart: {path}: {exc.message(environment_language())}", file=sys.stderr)
            return 2
    for line in warning_lines(comparison_warnings(*strategies)):
        print(line, file=sys.stderr)
    comparison = compare(*strategies)
    if args.format == "json":
        json.dump(comparison.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(comparison))
    return 0


def warning_lines(warnings: list[Warning]) -> list[str]:
    """One line per warning on stderr, in the locale's language (the exit code stays 0)."""
    lang = environment_language()
    label = _("advarsel", lang)
    return [f"veikart: {label}: {w.message(lang)}" for w in warnings]


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _label(relation: Relation) -> str:
    nb, en = LABELS[relation]
    return nb if nb == en else f"{nb} / {en}"


def _level_text(comparison: Comparison, level: Level) -> list[str]:
    lines = ["", HEADINGS[level.name], "=" * len(HEADINGS[level.name])]
    for entry in level.old:
        status = level.old_status[entry.id]
        lines.append(f"- [{_label(status)}] {_short(entry.text)}  ({entry.section_label})")
        for link in level.links:
            if link.old.id == entry.id:
                lines.append(f"    → [{LABELS[link.relation][0]} {link.score:.2f}] {_short(link.new.text, 100)}"
                             f"  ({link.new.section_label})")
    new_ones = [
        e for e in level.new
        if (level.new_status[e.id] if level.name == "sections" else new_item_status(comparison, e)) == Relation.NEW
        and (level.name != "goals" or e.kind.value == "goal")
    ]
    for entry in new_ones:
        lines.append(f"+ [{_label(Relation.NEW)}] {_short(entry.text)}  ({entry.section_label})")
    return lines


def format_text(comparison: Comparison) -> str:
    """The comparison as plain text: the summary in bokmål and English, then every item."""
    summary = comparison.summary()
    lines = [
        f"{comparison.old.title} → {comparison.new.title}",
        "",
        summary_text(summary, "nb"),
        "",
        summary_text(summary, "en"),
    ]
    for name in ("sections", "goals", "commitments"):
        lines += _level_text(comparison, comparison.levels[name])
    return "\n".join(lines) + "\n"
