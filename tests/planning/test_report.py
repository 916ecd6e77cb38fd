"""The annual report: HTML with print CSS, a PDF whose text is read back, and ``manage.py annual_report``."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import report


def _pdf_text(data: bytes) -> tuple[str, pdfium.PdfDocument]:
    document = pdfium.PdfDocument(data)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    return " ".join(text.split()), document


def _pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, to look for structure keys."""
    import re
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_the_pdf_names_the_goals_measures_their_status_and_the_indicators(
        self, plan, measure, late_measure, apprentice_values
    ):
        text, document = _pdf_text(report.render_pdf(plan))
        assert "Årsrapport 2021" in text
        assert "KS skal bidra til gode arbeidsgivere." in text
        assert "Lederkurs for nye rådmenn" in text and "Veileder for heltidskultur" in text
        assert "Pågår" in text and "40 %" in text and "Planlagt" in text
        assert "Lærlinger per 1000 innbyggere" in text
        assert "Side 1 av" in text
        assert "Per 31. des. 2021 hadde 2 tiltak passert fristen" in text  # neither is done by the end of 2021

    def test_the_pdf_pages_are_not_blank(self, plan, measure, apprentice_values):
        _, document = _pdf_text(report.render_pdf(plan))
        pixels = document[0].render(scale=0.5).to_numpy()
        dark = (pixels[..., :3].mean(axis=2) < 128).mean()
        assert 0.005 < dark < 0.5  # text on a white page, not an empty or black one

    def test_the_html_report_has_print_styles_and_a_link_to_the_pdf(self, client, plan, measure):
        page = client.get(reverse("planning:report", args=[plan.strategy_id, plan.year])).content.decode()
        assert "@media print" in page and "@page" in page
        assert reverse("planning:report_pdf", args=[plan.strategy_id, plan.year]) in page
        assert "Lederkurs for nye rådmenn" in page

    def test_annual_report_writes_the_pdf_and_html(self, plan, measure, tmp_path, capsys):
        pdf, html = tmp_path / "arsrapport.pdf", tmp_path / "arsrapport.html"
        call_command("annual_report", str(plan.strategy_id), "2021", "--pdf", str(pdf), "--html", str(html))
        assert capsys.readouterr().out.split() == [str(html), str(pdf)]
        assert pdf.read_bytes().startswith(b"%PDF")
        assert "Lederkurs for nye rådmenn" in _pdf_text(pdf.read_bytes())[0]
        assert "Lederkurs for nye rådmenn" in html.read_text(encoding="utf-8")

    def test_annual_report_says_in_one_line_when_there_is_no_plan(self, plan, tmp_path, monkeypatch):
        monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")  # the command line's language
        with pytest.raises(CommandError) as refused:
            call_command("annual_report", str(plan.strategy_id), "1999", "--pdf", str(tmp_path / "x.pdf"))
        message = str(refused.value)
        assert "\n" not in message and "ingen handlingsplan 1999" in message
        assert not Path(tmp_path / "x.pdf").exists()

    def test_the_pdf_is_tagged_for_screen_readers(self, plan, measure):
        objects = _pdf_objects(report.render_pdf(plan))
        # PDF/UA-1: a structure tree, marked content, the document's language, and the PDF/UA identifier.
        for key in (b"/StructTreeRoot", b"/MarkInfo", b"/Lang", b"pdfuaid:part"):
            assert key in objects, key

    def test_the_report_as_word_has_goals_status_assessment_measures_and_indicator_tables(
        self, client, alice, plan, measure, goal, apprentice_values
    ):
        import io

        from docx import Document

        from veikart.web.planning import reporting

        reporting.save_assessments(plan, 1, alice, goals={goal.pk: ("at_risk", "Tregt første halvår.")}, measures={})
        response = client.get(reverse("planning:report_docx", args=[plan.strategy_id, plan.year]))
        assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
        document = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Årsrapport 2021" in text and goal.text in text
        assert "Vurdering (Året 2021): Tregt første halvår." in text
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert goal.text in headings and "Lærlinger per 1000 innbyggere" in headings
        cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
        assert ["Tiltak", "Ansvarlig", "Frist", "Status", "Framdrift"] in cells
        assert ["2021", "1,85"] in cells  # the members' median for 2021, Norwegian decimal comma
        assert "Tregt første halvår." in client.get(reverse("planning:report", args=[plan.strategy_id, plan.year])
                                                    ).content.decode()

    def test_the_pdf_draws_each_chart_as_a_figure_with_its_title_and_description(
        self, plan, measure, apprentice_values
    ):
        html = report.render_html(plan, for_pdf=True)
        assert '<img class="chart" src="data:image/svg+xml;base64,' in html and "<svg" not in html
        assert 'alt="Lærlinger per 1000 innbyggere over tid. Lærlinger per 1000 innbyggere (lærlinger per 1000' in html
        assert "<svg" in report.render_html(plan)  # the web page keeps the inline, styleable chart
        data = report.render_pdf(plan)
        assert b"/Figure" in _pdf_objects(data) and b"/Alt" in _pdf_objects(data)
        document = pdfium.PdfDocument(data)
        line_colour = (0xB2, 0x72, 0x00)  # the series line of veikart.indicators.charts (#0072B2), as BGR
        drawn = [
            (abs(pixels[..., :3].astype(int) - line_colour).sum(axis=2) < 30).sum()
            for pixels in (document[i].render(scale=1).to_numpy() for i in range(len(document)))
        ]
        assert max(drawn) > 50  # the chart's line is on a page

    def test_the_pdf_prints_a_measure_serving_two_areas_once_and_names_it_under_the_second(
        self, plan, alice, goal, published, apprentice_values
    ):
        from veikart.web.planning import services
        from veikart.web.strategies.models import Item

        other = Item.objects.filter(section__strategy=published, kind="goal").exclude(section=goal.section).first()
        services.create_measure(plan, alice, items=[goal, other], title="Felles tiltak for to områder")
        order = [group.section.pk for group in report.report_context(plan)["groups"]]
        first = min([goal, other], key=lambda item: order.index(item.section_id))
        html = report.render_html(plan, for_pdf=True)
        assert html.count("<td>Felles tiltak for to områder") == 1
        assert "Disse tiltakene står under et tidligere område i rapporten: Felles tiltak for to områder (se " in html
        label = first.section.number or first.section.title
        assert f"Felles tiltak for to områder (se {label})" in html
        assert report.render_html(plan).count("<td>Felles tiltak for to områder") == 2  # the web page: under both
        text, _ = _pdf_text(report.render_pdf(plan))
        assert "2021: 1,85" in text  # the chart's values as a line of text beside it (the members' median)
