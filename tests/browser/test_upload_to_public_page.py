"""The whole editor's journey in a real browser: sign in, upload, wait for the
background import, correct one goal, publish, and read it as a visitor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PASSWORD, TIMEOUT_MS, run_worker, sample_path
from veikart.web.strategies.models import ImportJob, Strategy

pytestmark = pytest.mark.browser

ORIGINAL = "KS skal bidra til at innbyggerne lever i et samfunn med høy tillit."
CORRECTED = "KS skal bidra til at innbyggerne lever i et samfunn med høy og varig tillit."


def sign_in_with_the_form(page: Page, username: str) -> None:
    page.goto("/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(re.compile(r"/min-side/$"))


def upload_sample(page: Page) -> None:
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Last opp").click()
    page.get_by_label("Organisasjon").select_option(label="KS")
    page.get_by_label("Dokument").set_input_files(sample_path())
    page.get_by_role("button", name="Last opp", exact=True).click()
    expect(page).to_have_url(re.compile(r"/importer/\d+/$"))


def test_an_editor_uploads_corrects_and_publishes_a_strategy_that_visitors_then_read(
    browser: Browser, page: Page, live_server, alice
):
    sign_in_with_the_form(page, "alice")
    upload_sample(page)

    # The upload is queued, not done: the page says so and polls for progress.
    expect(page.locator("#job-status")).to_have_text("I kø")
    assert ImportJob.objects.get().status == ImportJob.Status.QUEUED
    run_worker()
    # job.js notices the finished job and reloads the page; the link waits for it.
    page.get_by_role("link", name="Gjennomgå utkastet").click(timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjennomgang: Langtidsstrategi for KS 2020–2023")

    # Select the goal of 2.4: its origin is highlighted in the source text.
    goal = page.locator("li.review-item", has_text=ORIGINAL)
    goal.get_by_role("link", name=re.compile(r"^Velg")).click()
    expect(page.locator("mark#kilde-markering")).to_have_text(ORIGINAL)
    page.get_by_label("Tekst", exact=True).fill(CORRECTED)
    page.get_by_role("button", name="Lagre tekst").click()
    expect(page.get_by_role("status")).to_contain_text("Endringen er lagret.")
    expect(page.locator("li.review-item.is-selected")).to_contain_text(CORRECTED)

    page.get_by_role("button", name="Publiser strategien").click()
    expect(page.get_by_role("status")).to_contain_text("Strategien er publisert.")
    strategy = Strategy.objects.get()
    assert strategy.status == Strategy.Status.PUBLISHED

    # A visitor who never signed in finds it from the front page and reads the correction.
    visitor = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    visitor.set_default_timeout(TIMEOUT_MS)
    try:
        public = visitor.new_page()
        public.goto("/")
        public.get_by_role("link", name="Langtidsstrategi for KS 2020–2023").click()
        expect(public).to_have_url(re.compile(rf"/strategier/{strategy.pk}-[\w-]+/$"))
        trust = public.get_by_role("region", name=re.compile(r"^2\.4 Tillitsskapende"))
        goals = trust.locator("ul.goals > li")
        expect(goals).to_have_count(1)
        expect(goals).to_contain_text(CORRECTED)
        expect(public.get_by_text(ORIGINAL, exact=True)).to_have_count(0)
        expect(public.get_by_role("link", name="Logg inn")).to_be_visible()
    finally:
        visitor.close()
