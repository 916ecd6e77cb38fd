"""The demo command: organisation KS, both KS strategies published, an editor account."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from tests.conftest import shared_rows
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.strategies.models import Strategy


def _login_request():
    """authenticate() needs the request: the login throttle (django-axes) counts per username and address."""
    return RequestFactory().post("/logg-inn/")


def _load(**options) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


class TestAfterOneLoad:
    """The demo is loaded once for the class, as a first run with a random password (the import costs more than a
    test); each test's changes are rolled back after it."""

    @pytest.fixture(scope="class")
    @classmethod
    def loaded(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        yield from shared_rows(django_db_blocker, tmp_path_factory, lambda: {"output": _load()})

    @pytest.fixture
    def output(self, db, loaded) -> str:
        return loaded["output"]

    def test_load_demo_publishes_both_ks_strategies_and_prints_credentials(self, output):
        ks = Organisation.objects.get(slug="ks")
        titles = sorted(Strategy.objects.filter(organisation=ks, status="published").values_list("title", flat=True))
        assert titles == ["Langtidsplan for KS 2016–2019", "Langtidsstrategi for KS 2020–2023"]
        password = output.split("Demo editor: username redaktor  password ")[1].split()[0]
        user = authenticate(_login_request(), username="redaktor", password=password)
        assert user is not None
        assert Membership.objects.get(user=user, organisation=ks).role == Membership.Role.ADMIN

    def test_load_demo_is_idempotent(self, output):
        again = _load(password="demo-passord-2")
        assert Strategy.objects.count() == 2 and Organisation.objects.count() == 1
        assert again.count("skipped") == 2
        assert authenticate(_login_request(), username="redaktor", password="demo-passord-2") is not None

    def test_demo_strategies_are_on_the_public_pages(self, client, output):
        front = client.get("/").content.decode()
        for strategy in Strategy.objects.all():
            assert strategy.get_absolute_url() in front
            assert client.get(strategy.get_absolute_url()).status_code == 200
        assert client.get("/organisasjoner/ks/").status_code == 200


def test_load_demo_uses_the_bundled_copies_without_shared_samples(db, settings, tmp_path):
    settings.VEIKART_SAMPLES_DIR = tmp_path / "missing"
    output = _load(password="demo-passord-1")
    assert "veikart/web/demo/samples" in output
    assert Strategy.objects.filter(status="published").count() == 2


def test_run_demo_server_starts_the_worker_beside_the_server_and_stops_it(monkeypatch):
    from veikart.web.strategies.management.commands import run_demo_server

    started, served = [], []

    class FakeWorker:
        pid = 4242
        terminated = False

        def __init__(self, args):
            started.append(args)

        def poll(self):
            return 0 if FakeWorker.terminated else None

        def terminate(self):
            FakeWorker.terminated = True

        def wait(self, timeout):
            return 0

    monkeypatch.setattr(run_demo_server.subprocess, "Popen", FakeWorker)
    monkeypatch.setattr(run_demo_server, "call_command", lambda *a, **k: served.append((a, k)))
    monkeypatch.setattr(run_demo_server.signal, "signal", lambda *a: None)
    call_command("run_demo_server", "127.0.0.1:8123", stdout=io.StringIO())
    assert started[0][2:] == ["run_worker", "--interval", "0.5"]  # the supervisor: it restarts a dead worker
    assert served == [(("runserver", "127.0.0.1:8123"), {"use_reloader": False})]
    assert FakeWorker.terminated
