"""The check of an indicator file runs in the task worker: the request stores the file and queues it.

These tests use the database task backend (the task is queued, not run) and
then run the queued job as the worker would (``values.run_check``).
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.planning.conftest import OnSharedPlanning
from veikart.web.jobs import runtime
from veikart.web.planning import values
from veikart.web.planning.models import Value, ValueImport

GOOD = "kommunenummer;år;verdi\n0301;2020;1,2\n0301;2021;1,5\n4601;2021;2,2\n".encode()


@pytest.fixture
def editor(client, alice, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(alice)
    return client


def _upload(client, ks, indicator, content: bytes = GOOD, name: str = "verdier.csv") -> ValueImport:
    response = client.post(reverse("planning:value_upload"), {
        "organisation": ks.pk, "indicator": indicator.pk, "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ValueImport.objects.latest("pk")


def _queued_tasks(name: str) -> int:
    return DBTaskResult.objects.filter(task_path__endswith=f"tasks.{name}").count()


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("apprentices",)

    def test_the_upload_only_stores_the_file_and_queues_its_check(self, editor, ks, apprentices, monkeypatch):
        def no_parsing_here(*args, **kwargs):
            raise AssertionError("the file was read in the request")

        monkeypatch.setattr(values, "plan_bytes", no_parsing_here)
        job = _upload(editor, ks, apprentices)
        assert (job.status, job.stage) == (ValueImport.Status.QUEUED, ValueImport.Stage.CHECK)
        assert job.file and job.file.read() == GOOD and job.report == {}
        assert _queued_tasks("check_values") == 1 and _queued_tasks("apply_values") == 0
        page = editor.get(job.get_absolute_url()).content.decode()
        assert "Venter på kontroll" in page and 'id="job-progress"' in page and "veikart/job.js" in page
        assert "Skriv verdiene" not in page

    def test_the_worker_checks_the_file_and_the_page_shows_the_plan_to_confirm(self, editor, ks, apprentices):
        job = _upload(editor, ks, apprentices)
        values.run_check(job.pk)
        job.refresh_from_db()
        assert (job.status, job.progress, job.report["accepted"]) == (ValueImport.Status.CHECKED, 100, 3)
        page = editor.get(job.get_absolute_url()).content.decode()
        assert '<strong id="accepted">3</strong>' in page and "Skriv verdiene" in page and "job.js" not in page
        assert not Value.objects.exists()
        editor.post(job.get_absolute_url())  # confirm: the write is queued as its own task
        job.refresh_from_db()
        assert (job.status, job.stage) == (ValueImport.Status.QUEUED, ValueImport.Stage.APPLY)
        assert _queued_tasks("apply_values") == 1
        values.run_apply(job.pk)
        job.refresh_from_db()
        assert job.status == ValueImport.Status.APPLIED and Value.objects.count() == 3

    def test_the_status_url_reports_the_stage_and_progress(self, editor, ks, apprentices):
        job = _upload(editor, ks, apprentices)
        url = reverse("planning:value_import_status", args=[job.pk])
        assert editor.get(url).json() == {"status": "queued", "stage": "check", "status_label": "Venter på kontroll",
                                          "progress": 0, "finished": False}
        values.run_check(job.pk)
        assert editor.get(url).json()["finished"] is True

    def test_a_refused_file_keeps_its_reason_and_its_stored_file_is_deleted(self, editor, ks, apprentices):
        job = _upload(editor, ks, apprentices, b"navn;innbyggere\nOslo;700000\n")
        path = job.file.path
        values.run_check(job.pk)
        job.refresh_from_db()
        assert job.status == ValueImport.Status.REFUSED and "mangler kolonne" in job.report["error"]["msgid"]
        assert not job.file and not os.path.exists(path)
        page = editor.get(job.get_absolute_url()).content.decode()
        assert "Filen er avvist:" in page and "Skriv verdiene" not in page

    def test_a_cancelled_check_never_runs_and_retry_checks_again(self, editor, ks, apprentices):
        job = _upload(editor, ks, apprentices)
        response = editor.post(reverse("planning:value_import_cancel", args=[job.pk]), {"status": "queued"})
        assert response.status_code == 302
        values.run_check(job.pk)
        job.refresh_from_db()
        assert job.status == ValueImport.Status.CANCELLED and job.report == {}
        page = editor.get(job.get_absolute_url()).content.decode()
        assert "Kontrollen ble avbrutt" in page and "Prøv igjen" in page
        editor.post(reverse("planning:value_import_retry", args=[job.pk]), {"status": "cancelled"})
        assert _queued_tasks("check_values") == 2
        values.run_check(job.pk)
        job.refresh_from_db()
        assert job.status == ValueImport.Status.CHECKED and job.report["accepted"] == 3

    def test_a_check_left_by_a_dead_worker_is_queued_again_as_a_check(self, editor, ks, apprentices, settings):
        job = _upload(editor, ks, apprentices)
        stale = timezone.now() - timedelta(seconds=settings.VEIKART_JOB_STALE_SECONDS + 1)
        ValueImport.objects.filter(pk=job.pk).update(status=ValueImport.Status.RUNNING, heartbeat_at=stale, attempts=1,
                                                      progress=10)
        assert runtime.sweep()["requeued"] == 1
        job.refresh_from_db()
        assert (job.status, job.stage, job.progress) == (ValueImport.Status.QUEUED, ValueImport.Stage.CHECK, 0)
        assert _queued_tasks("check_values") == 2 and _queued_tasks("apply_values") == 0

    def test_the_page_names_a_missing_worker_while_the_check_waits(self, editor, ks, apprentices):
        job = _upload(editor, ks, apprentices)
        assert "Ingen bakgrunnsarbeider kjører nå." in editor.get(job.get_absolute_url()).content.decode()
