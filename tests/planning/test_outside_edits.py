"""Plans, measures, indicators and reporting edited past the services (a shell, the admin) get one entry in
the plan's change log, read as a sentence; an edit through the services keeps only its own entry."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.planning.conftest import OnSharedPlanning
from veikart.web.audit.models import ChangeRecord
from veikart.web.planning import indicator_edit, reporting, services
from veikart.web.planning.models import Measure, PlanChange, Value


def _outside(strategy):
    return list(ChangeRecord.objects.filter(strategy=strategy, action="edit_outside"))


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_a_shell_edit_of_a_measure_leaves_one_entry_naming_it(
        self, published, measure, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            row = Measure.objects.get(pk=measure.pk)
            row.title = "Lederkurs, endret i skallet"
            row.save()
        [entry] = _outside(published)
        assert (entry.user, entry.object_type, entry.object_id, entry.version) == (None, "measure", measure.pk, None)
        assert entry.after["title"] == "Lederkurs, endret i skallet" and entry.after["due"] == "2021-06-30"
        assert PlanChange.objects.filter(pk=entry.pk).exists()  # in the plan's log, not a version of the strategy
        published.refresh_from_db()
        assert published.version == 2  # the strategy's version is left alone, as by the plan's services

    def test_a_rolled_back_shell_edit_leaves_none(self, published, measure, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            Measure.objects.filter(pk=measure.pk).first().delete()
            raise RuntimeError("rolled back")
        assert _outside(published) == []

    def test_edits_through_the_services_leave_exactly_their_own_entries(
        self, published, plan, alice, goal, ks, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            measure = services.create_measure(plan, alice, items=[goal], title="Kurs", due=date(2021, 6, 30))
            services.edit_measure(measure, alice, due=date(2021, 12, 31))
            services.add_status_update(measure, alice, status="in_progress", progress=10)
            services.edit_plan(plan, alice, "Ny beskrivelse")
            reporting.save_assessments(plan, 1, alice, goals={}, measures={measure.pk: ("in_progress", "Godt i gang")})
            reporting.submit(plan, 1, alice)
            indicator_edit.create_indicator(ks, alice, goals=[goal], targets=[], name="Kurs holdt", unit="antall")
            services.carry_over(plan, alice)
        actions = list(PlanChange.objects.filter(strategy=published).order_by("pk").values_list("action", flat=True))
        assert actions == [
            "create_plan",
            "create_measure",
            "edit_measure",
            "status_update",
            "edit_plan",
            "assess",
            "submit_period",
            "create_indicator",
            "create_plan",
            "carry_over",
        ]
        assert _outside(published) == []

    def test_indicator_values_are_left_out(self, published, apprentices, ks, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            Value.objects.create(
                indicator=apprentices,
                organisation=ks,
                period="2022",
                period_end=date(2022, 12, 31),
                value=1.5,
                imported_at=timezone.now(),
            )
        assert _outside(published) == []

    def test_the_change_log_reads_an_outside_edit_as_a_sentence(
        self, client, alice, plan, measure, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            Measure.objects.filter(pk=measure.pk).update(title="Lederkurs")  # no signal: only the save below counts
            row = Measure.objects.get(pk=measure.pk)
            row.due = date(2021, 9, 30)
            row.save()
        client.force_login(alice)
        url = reverse("planning:changes", args=[plan.strategy_id])
        page = client.get(url).content.decode()
        assert "Endret tiltaket «Lederkurs» utenfor appen." in page and "Frist: 30. september 2021" in page
        assert "{" not in page.split("<main", 1)[-1]
        client.cookies["django_language"] = "en"
        assert "Changed the measure «Lederkurs» outside the app." in client.get(url).content.decode()
