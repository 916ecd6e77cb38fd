"""``veikart indicators …``: check indicator files without Django; list KS's indicator definitions.

``veikart indicators import FILE`` prints what an import would do and writes
nothing; the web app writes it (``manage.py import_indicators FILE --confirm``,
with the same options, which are defined here: :func:`add_plan_arguments`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date

from veikart.i18n import Message, environment_language
from veikart.indicators.import_plan import ColumnMapping, ImportOptions, ImportRefused
from veikart.indicators.importing import plan_file
from veikart.spreadsheet import safe_row


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("indicators", help="indikatorer: import og definisjoner / indicators")
    commands = group.add_subparsers(dest="indicators_command", required=True, metavar="COMMAND")

    p = commands.add_parser("import", help="les indikatorverdier fra CSV eller JSON-stat (prøvekjøring) / "
                                           "read indicator values (dry run)")
    add_plan_arguments(p)
    p.add_argument("--rejections", metavar="OUT.csv", help="write every rejected row with its reason to a CSV file")
    p.add_argument("--json", action="store_true", help="print the whole plan as JSON instead of the summary")
    p.set_defaults(func=run_import)

    d = commands.add_parser("definitions", help="KS' indikatorer og mål / KS's indicators and targets")
    d.set_defaults(func=run_definitions)


def add_plan_arguments(p: argparse.ArgumentParser) -> None:
    """The file and how to read it: shared with the web app's ``manage.py import_indicators``."""
    p.add_argument("file", help="CSV or JSON-stat 2.0 file")
    p.add_argument("--indicator", help="indikatornavn for alle verdiene / indicator name for every value")
    p.add_argument("--org-column", help="CSV: column with municipality/county numbers")
    p.add_argument("--period-column", help="CSV: column with the period")
    p.add_argument("--value-column", help="CSV: column with the value")
    p.add_argument("--indicator-column", help="CSV: column with the indicator name")
    p.add_argument("--region-dimension", help="JSON-stat: region dimension id (default: role geo / Region)")
    p.add_argument("--time-dimension", help="JSON-stat: time dimension id (default: role time / Tid)")
    p.add_argument("--select", action="append", default=[], metavar="DIM=CODE",
                   help="JSON-stat: keep only this category (repeatable)")
    p.add_argument("--as-of", type=date.fromisoformat, help="member structure of this date (default: today)")
    p.add_argument("--period-structure", action="store_true",
                   help="values land on the member valid at the end of their period (former members kept)")
    p.add_argument("--max-bytes", type=int, help="refuse larger files (default VEIKART_MAX_IMPORT_BYTES or 50 MB)")


def plan_options(args: argparse.Namespace) -> ImportOptions:
    """The options :func:`add_plan_arguments` parsed; ImportRefused for a malformed --select."""
    select = {}
    for item in args.select:
        dim, sep, code = item.partition("=")
        if not sep or not dim or not code:
            raise ImportRefused("--select trenger DIM=KODE, ikke %(item)s", item=repr(item))
        select[dim] = code
    return ImportOptions(
        indicator=args.indicator,
        columns=ColumnMapping(args.org_column, args.period_column, args.value_column, args.indicator_column),
        as_of=args.as_of,
        period_structure=args.period_structure,
        max_bytes=args.max_bytes,
        region_dimension=args.region_dimension,
        time_dimension=args.time_dimension,
        select=select,
    )


def run_import(args: argparse.Namespace) -> int:
    lang = environment_language()
    try:
        plan = plan_file(args.file, plan_options(args))
    except ImportRefused as exc:
        print(f"veikart: {args.file}: {exc.message(lang)}", file=sys.stderr)
        return 2
    if args.rejections:
        with open(args.rejections, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["location", "reason", "detail", "raw"])
            for r in plan.rejected:  # the raw fields are the file's own: neutralised like every export
                detail = r.detail.text(lang)
                writer.writerow(safe_row([r.location, r.reason.value, detail, " | ".join(r.raw)]))
    if args.json:
        json.dump(plan.to_dict(lang), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(plan.summary(lang))
    print(Message("prøvekjøring: ingenting er skrevet (skriv med manage.py import_indicators --confirm)").text(lang),
          file=sys.stderr)
    return 0


def run_definitions(args: argparse.Namespace) -> int:
    from veikart.indicators.definitions import load_definitions

    lang = environment_language()
    for d in load_definitions():
        name = d.name_en if lang == "en" else d.name_nb
        print(f"{d.key}: {name} [{d.unit}], {d.direction.value}, {d.level.value}")
        for t in d.targets:
            goal = Message("bedre enn utgangspunktet") if t.target.value is None else \
                f"{t.target.comparison.value} {t.target.value:g}"
            line = Message("%(goal)s innen %(deadline)s", {"goal": goal, "deadline": t.target.deadline.isoformat()})
            print(f"  {t.strategy}: {line.text(lang)}")
    return 0
