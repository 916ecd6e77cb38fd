"""The annual report (årsrapport) for one strategy and year: HTML with print CSS, and PDF by WeasyPrint."""

from __future__ import annotations

import base64
import gc
import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from veikart.web.planning import followup
from veikart.web.planning.models import ActionPlan, Assessment


def report_context(plan: ActionPlan, *, for_print: bool = False) -> dict:
    """What the report shows; ``for_print``: the charts drawn in fewer elements (``followup.indicator_chart``)."""
    # A report on a past year sees what was known at its end: no later indicator values, overdue as of 31 December.
    end_of_year = date(plan.year, 12, 31)
    context = followup.dashboard(plan, today=min(timezone.localdate(), end_of_year), until=end_of_year)
    charts = []
    for summary in context["indicators"]:
        svg, table = followup.indicator_chart(summary, None, for_print=for_print)
        charts.append({"summary": summary, "svg": svg, "table": table})
    # A report on a past year counts what was overdue when the year ended, not what is overdue today.
    overdue_on = min(timezone.localdate(), date(plan.year, 12, 31))
    # Each goal's and measure's assessment from the year's latest reporting period that has one.
    assessments = Assessment.objects.filter(period__plan=plan).select_related("period").order_by("period__number")
    by_goal = {a.item_id: a for a in assessments if a.item_id}
    by_measure = {a.measure_id: a for a in assessments if a.measure_id}
    for group in context["groups"]:
        for item in group.goals:
            item.assessment = by_goal.get(item.pk)
    for measure in context["measures"]:
        measure.assessment = by_measure.get(measure.pk)
    context.update({
        "charts": charts,
        "generated": timezone.localtime(),
        "overdue_on": overdue_on,
        "overdue": followup.overdue(context["measures"], today=overdue_on),
    })
    return context


_SVG_TEXT = re.compile(r"<(title|desc)\b[^>]*>(.*?)</\1>", re.S)


def chart_image(svg: str) -> tuple[str, str]:
    """An SVG chart as an image for the PDF: (data URI, alternative text from the chart's title and description).

    WeasyPrint styles and tags an inline SVG's every element as part of the page; as an image it is drawn
    the same but costs less to lay out (a tenth of the report's PDF time for 50 charts, benchmarks/planning.py),
    and the PDF/UA figure gets the description too, not the title only.
    """
    found: dict[str, str] = {}
    for tag, text in _SVG_TEXT.findall(svg):
        found.setdefault(tag, html.unescape(text).strip())
    alt = ". ".join(part.rstrip(".") for part in (found.get("title", ""), found.get("desc", "")) if part)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), alt + "."


def print_each_measure_once(groups: list[followup.GoalGroup]) -> None:
    """Per focus area the measures first shown there (``first_measures``) and those shown earlier (``shown_before``).

    A measure serving goals in several focus areas is printed in full once, under the first of them; the
    others name it with the section it is under. The PDF gets shorter (in the benchmark plan 160 of 200
    measures serve two areas) without losing a row.
    """
    first_section: dict[int, object] = {}
    for group in groups:
        group.first_measures, group.shown_before = [], []
        for measure in group.measures:
            if measure.pk in first_section:
                group.shown_before.append((measure, first_section[measure.pk]))
            else:
                first_section[measure.pk] = group.section
                group.first_measures.append(measure)


def render_html(plan: ActionPlan, *, request=None, for_pdf: bool = False) -> str:
    """The report as HTML: the web page, or (``for_pdf``) the leaner variant WeasyPrint lays out.

    For the PDF: charts as images (``chart_image``), each measure printed once (``print_each_measure_once``),
    an indicator's values as one line of text instead of a table, the overdue measures as one paragraph.
    WeasyPrint's time grows with the number of boxes (a table cell costs about a millisecond), so these
    keep the PDF of a large plan within seconds (benchmarks/planning.py); the content is the same.
    """
    context = report_context(plan, for_print=for_pdf)
    context["for_pdf"] = for_pdf
    if for_pdf:
        print_each_measure_once(context["groups"])
    else:
        for group in context["groups"]:  # the web page lists a measure under every area it serves
            group.first_measures, group.shown_before = group.measures, []
    if for_pdf:
        for chart in context["charts"]:
            if chart["table"]:
                chart["image"], chart["alt"] = chart_image(chart["svg"])
    return render_to_string("planning/report.html", context, request=request)


@contextmanager
def garbage_collected_once() -> Iterator[None]:
    """Python's cycle collector paused for the block, then one collection of what the block made.

    WeasyPrint makes hundreds of thousands of objects (boxes, styles) while it lays a report out; each time
    they pass the collector's threshold it scans them all again, a tenth of a large report's time
    (benchmarks/planning.py). While paused, new objects stay in the youngest generation, so collecting
    that one at the end frees the same garbage without scanning the rest of the process's memory. If the
    collector was already off (someone else's choice), it stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)  # while it was paused everything new stayed in the youngest generation


PDF_SECONDS = 600  # a backstop for writes made outside Django; any write through Django changes the key


def render_pdf(plan: ActionPlan) -> bytes:
    """The same HTML laid out by WeasyPrint (fonts from the system: DejaVu covers æøå).

    Laying out a large plan's report takes seconds (benchmarks/planning.py), so the PDF is kept in the
    cache while the data stays the same (``followup.data_key``): per plan, language and day (the report
    dates itself and counts what is overdue today).
    """
    key = followup.data_key("planning-report-pdf", plan.pk, get_language(), timezone.localdate())
    if key is not None and (cached := cache.get(key)) is not None:
        return cached
    from weasyprint import HTML  # imported here: it loads Pango, which the rest of the site never needs

    with garbage_collected_once():
        # PDF/UA-1: a tagged PDF (structure tree, reading order, language, title) that screen readers can follow.
        pdf = HTML(string=render_html(plan, for_pdf=True)).write_pdf(pdf_variant="pdf/ua-1")
    if key is not None:
        cache.set(key, pdf, PDF_SECONDS)
    return pdf
