"""Members as organisations, the demo command, and manage.py import_indicators (a dry run unless --confirm)."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from tests.conftest import use_test_settings
from veikart.members import MemberKind, load_members
from veikart.web.orgs.models import Organisation
from veikart.web.planning.members import load_member_organisations
from veikart.web.planning.models import ActionPlan, Indicator, Measure, Target, Value


def test_load_members_creates_every_current_member_once(db):
    first = load_member_organisations(date(2024, 1, 1))
    again = load_member_organisations(date(2024, 1, 1))
    members = load_members(date(2024, 1, 1))
    assert first.created == len(members) and (again.created, again.updated) == (0, 0)
    assert Organisation.objects.filter(kind="kommune").count() == len(load_members(date(2024, 1, 1),
                                                                                   MemberKind.MUNICIPALITY))
    assert Organisation.objects.get(kind="kommune", number="3101").name == "Halden kommune"


def test_load_members_keeps_an_existing_organisation_with_the_same_number(oslo):
    load_member_organisations(date(2024, 1, 1))
    assert Organisation.objects.filter(kind="kommune", number="0301").get() == oslo


def test_the_command_prints_its_counts_and_writes_only_when_confirmed(db, capsys):
    call_command("load_members", "--date", "2024-01-01")
    dry, err = capsys.readouterr()
    assert "dry run: nothing written" in err and not Organisation.objects.exists()
    call_command("load_members", "--date", "2024-01-01", "--confirm")
    assert capsys.readouterr().out == dry  # the dry run counted what the real run did
    assert Organisation.objects.filter(kind="kommune", number="3101").exists()


@pytest.fixture(scope="class")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the class (about 1.5 s of CPU a load), inside a transaction rolled back after it.

    Each test's own transaction (the db fixture) is a savepoint inside it, so a test's changes still vanish
    after it. The settings the function-scoped autouse fixtures give a test are set here too, as they have not
    run yet: documents in a temporary folder, immediate tasks, no page cache, words only (no e5 model).
    """
    samples = Path(django_settings.VEIKART_SAMPLES_DIR)
    if not (samples / "ks-langtidsstrategi-2020-2023.md").is_file():
        pytest.skip("the shared KS samples are not on this machine")
    values = SimpleNamespace(VEIKART_PAGE_CACHE_SECONDS=0, VEIKART_MEANING=False)
    use_test_settings(values, tmp_path_factory.mktemp("demo"))
    with override_settings(**vars(values)), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--password", "demo-passord-123", stdout=StringIO())
        call_command("load_demo_plans", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_loaded, db):
    return None


class TestDemo:
    def test_the_demo_plan_is_illustrative_and_linked_to_the_strategys_own_goals(self, demo):
        plan = ActionPlan.objects.get(year=2021, strategy__title="Langtidsstrategi for KS 2020–2023")
        assert "ikke KS' faktiske handlingsplan" in plan.description
        assert plan.measures.count() == 6
        for measure in plan.measures.all():
            assert measure.items.filter(section__strategy=plan.strategy, kind="goal").exists(), measure.title

    def test_the_demo_indicators_carry_the_targets_from_the_definitions_and_no_invented_values(self, demo):
        apprentices = Indicator.objects.get(key="apprentices_per_1000")
        target = apprentices.targets.get()
        assert (target.value, target.comparison, target.deadline) == (2.0, ">=", date(2019, 12, 31))
        assert target.strategy.period_start == 2016
        assert Target.objects.filter(indicator__key="local_election_turnout", strategy__period_start=2020).exists()
        # The only values are SSB's population: no figures for KS's own indicators.
        assert set(Value.objects.values_list("indicator__key", flat=True).distinct()) <= {"population"}

    def test_the_demo_loads_twice_without_changes(self, demo, capsys):
        counts = (Measure.objects.count(), Value.objects.count(), Indicator.objects.count(), Target.objects.count())
        call_command("load_demo_plans")
        out = capsys.readouterr().out
        assert "0 measures added" in out and "0 created, 0 updated" in out
        assert counts == (Measure.objects.count(), Value.objects.count(), Indicator.objects.count(),
                          Target.objects.count())

    def test_the_demo_plan_shows_a_year_of_follow_up_by_tertial_marked_as_examples(self, demo, client):
        from veikart.web.planning.models import Assessment, ReportingPeriod

        plan = ActionPlan.objects.get(year=2021, strategy__title="Langtidsstrategi for KS 2020–2023")
        assert plan.reporting == "tertial"
        states = ReportingPeriod.State
        assert list(plan.periods.order_by("number").values_list("number", "state")) == [
            (1, states.APPROVED), (2, states.APPROVED), (3, states.SUBMITTED)]
        assessments = Assessment.objects.filter(period__plan=plan)
        assert assessments.filter(item__isnull=False).count() >= 8
        assert assessments.filter(measure__isnull=False).count() >= 10
        assert all(a.text.startswith("Eksempel") for a in assessments)
        assert all(a.item.kind == "goal" for a in assessments.filter(item__isnull=False))
        assert all(m.updates.exists() for m in plan.measures.all())  # every measure has a history through the year
        # The pages say it is an example: the plan's description is on the dashboard and the report.
        for url in (plan.get_absolute_url(), reverse("planning:report", args=[plan.strategy_id, 2021]),
                    reverse("planning:period", args=[plan.strategy_id, 2021, 3])):
            page = client.get(url).content.decode()
            assert "Illustrerende eksempel" in page, url
        period = client.get(reverse("planning:period", args=[plan.strategy_id, 2021, 3])).content.decode()
        assert "Eksempel: arenaen for digitale fellesløsninger er etablert." in period

    def test_the_demo_dashboard_says_no_data_for_ks_indicators(self, demo, client):
        plan = ActionPlan.objects.get(year=2021)
        page = client.get(plan.get_absolute_url()).content.decode()
        assert "Sykefravær" in page and "Valgdeltakelse" in page and "mangler data" in page
        assert "Forarbeid til kampanje for høyere valgdeltakelse i 2023" in page


def _import_indicators(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_indicators", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_import_indicators_is_a_dry_run_unless_confirmed(apprentices, tmp_path, monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")  # the summary is in the command line's language
    data = tmp_path / "laerlinger.csv"
    data.write_text("knr;aar;verdi\n0301;2021;1,5\n4601;2021;2,2\n", encoding="utf-8")
    args = [str(data), "--indicator", "apprentices_per_1000"]
    dry = _import_indicators(*args)
    assert "godtatt: 2" in dry and "prøvekjøring: ingenting er skrevet (bruk --confirm)" in dry
    assert "dry run" not in dry  # one language, not two side by side
    assert not Value.objects.filter(indicator=apprentices).exists()
    assert '"created": 2' in _import_indicators(*args, "--confirm")
    assert '"unchanged": 2' in _import_indicators(*args, "--confirm")
    assert Value.objects.filter(indicator=apprentices).count() == 2


def test_import_indicators_writes_nothing_from_a_file_with_rejected_rows_unless_told(apprentices, tmp_path):
    data = tmp_path / "laerlinger.csv"
    data.write_text("knr;aar;verdi\n0301;2021;1,5\n9999;2021;2,2\n", encoding="utf-8")
    args = [str(data), "--indicator", "apprentices_per_1000", "--confirm"]
    with pytest.raises(CommandError, match="rejected rows: nothing written") as refused:
        _import_indicators(*args)
    assert refused.value.returncode == 1 and not Value.objects.exists()
    assert '"created": 1' in _import_indicators(*args, "--skip-rejected")


def test_import_indicators_refuses_an_unknown_indicator_even_in_a_dry_run(db, tmp_path):
    data = tmp_path / "x.csv"
    data.write_text("knr;aar;verdi\n0301;2021;1,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown indicators: finnes_ikke"):
        _import_indicators(str(data), "--indicator", "finnes_ikke")
