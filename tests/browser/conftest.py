"""Debian's Chromium, driven by Playwright, against pytest-django's live server.

One browser for this folder (starting Chromium costs about a second);
every test gets a fresh context, so cookies never leak from one test to the
next. The live server runs in a thread of this process, so the settings
fixture below reaches it, and the database is the test database
(``live_server`` needs a transactional one: it is flushed after each test).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.browser.axe import AXE_JS
from tests.conftest import DATABASE_TASKS, use_test_settings
from veikart.web.orgs.models import Membership, Organisation

REPO_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("VEIKART_CHROMIUM", "/usr/bin/chromium"))
SAMPLE_NAME = "ks-langtidsstrategi-2020-2023.md"
PASSWORD = "hemmelig-passord-1"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Bounded waits: a page or a job that takes longer than this is a failure, not a hang.
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def sample_path() -> Path:
    """The 2020–2023 KS strategy from the shared samples.

    A checkout without ../shared/samples (CI) uses the byte-identical copy the
    repository bundles for the demo.
    """
    shared = Path(django_settings.VEIKART_SAMPLES_DIR) / SAMPLE_NAME
    return shared if shared.exists() else REPO_DIR / "veikart" / "web" / "demo" / "samples" / SAMPLE_NAME


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Chromium for the tests of this folder, closed when they are done."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set VEIKART_CHROMIUM)")
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not found at {AXE_JS}: run `npm ci` in {REPO_DIR}")
    # Playwright's sync API keeps an asyncio loop marked as running in this
    # thread, and Django then refuses every ORM call the tests make
    # (SynchronousOnlyOperation). They call the ORM only between browser
    # steps, never concurrently with it, so the check guards nothing here;
    # it is lifted only while this folder's tests run.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            # No sandbox: CI runs as root in a container. The rest keeps Chromium
            # off the network and quiet: the tests talk to 127.0.0.1 only.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _browser_settings(settings, tmp_path):
    # The production backend: uploads are queued in the database and a worker
    # runs them (run_worker in the upload test), so the job page really shows progress.
    use_test_settings(settings, tmp_path, DATABASE_TASKS)


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    ctx.set_default_timeout(TIMEOUT_MS)
    ctx.set_default_navigation_timeout(TIMEOUT_MS)
    blocked: list[str] = []  # the Content-Security-Policy is enforced: anything it blocks fails the test
    ctx.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
           else None)
    yield ctx
    ctx.close()
    assert not blocked, "blocked by the Content-Security-Policy:\n" + "\n".join(blocked)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def ks(transactional_db) -> Organisation:
    return Organisation.objects.create(slug="ks", name="KS", kind=Organisation.Kind.KS)


@pytest.fixture
def alice(ks) -> User:
    """KS's editor."""
    user = User.objects.create_user("alice", "alice@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=ks, role=Membership.Role.EDITOR)
    return user


def one_section_plan(title: str, goals: list[str], commitments: list[str], intro: str = "") -> dict:
    """Strategy JSON of an example municipality's plan with one section, "1 Heltid" (a page's worth)."""
    return {
        "schema": "veikart.strategy/1",
        "title": title,
        "organisation": "KS",
        "period": {"start": 2024, "end": 2027},
        "language": "nb",
        "source": {"filename": "eksempel.md", "sha256": "cd" * 32, "pages": 1, "format": "markdown"},
        "sections": [
            {
                "number": "1",
                "title": "Heltid",
                "intro": intro,
                "goals": [{"text": text, "source": None} for text in goals],
                "commitments": [{"text": text, "source": None} for text in commitments],
                "sections": [],
                "source": None,
            }
        ],
    }


def sign_in(context: BrowserContext, user: User, live_server) -> None:
    """Give the browser a signed-in session without going through the form (the flow test uses the form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def choose_language(context: BrowserContext, code: str, live_server) -> None:
    context.add_cookies([{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}])


def run_worker() -> None:
    """What `manage.py db_worker` does in production: run every queued task (imports, search upkeep), then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--verbosity", "0")
