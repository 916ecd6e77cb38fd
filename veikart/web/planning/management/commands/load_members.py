"""Load every current municipality and county authority as an Organisation (idempotent; a dry run unless --confirm)."""

from __future__ import annotations

from datetime import date

from veikart.web.commands import DryRunCommand
from veikart.web.planning.members import load_member_organisations


class Command(DryRunCommand):
    help = "Create or update an Organisation for every municipality and county (veikart.members); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="the structure valid on this day (default today)")

    def write(self, *args, date: date | None = None, **options):
        result = load_member_organisations(date)
        self.stdout.write(
            f"medlemmer / members: {result.created} nye / created, {result.updated} endret / updated, "
            f"{result.unchanged} uendret / unchanged"
        )
