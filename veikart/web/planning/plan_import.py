"""Measures into an action plan from Veikart's own plan export (CSV, XLSX or JSON "veikart.action-plan/1").

What the export writes comes back: title, description, status and progress
(with the latest comment and its date as a status update), role, responsible
unit, person or text, start and due dates, and the goals and commitments
(``item_ids``; a row from another strategy is matched on the goals' text
instead). A row whose ``measure_id`` is a measure of this plan updates it;
any other row adds a measure, so importing the same file twice changes
nothing. Everything is checked before anything is written, and written in one
transaction. Small files only (``MAX_ROWS``): it runs in the request.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from veikart.spreadsheet import restore_cell
from veikart.web.orgs.models import Unit
from veikart.web.planning import exports, services
from veikart.web.planning.models import ActionPlan, Measure, MeasureStatus, PlanChange, Role
from veikart.web.strategies import changes
from veikart.web.strategies.models import Item

MAX_ROWS = 2000
PLAN_SCHEMA = "veikart.action-plan/1"


@dataclass
class MeasureRow:
    line: int
    measure_id: int | None
    fields: dict[str, Any]  # services.MEASURE_FIELDS
    items: list[Item]
    status: str
    progress: int
    latest_update: date | None
    latest_comment: str


def read_rows(data: bytes, filename: str) -> list[dict[str, str]]:
    """The rows of a plan export as {column: text}; raises PlanError for a file that is not one."""
    name = filename.lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif name.endswith(".json") or data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"{":
        rows = _json_rows(data)
    else:
        rows = _csv_rows(data)
    if rows and name_is_table(name, data):
        # The export's headers are in the language of the page it came from; any language reads back.
        known = exports.columns_by_header(exports.MEASURE_HEADERS)
        rows = [{known.get(k.strip().lower(), k): v for k, v in row.items()} for row in rows]
    if len(rows) > MAX_ROWS:
        raise services.PlanError(_("Filen har mer enn %(n)s tiltak.") % {"n": MAX_ROWS})
    if rows and "title" not in rows[0]:
        raise services.PlanError(_("Filen er ikke en tiltaksliste fra Veikart (kolonnen «title» mangler)."))
    return rows


def name_is_table(name: str, data: bytes) -> bool:
    """CSV or XLSX (headers written for people), not JSON (keys are codes)."""
    return not (name.endswith(".json") or data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"{")


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=first.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [{k: restore_cell(v or "") for k, v in row.items() if k} for row in reader]


def _xlsx_rows(data: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean "not readable"
        raise services.PlanError(_("Regnearket kan ikke leses.")) from exc
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h or "") for h in rows[0]]
    result = []
    for values in rows[1:]:
        if not any(v not in (None, "") for v in values):
            continue
        result.append({h: restore_cell(_text(v)) for h, v in zip(header, values, strict=False) if h})
    return result


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)


def _json_rows(data: bytes) -> list[dict[str, str]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise services.PlanError(_("Filen er ikke gyldig JSON.")) from exc
    if not isinstance(doc, dict) or doc.get("schema") != PLAN_SCHEMA or not isinstance(doc.get("measures"), list):
        raise services.PlanError(_("Filen er ikke en handlingsplan fra Veikart (%(schema)s).")
                                 % {"schema": PLAN_SCHEMA})
    return [{k: _text(v) for k, v in row.items()} for row in doc["measures"] if isinstance(row, dict)]


def _role_by_label() -> dict[str, str]:
    return {str(label): value for value, label in Role.choices}


def _date(text: str, line: int) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise services.PlanError(_("Rad %(line)s: «%(text)s» er ingen dato.") % {"line": line, "text": text}) from exc


def _items(plan: ActionPlan, row: dict[str, str], line: int) -> list[Item]:
    ids = [int(x) for x in (row.get("item_ids") or "").split() if x.isdigit()]
    found = list(Item.objects.filter(pk__in=ids, section__strategy=plan.strategy).select_related("section"))
    if len(found) == len(ids) and ids:
        return found
    # From another strategy (or a hand-made file): the goals' texts, as the export lists them.
    texts = [t.strip() for t in (row.get("goals_and_commitments") or "").split(" | ") if t.strip()]
    result = []
    for text in texts:
        match = next((i for i in Item.objects.filter(section__strategy=plan.strategy).select_related("section")
                      if f"{i.section.number or ''} {i.text}".strip() == text), None)
        if match is None:
            raise services.PlanError(_("Rad %(line)s: finner ikke målet «%(text)s» i strategien.")
                                     % {"line": line, "text": text[:80]})
        result.append(match)
    return result


def parse(plan: ActionPlan, rows: list[dict[str, str]]) -> list[MeasureRow]:
    """Every row checked against the plan's strategy and organisation; the first problem raises PlanError."""
    org = plan.strategy.organisation_id
    units = {u.name: u for u in Unit.objects.filter(organisation_id=org)}
    users = {u.get_username(): u for u in get_user_model().objects.filter(memberships__organisation_id=org)}
    parsed = []
    for line, row in enumerate(rows, start=2):
        status = row.get("status") or MeasureStatus.PLANNED
        # Older exports have only the role's label; newer ones its code too.
        role = row["role_code"] if "role_code" in row else _role_by_label().get(row.get("role", ""), "")
        if status not in MeasureStatus.values or (role and role not in Role.values):
            raise services.PlanError(_("Rad %(line)s: ukjent status eller rolle.") % {"line": line})
        unit_name, username = row.get("responsible_unit") or "", row.get("responsible_user") or ""
        if (unit_name and unit_name not in units) or (username and username not in users):
            raise services.PlanError(_("Rad %(line)s: finner ikke den ansvarlige «%(who)s» i organisasjonen.")
                                     % {"line": line, "who": unit_name or username})
        progress = int(float(row.get("progress") or 0))
        fields = {
            "title": (row.get("title") or "").strip(), "description": row.get("description") or "",
            "responsible": row.get("responsible_text", row.get("responsible", "")) or "",
            "responsible_unit": units.get(unit_name), "responsible_user": users.get(username), "role": role,
            "start": _date(row.get("start", ""), line), "due": _date(row.get("due", ""), line),
        }
        measure_id = int(row["measure_id"]) if (row.get("measure_id") or "").isdigit() else None
        parsed.append(MeasureRow(line, measure_id, fields, _items(plan, row, line), status, progress,
                                 _date(row.get("latest_update", ""), line), row.get("latest_comment") or ""))
    return parsed


def import_measures(plan: ActionPlan, user, data: bytes, filename: str) -> dict[str, int]:
    """Read, check and write a plan export into ``plan`` in one transaction: {"created", "updated", "unchanged"}."""
    parsed = parse(plan, read_rows(data, filename))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    # batched: the strategy is indexed once, at the end, not after each of the rows' changes
    with transaction.atomic(), changes.batched():
        existing = {m.pk: m for m in plan.measures.all()}
        for row in parsed:
            measure = existing.get(row.measure_id)
            if measure is None:
                measure = services.create_measure(plan, user, items=row.items, **row.fields)
                counts["created"] += 1
            else:
                version = measure.version
                measure = services.edit_measure(measure, user, items=row.items, **row.fields)
                counts["updated" if measure.version != version else "unchanged"] += 1
            _status(measure, user, row)
        services.record(plan.strategy_id, user, PlanChange.Action.IMPORT_MEASURES, plan, None,
                        {"file": filename, **counts})
    return counts


def _status(measure: Measure, user, row: MeasureRow) -> None:
    """The row's status, progress and latest comment, as a status update when they differ from the measure's."""
    latest = measure.updates.order_by("-date", "-pk").first()
    same = (measure.status, measure.progress) == (row.status, row.progress) and (
        (latest.comment if latest else "") == row.latest_comment)
    if same or (row.status == MeasureStatus.PLANNED and not row.progress and not row.latest_comment
                and latest is None):
        return
    services.add_status_update(measure, user, status=row.status, progress=row.progress, comment=row.latest_comment,
                               on=row.latest_update)
