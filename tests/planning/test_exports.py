"""Plans with measures, and indicator values, as CSV, XLSX and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning.exports import MEASURE_HEADERS, VALUE_HEADERS, columns_by_header


def _coded(text: str, labels: dict) -> list[dict]:
    """CSV rows keyed by column code, whatever language the header is in."""
    known = columns_by_header(labels)
    return [{known[k.lower()]: v for k, v in row.items()} for row in csv.DictReader(io.StringIO(text), delimiter=";")]


def _plan_export(client, plan, fmt):
    response = client.get(reverse("planning:plan_export", args=[plan.strategy_id, plan.year, fmt]))
    assert response.status_code == 200
    assert f'handlingsplan-{plan.strategy_id}-2021.{fmt}"' in response["Content-Disposition"]
    return response.content


# --- formula injection (OWASP CSV injection): every text cell a spreadsheet would run is neutralised ----------

HOSTILE = ['=HYPERLINK("http://example.com/x","klikk")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=quoted"]


@pytest.fixture
def hostile_measure(plan, alice, goal):
    from veikart.web.planning import services

    measure = services.create_measure(plan, alice, items=[goal], title=HOSTILE[0], description=HOSTILE[1],
                                      responsible=HOSTILE[3])
    services.add_status_update(measure, alice, status="in_progress", progress=10, comment=HOSTILE[4])
    return measure


@pytest.mark.parametrize("text", [*HOSTILE, "plain", "'plain", "''=twice", "", "-"])
def test_safe_cell_and_restore_cell_round_trip_every_text(text):
    from veikart.spreadsheet import restore_cell, safe_cell

    neutral = safe_cell(text)
    assert not str(neutral).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(neutral) == text


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_the_plan_as_csv_has_one_row_per_measure_with_status_and_goals(self, client, plan, measure, late_measure):
        text = _plan_export(client, plan, "csv").decode("utf-8-sig")
        assert text.startswith("Planår;Tiltak-ID;Tittel;Beskrivelse;Statuskode;Status;")
        rows = _coded(text, MEASURE_HEADERS)
        assert [r["title"] for r in rows] == ["Lederkurs for nye rådmenn", "Veileder for heltidskultur"]
        late = rows[1]
        assert (late["status"], late["progress"], late["latest_comment"]) == ("in_progress", "40", "I gang")
        assert late["goals_and_commitments"] == "2.2 KS skal bidra til gode arbeidsgivere."
        assert rows[0]["role"] == "Arbeidsgiverorganisasjon"

    def test_the_plan_as_xlsx_holds_the_same_rows(self, client, plan, measure, late_measure):
        sheet = load_workbook(io.BytesIO(_plan_export(client, plan, "xlsx"))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:3] == ("Planår", "Tiltak-ID", "Tittel")
        assert [r[2] for r in rows[1:]] == ["Lederkurs for nye rådmenn", "Veileder for heltidskultur"]

    def test_the_plan_as_json_names_its_schema_strategy_and_year(self, client, plan, measure):
        data = json.loads(_plan_export(client, plan, "json"))
        assert data["schema"] == "veikart.action-plan/1" and data["year"] == 2021
        assert data["measures"][0]["due"] == "2021-06-30"

    def test_an_unknown_format_is_not_found(self, client, plan):
        assert client.get(reverse("planning:plan_export", args=[plan.strategy_id, plan.year, "pdf"])).status_code == 404

    def test_indicator_values_export_in_all_three_formats(self, client, apprentice_values):
        key = apprentice_values.key
        text = client.get(reverse("planning:indicator_export", args=[key, "csv"])).content.decode("utf-8-sig")
        rows = _coded(text, VALUE_HEADERS)
        assert {(r["organisation_number"], r["period"], r["value"]) for r in rows} == {
            ("0301", "2020", "1.2"), ("0301", "2021", "1.5"), ("4601", "2020", "1.6"), ("4601", "2021", "2.2")}
        book = load_workbook(io.BytesIO(client.get(reverse("planning:indicator_export", args=[key, "xlsx"])).content))
        assert book.active.max_row == 5
        data = json.loads(client.get(reverse("planning:indicator_export", args=[key, "json"])).content)
        assert data["indicator"]["direction"] == "higher_is_better" and len(data["values"]) == 4

    def test_csv_cells_that_start_like_a_formula_get_a_leading_quote(self, client, plan, hostile_measure):
        text = _plan_export(client, plan, "csv").decode("utf-8-sig")
        row = _coded(text, MEASURE_HEADERS)[0]
        assert row["title"] == "'" + HOSTILE[0]
        assert row["description"] == "'+1+2" and row["responsible"] == "'@SUM(A1)"
        assert row["latest_comment"] == "'\t=1"
        assert row["progress"] == "10"

    def test_xlsx_cells_that_start_like_a_formula_are_text_not_formulas(self, client, plan, hostile_measure):
        sheet = load_workbook(io.BytesIO(_plan_export(client, plan, "xlsx"))).active
        cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
        title = cells[2]
        assert title.data_type == "s" and title.value == "'" + HOSTILE[0]
        assert not any(c.data_type == "f" for c in cells)
        assert cells[6].value == 10  # numbers stay numbers

    def test_the_json_export_keeps_the_text_as_it_is(self, client, plan, hostile_measure):
        assert json.loads(_plan_export(client, plan, "json"))["measures"][0]["title"] == HOSTILE[0]

    def test_negative_indicator_values_stay_numbers_and_text_is_neutralised(self, client, apprentice_values):
        apprentice_values.values.update(value=-1.5, source="=cmd|' /C calc'!A0")
        key = apprentice_values.key
        text = client.get(reverse("planning:indicator_export", args=[key, "csv"])).content.decode("utf-8-sig")
        rows = _coded(text, VALUE_HEADERS)
        assert {r["value"] for r in rows} == {"-1.5"} and {r["source"] for r in rows} == {"'=cmd|' /C calc'!A0"}
        book = load_workbook(io.BytesIO(client.get(reverse("planning:indicator_export", args=[key, "xlsx"])).content))
        values = [row[6] for row in book.active.iter_rows(min_row=2, values_only=True)]
        assert values == [-1.5] * 4

    def test_the_indicator_import_reads_an_exported_csv_back_with_its_neutralised_cells_restored(
        self, client, apprentice_values
    ):
        from veikart.indicators.import_plan import ColumnMapping, ImportOptions
        from veikart.indicators.importing import plan_bytes

        apprentice_values.values.update(value=-1.5)
        apprentice_values.values.filter(period="2021").update(period="-2021")  # only to show the restoring
        body = client.get(reverse("planning:indicator_export", args=[apprentice_values.key, "csv"])).content
        assert b";'-2021;" in body
        options = ImportOptions(columns=ColumnMapping(organisation="Organisasjonsnummer", period="Periode"))
        plan = plan_bytes(body, "export.csv", options)
        read = {(r.organisation, r.value) for r in plan.rows}
        assert read == {("0301", -1.5), ("4601", -1.5)}
        assert {r.raw[4] for r in plan.rejected} == {"-2021"}  # restored, then refused as a period, not as "'-2021"

    def test_the_headers_are_in_the_pages_language_and_unique_in_each(self, client, plan, measure, apprentice_values):
        _english(client)
        text = _plan_export(client, plan, "csv").decode("utf-8-sig")
        assert text.startswith("Plan year;Measure ID;Title;Description;Status code;Status;")
        sheet = load_workbook(io.BytesIO(_plan_export(client, plan, "xlsx"))).active
        assert next(sheet.iter_rows(values_only=True))[:3] == ("Plan year", "Measure ID", "Title")
        values = client.get(reverse("planning:indicator_export", args=[apprentice_values.key, "csv"]))
        assert values.content.decode("utf-8-sig").startswith("Indicator;Organisation name;Number;")
        for labels in (MEASURE_HEADERS, VALUE_HEADERS):
            assert len(set(columns_by_header(labels).values())) == len(labels)
            for language in ("nb", "nn", "en"):
                from django.utils import translation

                with translation.override(language):
                    assert len({str(label) for label in labels.values()}) == len(labels), language
