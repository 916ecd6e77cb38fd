"""``veikart report STRATEGY_ID YEAR [--pdf out.pdf] [--html out.html]``: the annual report from the command line.

Django is set up only when a command runs (DJANGO_SETTINGS_MODULE defaults to
veikart.web.settings), so ``veikart --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    import django

    django.setup()


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help="årsrapport for en strategi og et år / annual report (HTML, PDF)")
    p.add_argument("strategy", type=int, help="strategiens id / the strategy's id")
    p.add_argument("year", type=int, help="handlingsplanens år / the action plan's year")
    p.add_argument("--pdf", metavar="OUT.pdf", help="skriv PDF hit / write the PDF here")
    p.add_argument("--html", metavar="OUT.html", help="skriv HTML hit / write the HTML here")
    p.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
    if not args.pdf and not args.html:
        print("veikart report: oppgi --pdf og/eller --html / give --pdf and/or --html", file=sys.stderr)
        return 2
    setup_django()
    from veikart.web.planning import report
    from veikart.web.planning.models import ActionPlan

    plan = ActionPlan.objects.select_related("strategy__organisation").filter(
        strategy_id=args.strategy, year=args.year).first()
    if plan is None:
        print(f"veikart report: ingen handlingsplan {args.year} for strategi {args.strategy} / "
              f"no action plan {args.year} for strategy {args.strategy}", file=sys.stderr)
        return 1
    try:
        if args.html:
            Path(args.html).write_text(report.render_html(plan), encoding="utf-8")
        if args.pdf:
            Path(args.pdf).write_bytes(report.render_pdf(plan))
    except OSError as exc:
        print(f"veikart report: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
    for name in (args.html, args.pdf):
        if name:
            print(name)
    return 0

