"""The annual report as a Word document (python-docx), for advisers who finish their reports in Word.

The same content as the HTML report (report.report_context): per section its
goals with status and assessment, the measures as a table, and every
indicator's figures as a table (Word gets the charts' data; the picture is in
the HTML and PDF). Real headings (Heading 1-3) and table header rows, so the
document's structure survives for screen readers and Word's navigation pane.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from veikart.web.planning.models import ActionPlan
from veikart.web.planning.report import report_context


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def _repeat_header(row) -> None:
    """Mark the row as the table's header (w:tblHeader): Word repeats it and screen readers announce it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _num(value: float | None) -> str:
    return "–" if value is None else number_format(round(value, 3), force_grouping=True)


def render_docx(plan: ActionPlan) -> bytes:
    from docx import Document  # here: only this download needs it

    context = report_context(plan)
    document = Document()
    document.core_properties.title = _("Årsrapport %(year)s") % {"year": plan.year}
    document.core_properties.language = get_language() or "nb"
    document.add_heading(_("Årsrapport %(year)s") % {"year": plan.year}, level=0)
    document.add_paragraph(plan.strategy.title)
    document.add_paragraph(_("Laget %(when)s av Veikart.") % {"when": date_format(timezone.localtime(),
                                                                                  "DATETIME_FORMAT")})
    document.add_heading(_("Mål og tiltak"), level=1)
    for group in context["groups"]:
        document.add_heading(f"{group.section.number or ''} {group.section.title}".strip(), level=2)
        for item in group.goals:
            document.add_heading(item.text, level=3)
            view = getattr(item, "goal_view", None)
            if view is not None:
                document.add_paragraph(f"{_('Status')}: {view.label} ({view.basis})")
            assessment = getattr(item, "assessment", None)
            if assessment is not None and assessment.text:
                document.add_paragraph(f"{_('Vurdering')} ({assessment.period.label}): {assessment.text}")
        if group.measures:
            _table(document, [_("Tiltak"), _("Ansvarlig"), _("Frist"), _("Status"), _("Framdrift")], [
                [m.title, m.responsible_label or "–", date_format(m.due, "SHORT_DATE_FORMAT") if m.due else "–",
                 m.get_status_display(), f"{m.progress} %"] for m in group.measures])
    document.add_heading(_("Indikatorer"), level=1)
    for chart in context["charts"]:
        summary = chart["summary"]
        document.add_heading(summary.indicator.name, level=2)
        document.add_paragraph(f"{_('Status')}: {summary.status_label}. {summary.reason}".strip())
        if chart["table"]:
            _table(document, [_("Periode"), summary.series_label], [
                [str(row["period"].year) if (row["period"].month, row["period"].day) == (12, 31)
                 else date_format(row["period"], "SHORT_DATE_FORMAT"), _num(row["values"][0])]
                for row in chart["table"]])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
