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

from veikart.i18n import Message, _, environment_language
from veikart.indicators.import_plan import ColumnMapping, ImportOptions, ImportRefused
from veikart.indicators.importing import plan_file
from veikart.spreadsheet import safe_row


def register(subparsers: argparse._SubParsersAction) -> None:
    """``veikart indicators``; the help is in the locale's language (veikart.i18n)."""
    group = subparsers.add_parser("indicators", help=_("indikatorer: import og definisjoner"))
    commands = group.add_subparsers(dest="indicators_command", required=True, metavar="COMMAND")

    p = commands.add_parser("import", help=_("les indikatorverdier fra CSV eller JSON-stat (prøvekjøring)"))
    add_plan_arguments(p)
    p.add_argument("--rejections", metavar="OUT.csv", help=_("skriv hver avviste rad med grunnen til en CSV-fil"))
    p.add_argument("--json", action="store_true", help=_("skriv hele planen som JSON i stedet for sammendraget"))
    p.set_defaults(func=run_import)

    d = commands.add_parser("definitions", help=_("KS' indikatorer og mål"))
    d.set_defaults(func=run_definitions)


def add_plan_arguments(p: argparse.ArgumentParser) -> None:
    """The file and how to read it: shared with the web app's ``manage.py import_indicators``."""
    p.add_argument("file", help=_("CSV- eller JSON-stat 2.0-fil"))
    p.add_argument("--indicator", help=_("indikatornavn for alle verdiene"))
    p.add_argument("--org-column", help=_("CSV: kolonnen med kommune- eller fylkesnummer"))
    p.add_argument("--period-column", help=_("CSV: kolonnen med perioden"))
    p.add_argument("--value-column", help=_("CSV: kolonnen med verdien"))
    p.add_argument("--indicator-column", help=_("CSV: kolonnen med indikatornavnet"))
    p.add_argument(
        "--region-dimension", help=_("JSON-stat: id-en til regiondimensjonen (standard: rollen geo / Region)")
    )
    p.add_argument("--time-dimension", help=_("JSON-stat: id-en til tidsdimensjonen (standard: rollen time / Tid)"))
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="DIM=CODE",
        help=_("JSON-stat: behold bare denne kategorien (kan gjentas)"),
    )
    p.add_argument("--as-of", type=date.fromisoformat, help=_("medlemsstrukturen på denne datoen (standard: i dag)"))
    p.add_argument(
        "--period-structure",
        action="store_true",
        help=_("verdiene føres på medlemmet som gjaldt ved periodens slutt (tidligere medlemmer beholdes)"),
    )
    p.add_argument(
        "--max-bytes", type=int, help=_("avvis større filer (standard: VEIKART_MAX_IMPORT_BYTES eller 50 MB)")
    )


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
                writer.writerow(safe_row([r.location.text(lang), r.reason.value, detail, " | ".join(r.raw)]))
    if args.json:
        json.dump(plan.to_dict(lang), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(plan.summary(lang))
    print(
        Message("prøvekjøring: ingenting er skrevet (skriv med manage.py import_indicators --confirm)").text(lang),
        file=sys.stderr,
    )
    return 0


def run_definitions(args: argparse.Namespace) -> int:
    from veikart.indicators.definitions import load_definitions

    lang = environment_language()
    for d in load_definitions():
        name = d.name_en if lang == "en" else d.name_nb
        print(f"{d.key}: {name} [{d.unit}], {d.direction.value}, {d.level.value}")
        for t in d.targets:
            goal = (
                Message("bedre enn utgangspunktet")
                if t.target.value is None
                else f"{t.target.comparison.value} {t.target.value:g}"
            )
            line = Message("%(goal)s innen %(deadline)s", {"goal": goal, "deadline": t.target.deadline.isoformat()})
            print(f"  {t.strategy}: {line.text(lang)}")
    return 0
