"""Veikart's own plan exports (CSV, XLSX, JSON) import again without loss, into the same plan or a new one."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.planning.conftest import OnSharedPlanning
from veikart.web.orgs.models import Unit
from veikart.web.planning import exports, plan_import, services
from veikart.web.planning.models import PlanChange

# Columns that name the row's place rather than the measure: the plan, the id, the chain across years.
PLACE = {"plan_year", "measure_id", "carried_from_measure_id"}


def _comparable(plan) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in PLACE} for row in exports.plan_rows(plan)]


def _export(client, plan, fmt) -> bytes:
    return client.get(reverse("planning:plan_export", args=[plan.strategy_id, plan.year, fmt])).content


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan", "measure")

    def test_each_format_rebuilds_the_plan_in_another_year(self, client, alice, bob, ks, plan, measure, late_measure):
        unit = Unit.objects.create(organisation=ks, name="KS Læring")
        services.edit_measure(measure, alice, responsible_unit=unit, responsible="")
        services.create_measure(plan, alice, title="=Formelaktig tittel", responsible_user=bob, status="done")
        expected = _comparable(plan)
        for year, fmt in [(2022, "csv"), (2023, "xlsx"), (2020, "json")]:
            target = services.create_plan(plan.strategy, year, alice)
            counts = plan_import.import_measures(target, alice, _export(client, plan, fmt), f"plan.{fmt}")
            assert counts == {"created": 3, "updated": 0, "unchanged": 0}
            assert _comparable(target) == expected, fmt

    def test_importing_a_plans_own_export_again_changes_nothing(self, client, alice, plan, measure, late_measure):
        body = _export(client, plan, "csv")
        counts = plan_import.import_measures(plan, alice, body, "plan.csv")
        assert counts == {"created": 0, "updated": 0, "unchanged": 2}
        assert plan.measures.count() == 2 and late_measure.updates.count() == 1

    def test_a_bad_row_writes_nothing(self, client, alice, plan, measure):
        body = _export(client, plan, "csv").decode("utf-8-sig").replace(";planned;", ";ukjent;").encode()
        target = services.create_plan(plan.strategy, 2022, alice)
        try:
            plan_import.import_measures(target, alice, body, "plan.csv")
        except services.PlanError as exc:
            assert "Rad 2" in str(exc)
        assert not target.measures.exists()

    def test_the_import_page_is_for_editors_and_leaves_a_change_record(self, client, alice, bob, plan, measure):
        url = reverse("planning:plan_import", args=[plan.strategy_id, plan.year])
        body = _export(client, plan, "json")
        client.force_login(bob)
        assert client.get(url).status_code == 403
        client.force_login(alice)
        target = services.create_plan(plan.strategy, 2022, alice)
        target_url = reverse("planning:plan_import", args=[target.strategy_id, target.year])
        response = client.post(target_url, {"file": SimpleUploadedFile("plan.json", body)})
        assert response.status_code == 302 and target.measures.count() == 1
        assert PlanChange.objects.filter(action=PlanChange.Action.IMPORT_MEASURES).count() == 1
        refused = client.post(target_url, {"file": SimpleUploadedFile("x.json", b'{"schema": "noe annet"}')})
        assert refused.status_code == 200 and "veikart.action-plan/1" in refused.content.decode()

    def test_an_english_export_rebuilds_the_plan_too(self, client, alice, plan, measure, late_measure):
        with translation.override("nb"):
            expected = _comparable(plan)
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        for year, fmt in [(2022, "csv"), (2023, "xlsx")]:
            body = _export(client, plan, fmt)
            target = services.create_plan(plan.strategy, year, alice)
            assert plan_import.import_measures(target, alice, body, f"plan.{fmt}")["created"] == 2
            with translation.override("nb"):  # the labels in the rows compared, not the file's
                assert _comparable(target) == expected, fmt

    def test_a_plan_file_with_the_old_code_headers_still_imports(self, alice, plan, measure):
        body = exports.to_csv(exports.MEASURE_COLUMNS, exports.plan_rows(plan))
        assert body.decode("utf-8-sig").startswith("plan_year;measure_id;title;")
        target = services.create_plan(plan.strategy, 2022, alice)
        assert plan_import.import_measures(target, alice, body, "gammel.csv")["created"] == 1
