"""``veikart align PLAN KS``: the KS focus areas and SDG targets each item of a member's plan serves.

``veikart align evaluate [GOLD] [--tune]`` scores it against the alignment gold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from veikart.compare.cli_common import load_both, run_evaluation, shorten, write_result
from veikart.compare.plan_alignment import Alignment, align_plan
from veikart.i18n import Decimal, _, environment_language


def register(subparsers: argparse._SubParsersAction) -> None:
    """``veikart align``; the help is in the locale's language (veikart.i18n)."""
    p = subparsers.add_parser(
        "align",
        help=_("hvilke av KS' fokusområder (og bærekraftsmål) hvert mål i en plan tjener; «align evaluate» måler det"),
    )
    p.add_argument("plan", help=_("medlemmets plan: Strategy JSON eller et dokument; eller «evaluate»"))
    p.add_argument(
        "ks",
        nargs="?",
        help=_(
            "KS-strategien det sammenlignes med (Strategy JSON eller et dokument); med «evaluate»: "
            "fasiten (standard: den som følger med)"
        ),
    )
    p.add_argument("--format", choices=("json", "text"), default="text", help=_("text (standard) eller json"))
    p.add_argument(
        "--tune", action="store_true", help=_("med «evaluate»: still innstillingene på utviklingsplanene først")
    )
    p.set_defaults(func=run_align)


def run_align(args: argparse.Namespace) -> int:
    if args.plan == "evaluate" and not Path(args.plan).exists():
        from veikart.compare import align_evaluate

        return run_evaluation(align_evaluate.main, args.ks, args.tune, args.format)
    usage = _("veikart align: oppgi planen og KS-strategien (veikart align PLAN KS)")
    strategies = load_both(args.plan, args.ks, usage)
    if strategies is None:
        return 2
    alignment = align_plan(*strategies)
    lang = environment_language()
    for warning in alignment.warnings:
        print(f"veikart: {warning.message(lang)}", file=sys.stderr)
    return write_result(alignment.to_dict(lang), args.format, lambda lang: format_text(alignment, lang))


def format_text(alignment: Alignment, lang: str = "nb") -> str:
    """Per plan item, in ``lang``: the KS focus areas it serves (with the best KS item and why), then its SDG
    targets; last, how many items serve each focus area."""
    kinds = {"goal": _("mål", lang), "commitment": _("strategi", lang)}
    lines = [f"{alignment.plan_title} → {alignment.ks_title}", ""]
    for row in alignment.items:
        kind = kinds.get(row.item.kind, row.item.kind)
        lines.append(f"- [{kind}] {shorten(row.item.text, 100)}  ({row.item.section})")
        for s in row.ks:
            lines.append(f"    KS {s.area.label} [{Decimal(s.score, 2).text(lang)}]: {shorten(s.item.text, 90)}")
            lines.append(f"      {s.why(lang)}")
        if not row.ks:
            lines.append(f"    KS: {_('ingen tydelig sammenheng', lang)}")
        if row.sdg:
            lines.append("    SDG: " + ", ".join(f"{t.target} [{Decimal(t.score, 2).text(lang)}]" for t in row.sdg))
    served = alignment.served_areas()
    lines += ["", _("KS-fokusområder:", lang)]
    lines += [f"  {a.label}: {len(served[a.number])}" for a in alignment.areas]
    return "\n".join(lines) + "\n"
