"""``veikart align PLAN KS``: the KS focus areas and SDG targets each item of a member's plan serves.

``veikart align evaluate [GOLD] [--tune]`` scores it against the alignment gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from veikart.compare.load import CompareError, load_strategy
from veikart.compare.plan_alignment import Alignment, align_plan
from veikart.i18n import environment_language


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "align", help="which KS focus areas (and SDG targets) each goal of a plan serves; 'align evaluate' scores it"
    )
    p.add_argument("plan", help="the member's plan: Strategy JSON or a document; or 'evaluate'")
    p.add_argument("ks", nargs="?", help="the KS strategy to align to (Strategy JSON or a document); "
                                         "with 'evaluate': the alignment gold (default: the shipped one)")
    p.add_argument("--format", choices=("json", "text"), default="text", help="text (default) or JSON")
    p.add_argument("--tune", action="store_true", help="with 'evaluate': tune the settings on the dev plans first")
    p.set_defaults(func=run_align)


def run_align(args: argparse.Namespace) -> int:
    if args.plan == "evaluate" and not Path(args.plan).exists():
        from veikart.compare import align_evaluate

        argv = ([args.ks] if args.ks else []) + (["--tune"] if args.tune else [])
        return align_evaluate.main(argv + (["--json"] if args.format == "json" else []))
    if args.ks is None:
        print("veikart: align: name the plan and the KS strategy (veikart align PLAN KS)", file=sys.stderr)
        return 2
    strategies = []
    for path in (args.plan, args.ks):
        try:
            strategies.append(load_strategy(path))
        except CompareError as exc:
            print(f"veikart: {path}: {exc.message(environment_language())}", file=sys.stderr)
            return 2
    alignment = align_plan(*strategies)
    for warning in alignment.warnings:
        print(f"veikart: {warning.message(environment_language())}", file=sys.stderr)
    if args.format == "json":
        json.dump(alignment.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(alignment))
    return 0


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def format_text(alignment: Alignment) -> str:
    """Per plan item: the KS focus areas it serves (with the best KS item and why), then its SDG targets."""
    lines = [f"{alignment.plan_title} → {alignment.ks_title}", ""]
    for row in alignment.items:
        kind = "mål / goal" if row.item.kind == "goal" else "strategi / commitment"
        lines.append(f"- [{kind}] {_short(row.item.text)}  ({row.item.section})")
        for s in row.ks:
            lines.append(f"    KS {s.area.label} [{s.score:.2f}]: {_short(s.item.text, 90)}")
            lines.append(f"      {s.why}")
        if not row.ks:
            lines.append("    KS: ingen tydelig sammenheng / no clear link")
        if row.sdg:
            lines.append("    SDG: " + ", ".join(f"{t.target} [{t.score:.2f}]" for t in row.sdg))
    served = alignment.served_areas()
    lines += ["", "KS-fokusområder / KS focus areas:"]
    lines += [f"  {a.label}: {len(served[a.number])}" for a in alignment.areas]
    return "\n".join(lines) + "\n"
