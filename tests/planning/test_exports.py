"""Plans with measures, and indicator values, as CSV, XLSX and JSON."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse
from openpyxl import load_workbook


def _plan_export(client, plan, fmt):
    response = client.get(reverse("planning:plan_export", args=[plan.strategy_id, plan.year, fmt]))
    assert response.status_code == 200
    assert f'handlingsplan-{plan.strategy_id}-2021.{fmt}"' in response["Content-Disposition"]
    return response.content


def test_the_plan_as_csv_has_one_row_per_measure_with_status_and_goals(client, plan, measure, late_measure):
    text = _plan_export(client, plan, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["title"] for r in rows] == ["Lederkurs for nye rådmenn", "Veileder for heltidskultur"]
    late = rows[1]
    assert (late["status"], late["progress"], late["latest_comment"]) == ("in_progress", "40", "I gang")
    assert late["goals_and_commitments"] == "2.2 KS skal bidra til gode arbeidsgivere."
    assert rows[0]["role"] == "Arbeidsgiverorganisasjon"


def test_the_plan_as_xlsx_holds_the_same_rows(client, plan, measure, late_measure):
    sheet = load_workbook(io.BytesIO(_plan_export(client, plan, "xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("plan_year", "measure_id", "title")
    assert [r[2] for r in rows[1:]] == ["Lederkurs for nye rådmenn", "Veileder for heltidskultur"]


def test_the_plan_as_json_names_its_schema_strategy_and_year(client, plan, measure):
    data = json.loads(_plan_export(client, plan, "json"))
    assert data["schema"] == "veikart.action-plan/1" and data["year"] == 2021
    assert data["measures"][0]["due"] == "2021-06-30"


def test_an_unknown_format_is_not_found(client, plan):
    assert client.get(reverse("planning:plan_export", args=[plan.strategy_id, plan.year, "pdf"])).status_code == 404


def test_indicator_values_export_in_all_three_formats(client, apprentice_values):
    key = apprentice_values.key
    text = client.get(reverse("planning:indicator_export", args=[key, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {(r["organisation_number"], r["period"], r["value"]) for r in rows} == {
        ("0301", "2020", "1.2"), ("0301", "2021", "1.5"), ("4601", "2020", "1.6"), ("4601", "2021", "2.2")}
    book = load_workbook(io.BytesIO(client.get(reverse("planning:indicator_export", args=[key, "xlsx"])).content))
    assert book.active.max_row == 5
    data = json.loads(client.get(reverse("planning:indicator_export", args=[key, "json"])).content)
    assert data["indicator"]["direction"] == "higher_is_better" and len(data["values"]) == 4
