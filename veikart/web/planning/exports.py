"""Plans with their measures, and indicator values, as CSV, XLSX and JSON downloads.

Every CSV and XLSX cell goes through ``veikart.spreadsheet.safe_cell``: a text a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first)
gets a leading quote. JSON is data, not a spreadsheet: it is written as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from veikart.spreadsheet import safe_cell
from veikart.web.planning.models import ActionPlan, Indicator, Value

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}

MEASURE_COLUMNS = [
    "plan_year", "measure_id", "title", "description", "status", "status_label", "progress", "responsible", "role",
    "start", "due", "goals_and_commitments", "carried_from_measure_id", "latest_update", "latest_comment",
    # What an import needs to rebuild the measure exactly (plan_import.py): codes and ids, not labels.
    "role_code", "responsible_unit", "responsible_user", "responsible_text", "item_ids",
]
VALUE_COLUMNS = ["indicator", "organisation", "organisation_number", "kind", "period", "period_end", "value",
                 "unit", "source", "imported_at"]

# CSV and XLSX headers in the page's language (JSON keeps the codes above). Imports read a header in any of
# the three languages or the codes (``columns_by_header``). The values' labels are ones the indicator import
# finds by itself: "Organisasjonsnummer"/"Number" for the member, "Periode"/"Period", "Verdi"/"Value".
MEASURE_HEADERS = {
    "plan_year": gettext_lazy("Planår"), "measure_id": gettext_lazy("Tiltak-ID"), "title": gettext_lazy("Tittel"),
    "description": gettext_lazy("Beskrivelse"), "status": gettext_lazy("Statuskode"),
    "status_label": gettext_lazy("Status"), "progress": gettext_lazy("Framdrift (%)"),
    "responsible": gettext_lazy("Ansvarlig"), "role": gettext_lazy("Rolle"), "start": gettext_lazy("Start"),
    "due": gettext_lazy("Frist"), "goals_and_commitments": gettext_lazy("Mål og forpliktelser"),
    "carried_from_measure_id": gettext_lazy("Videreført fra tiltak-ID"),
    "latest_update": gettext_lazy("Siste oppdatering"), "latest_comment": gettext_lazy("Siste kommentar"),
    "role_code": gettext_lazy("Rollekode"), "responsible_unit": gettext_lazy("Ansvarlig enhet"),
    "responsible_user": gettext_lazy("Ansvarlig person (brukernavn)"),
    "responsible_text": gettext_lazy("Ansvarlig (fritekst)"), "item_ids": gettext_lazy("Mål-ID-er"),
}
VALUE_HEADERS = {
    "indicator": gettext_lazy("Indikator"), "organisation": pgettext_lazy("kolonne", "Organisasjon"),
    "organisation_number": gettext_lazy("Organisasjonsnummer"), "kind": gettext_lazy("Type"),
    "period": gettext_lazy("Periode"), "period_end": gettext_lazy("Periodens slutt"), "value": gettext_lazy("Verdi"),
    "unit": gettext_lazy("Enhet"), "source": gettext_lazy("Kilde"), "imported_at": gettext_lazy("Importert"),
}


def header(columns: list[str], labels: dict) -> list[str]:
    """The header row in the active language."""
    return [str(labels[c]) for c in columns]


def columns_by_header(labels: dict) -> dict[str, str]:
    """{header as written in any language, lower-case: column code}, the codes themselves included."""
    known = {code.lower(): code for code in labels}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            known.update({str(label).strip().lower(): code for code, label in labels.items()})
    return known


def plan_rows(plan: ActionPlan) -> list[dict]:
    rows = []
    measures = plan.measures.prefetch_related("items__section", "updates").select_related(
        "responsible_unit", "responsible_user").order_by("position", "pk")
    for m in measures:
        latest = next(iter(m.updates.all()), None)  # StatusUpdate's ordering is newest first
        rows.append({
            "plan_year": plan.year,
            "measure_id": m.pk,
            "title": m.title,
            "description": m.description,
            "status": m.status,
            "status_label": m.get_status_display(),
            "progress": m.progress,
            "responsible": m.responsible_label,
            "role": m.get_role_display() if m.role else "",
            "start": m.start.isoformat() if m.start else "",
            "due": m.due.isoformat() if m.due else "",
            "goals_and_commitments": " | ".join(
                f"{i.section.number or ''} {i.text}".strip() for i in m.items.all()
            ),
            "carried_from_measure_id": m.carried_from_id or "",
            "latest_update": latest.date.isoformat() if latest else "",
            "latest_comment": latest.comment if latest else "",
            "role_code": m.role,
            "responsible_unit": m.responsible_unit.name if m.responsible_unit else "",
            "responsible_user": m.responsible_user.get_username() if m.responsible_user else "",
            "responsible_text": m.responsible,
            "item_ids": " ".join(str(i.pk) for i in m.items.all()),
        })
    return rows


def value_rows(indicator: Indicator) -> Iterable[dict]:
    query = Value.objects.filter(indicator=indicator).select_related("organisation").order_by(
        "period_end", "organisation__number", "organisation__name")
    for v in query.iterator(chunk_size=2000):
        yield {
            "indicator": indicator.key,
            "organisation": v.organisation.name,
            "organisation_number": v.organisation.number or "",
            "kind": v.organisation.kind,
            "period": v.period,
            "period_end": v.period_end.isoformat(),
            "value": v.value,
            "unit": indicator.unit,
            "source": v.source,
            "imported_at": v.imported_at.isoformat(),
        }


def to_csv(columns: list[str], rows: Iterable[dict], labels: dict | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # ";" so Norwegian Excel opens it as is
    writer.writerow(header(columns, labels) if labels else columns)
    writer.writerows([safe_cell(row[c]) for c in columns] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads æøå as UTF-8


def to_xlsx(columns: list[str], rows: Iterable[dict], title: str, labels: dict | None = None) -> bytes:
    # Imported when a spreadsheet is asked for: openpyxl costs about 0.1 s of CPU in every process that loads
    # the URL configuration (each web worker, job worker and management command) and few requests need it.
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header(columns, labels) if labels else columns)
    for row in rows:
        sheet.append([safe_cell(row[c]) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table_response(
    fmt: str,
    filename: str,
    columns: list[str],
    headers: dict,
    read_rows: Callable[[], Iterable[dict]],
    sheet_title: str,
    document: Callable[[list[dict]], dict],
) -> HttpResponse:
    """One download in ``fmt``: CSV and XLSX with headers in the page's language, JSON as ``document`` of the rows.

    The rows are read only for a known format (``read_rows`` may stream them from the database).
    """
    if fmt not in FORMATS:
        raise Http404("unknown export format")
    rows = read_rows()
    if fmt == "csv":
        body = to_csv(columns, rows, headers)
    elif fmt == "xlsx":
        body = to_xlsx(columns, rows, sheet_title, headers)
    else:
        body = json.dumps(document(list(rows)), ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def plan_response(plan: ActionPlan, fmt: str) -> HttpResponse:
    def document(rows: list[dict]) -> dict:
        return {
            "schema": "veikart.action-plan/1",
            "strategy": {"id": plan.strategy_id, "title": plan.strategy.title},
            "year": plan.year,
            "description": plan.description,
            "measures": rows,
        }

    name = f"handlingsplan-{plan.strategy_id}-{plan.year}"
    title = f"{_('Handlingsplan')} {plan.year}"
    return _table_response(fmt, name, MEASURE_COLUMNS, MEASURE_HEADERS, lambda: plan_rows(plan), title, document)


def values_response(indicator: Indicator, fmt: str) -> HttpResponse:
    def document(rows: list[dict]) -> dict:
        return {
            "schema": "veikart.indicator-values/1",
            "indicator": {"key": indicator.key, "name": indicator.name, "unit": indicator.unit,
                          "direction": indicator.direction, "level": indicator.level, "source": indicator.source},
            "values": rows,
        }

    name = f"indikator-{indicator.key}"
    return _table_response(
        fmt, name, VALUE_COLUMNS, VALUE_HEADERS, lambda: value_rows(indicator), indicator.name, document
    )
