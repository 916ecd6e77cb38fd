"""Defence in depth: a Content-Security-Policy on every page, source documents only as inert downloads,
server errors on stderr with DEBUG off, and one production command (gunicorn and the task worker)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from veikart.web.planning import services as planning

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "veikart" / "web"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_kind_of_page_has_a_policy_that_allows_no_inline_script(client, alice, published):
    client.force_login(alice)
    urls = [reverse("front"), published.get_absolute_url(), reverse("review", args=[published.pk]),
            reverse("upload"), reverse("strategy_json", args=[published.pk]), "/admin/login/", "/finnes-ikke/"]
    for url in urls:
        response = client.get(url)
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"], url
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], url
        assert "'unsafe-inline'" not in policy["style-src"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url


def test_no_template_has_an_inline_script_or_event_handler():
    offending = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
            if "src=" not in tag:
                offending.append(f"{template}: {tag}")
        offending += [f"{template}: {m}" for m in re.findall(r"<[^>]*\son[a-z]+\s*=", text, flags=re.I)]
        offending += [f"{template}: javascript: URL" for _ in re.findall(r"javascript:", text, flags=re.I)]
    assert not offending


def test_the_annual_reports_style_element_carries_the_nonce_of_the_policy(client, alice, published):
    plan = planning.create_plan(published, 2021, alice, "Plan")
    response = client.get(reverse("planning:report", args=[published.pk, plan.year]))
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _policy(response)["style-src"]


def test_a_source_document_is_served_as_an_inert_download(client, published):
    published.source_filename = "plan.html"
    published.source_file.save("plan.html", ContentFile(b"<script>alert(1)</script>"), save=True)
    response = client.get(reverse("source_document", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;") and 'filename="plan.html"' in response[
        "Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"


def _clean_env(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VEIKART_", "DATABASE_URL", "DJANGO_"))}
    return {**env, "VEIKART_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "veikart.web.settings", **extra}


def test_a_server_error_is_logged_to_stderr_with_debug_off(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; assert not settings.DEBUG\n"
        "from django.test import Client, override_settings\n"
        "with override_settings(ROOT_URLCONF='tests.web.boom_urls', ALLOWED_HOSTS=['testserver']):\n"
        "    print(Client(raise_request_exception=False).get('/boom/').status_code)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_clean_env(tmp_path), capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.stdout.strip() == "500"
    assert "Internal Server Error: /boom/" in run.stderr
    assert "RuntimeError: boom in a view" in run.stderr and "Traceback" in run.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[str]:
    out = subprocess.run(["ps", "-ww", "-o", "args=", "--ppid", str(pid)], capture_output=True, text=True, check=False)
    return out.stdout.splitlines()


@pytest.fixture(scope="module")
def migrated_database(migrated_sqlite, tmp_path_factory) -> Path:
    """An empty installation's SQLite file for the serve tests: the test database as the migrations made it, or
    (the suite on PostgreSQL) a file migrated once by ``manage.py migrate`` (a migration run costs seconds)."""
    if migrated_sqlite is not None:
        return migrated_sqlite
    data = tmp_path_factory.mktemp("migrated")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=_clean_env(data), check=True, timeout=120)
    return data / "veikart.sqlite3"


def _stop_group(serve: subprocess.Popen) -> None:
    """After a failed check, gunicorn and the task worker too: killing only ``serve`` would leave them running."""
    if serve.poll() is None:
        os.killpg(serve.pid, signal.SIGKILL)
        serve.wait()


def _migrated(tmp_path, migrated_database: Path) -> None:
    shutil.copy(migrated_database, tmp_path / migrated_database.name)


def test_manage_py_serve_runs_gunicorn_and_the_task_worker_and_stops_both(tmp_path, migrated_database):
    env = _clean_env(tmp_path, VEIKART_ALLOWED_HOSTS="127.0.0.1")
    manage = [sys.executable, str(ROOT / "manage.py")]
    _migrated(tmp_path, migrated_database)
    port = _free_port()
    # One gunicorn worker (each is a Django process, about a second of CPU to start): the flag still shows the
    # option reaches gunicorn, whose default is 2 x cores + 1.
    serve = subprocess.Popen([*manage, "serve", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    try:
        deadline, response = time.monotonic() + 40, None
        while response is None and time.monotonic() < deadline:
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            except OSError:
                time.sleep(0.3)
        assert response is not None and response.status == 200
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        children = _children(serve.pid)
        assert any("gunicorn veikart.web.wsgi:application" in c and "--workers 1" in c for c in children), children
        assert any(c.endswith("manage.py run_worker") for c in children), children
        # /healthz turns 200 once the task worker has written its first beat.
        deadline, health = time.monotonic() + 40, None
        while time.monotonic() < deadline:
            try:
                health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:  # 503 (HTTPError) until the worker's first beat
                time.sleep(0.5)
        assert health is not None and json.loads(health.read())["worker"]["ok"] is True
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=40) == 0
        assert not _children(serve.pid)
    finally:
        _stop_group(serve)


def test_serve_without_a_worker_runs_gunicorn_alone_and_healthz_says_so(tmp_path, migrated_database):
    """compose.yaml: the app runs `serve --no-worker`, task workers are their own service."""
    env = _clean_env(tmp_path, VEIKART_ALLOWED_HOSTS="127.0.0.1")
    manage = [sys.executable, str(ROOT / "manage.py")]
    _migrated(tmp_path, migrated_database)
    port = _free_port()
    serve = subprocess.Popen([*manage, "serve", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2",
                              "--no-worker"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, start_new_session=True)
    try:
        deadline, status = time.monotonic() + 40, None
        while status is None and time.monotonic() < deadline:
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status
            except urllib.error.HTTPError as exc:
                status, body = exc.code, json.loads(exc.read())
            except OSError:
                time.sleep(0.3)
        assert status == 503 and body["database"]["ok"] is True and body["worker"]["ok"] is False
        assert not any("run_worker" in c for c in _children(serve.pid))
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=40) == 0
    finally:
        _stop_group(serve)
