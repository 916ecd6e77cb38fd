"""/healthz: 200 when the database answers and a worker was seen recently, 503 (JSON saying what) otherwise."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from veikart.web import health
from veikart.web.jobs.models import WorkerBeat


@pytest.fixture
def with_worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.VEIKART_JOB_STALE_SECONDS = 120


def _beat(seconds_ago: float) -> None:
    now = timezone.now()
    WorkerBeat.objects.create(worker_id="w1", pid=1, host="test", started_at=now - timedelta(hours=1),
                              seen_at=now - timedelta(seconds=seconds_ago))


def test_ok_without_a_worker_queue(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["worker"] == {"ok": True, "needed": False}
    assert "no-cache" in response["Cache-Control"]


def test_a_live_worker_is_ok_a_silent_one_is_503(client, db, with_worker_queue):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == {"ok": False, "seen_at": None}
    _beat(10)
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["database"]["ok"] is True
    WorkerBeat.objects.update(seen_at=timezone.now() - timedelta(seconds=600))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["worker"]["age_seconds"] >= 600


def test_a_database_that_does_not_answer_is_503_and_logged(client, db, monkeypatch, caplog):
    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    with caplog.at_level(logging.ERROR, logger="veikart.web.health"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}
    assert "database unreachable" in caplog.text


def test_no_https_redirect_for_the_probe(settings, db):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301
