"""axe-core finds no WCAG 2.1 A/AA violation on any main page, in bokmål and
English, on a desktop screen and (for the pages people read on the go) a phone.

Set VEIKART_SCREENSHOTS=/some/dir to keep screenshots (whole page and first screen) of every page checked.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.axe import assert_accessible, axe_violations, describe
from tests.browser.conftest import PHONE, choose_language, run_worker, sample_path, sign_in
from veikart.ingest import extract_bytes_with_pages
from veikart.web.orgs.models import Organisation
from veikart.web.strategies import edits, services
from veikart.web.strategies.models import ImportJob, Item, Strategy

pytestmark = pytest.mark.browser

REFLOW = {"width": 320, "height": 256}
TRUST_GOAL = "KS skal bidra til at innbyggerne lever i et samfunn med høy tillit."


@functools.cache
def _extracted_sample():
    # Extraction takes half a second; the database is flushed after every test, the parse need not be.
    data = sample_path().read_bytes()
    return data, extract_bytes_with_pages(data, filename=sample_path().name)


@dataclass
class Library:
    """What the pages show: KS with a published and a draft 2020–2023 strategy, and three import jobs."""

    ks: Organisation
    alice: User
    published: Strategy
    draft: Strategy
    goal: Item
    jobs: dict[str, ImportJob]


@pytest.fixture
def library(ks, alice) -> Library:
    data, (parsed, pages) = _extracted_sample()

    def strategy() -> Strategy:
        return services.import_strategy(
            ks, copy.deepcopy(parsed), alice, pages=pages, source_file=(sample_path().name, data)
        )

    published = strategy()
    goal = Item.objects.get(section__strategy=published, text=TRUST_GOAL)
    edits.edit_item(published, alice, goal.pk, goal.version, TRUST_GOAL.replace("høy", "høy og varig"))
    published = services.publish(Strategy.objects.get(pk=published.pk), alice)
    draft = strategy()
    jobs = {
        status: ImportJob.objects.create(
            organisation=ks, uploaded_by=alice, filename=sample_path().name, file=f"uploads/{status}.md",
            status=status, progress={"queued": 0, "done": 100, "failed": 30}[status],
            strategy=draft if status == "done" else None,
            error="Filen er tom." if status == "failed" else "",
        )
        for status in ("queued", "done", "failed")
    }
    run_worker()  # whatever the imports queued (search index upkeep, similar items), so pages show it all
    return Library(ks, alice, published, draft, Item.objects.get(section__strategy=draft, text=TRUST_GOAL), jobs)


@dataclass(frozen=True)
class Main:
    url: Callable[[Library], str]
    signed_in: bool = False
    ready: str = "h1"  # a selector that shows the page is the one meant, not an error page
    status: int = 200


def _review(lib: Library) -> str:
    return f"{reverse('review', args=[lib.draft.pk])}?valgt=i{lib.goal.pk}#i{lib.goal.pk}"


PAGES: dict[str, Main] = {
    "front page": Main(lambda lib: reverse("front"), ready="text=Langtidsstrategi for KS 2020–2023"),
    "organisation page": Main(lambda lib: lib.ks.get_absolute_url(), ready="ol.timeline"),
    "public strategy page": Main(lambda lib: lib.published.get_absolute_url(), ready="section.section"),
    "login page": Main(lambda lib: reverse("login"), ready="#id_username"),
    "upload page": Main(lambda lib: reverse("upload"), signed_in=True, ready="#document"),
    "import job page, queued": Main(lambda lib: lib.jobs["queued"].get_absolute_url(), True, "#job-progress"),
    "import job page, done": Main(lambda lib: lib.jobs["done"].get_absolute_url(), True, "a.button.primary"),
    "import job page, failed": Main(lambda lib: lib.jobs["failed"].get_absolute_url(), True, ".error-box"),
    "review page with a goal selected": Main(_review, signed_in=True, ready="li.is-selected #item-text"),
    "review page with a section selected": Main(
        lambda lib: f"{reverse('review', args=[lib.draft.pk])}?valgt=s{lib.goal.section_id}",
        signed_in=True, ready="li.review-section.is-selected #section-intro",
    ),
    "history page": Main(lambda lib: reverse("history", args=[lib.published.pk]), signed_in=True, ready="table"),
    "my page": Main(lambda lib: reverse("my_page"), signed_in=True, ready="table"),
    "draft strategy page": Main(lambda lib: lib.draft.get_absolute_url(), signed_in=True, ready=".notice"),
    # Not an issue 3 page, but its form is in every page's header.
    "search page with results": Main(lambda lib: f"{reverse('search')}?q=tillit", ready="h1"),
    "page not found": Main(lambda lib: "/finnes-ikke/", status=404),
}


def _screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("VEIKART_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        stem = Path(folder) / re.sub(r"[^a-z0-9]+", "-", name.lower())
        page.screenshot(path=f"{stem}.png", full_page=True)
        page.screenshot(path=f"{stem}-screen.png")  # what the person sees on arrival (after any #anchor)


def _open(context: BrowserContext, page: Page, live_server, lib: Library, name: str) -> None:
    main = PAGES[name]
    if main.signed_in:
        sign_in(context, lib.alice, live_server)
    response = page.goto(main.url(lib))
    assert response is not None and response.status == main.status, f"{name}: HTTP {response and response.status}"
    expect(page.locator(main.ready).first).to_be_visible()


def _sideways_overflow(page: Page) -> tuple[int, list[str]]:
    """How many CSS px the page is wider than its layout viewport, and the first elements sticking out.

    clientWidth is the layout viewport; on a phone the browser zooms out to
    fit wider content, so innerWidth would grow with the overflow and hide it.
    """
    return page.evaluate(
        """() => {
             const width = document.documentElement.clientWidth;
             const wide = [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > width + 1).slice(0, 8)
               .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                         (e.className ? '.' + String(e.className).split(' ').join('.') : ''));
             return [document.documentElement.scrollWidth - width, wide];
           }"""
    )


@pytest.mark.parametrize("name", PAGES)
def test_main_page_has_no_wcag_21_aa_violations_and_reflows_to_a_phone_width(name, context, page, live_server, library):
    _open(context, page, live_server, library, name)
    assert_accessible(page, name)
    _screenshot(page, f"desktop {name}")
    # WCAG 1.4.10 Reflow: at 320 CSS px wide (a small phone, or 1280 px at 400 % zoom)
    # nothing needs sideways scrolling.
    page.set_viewport_size(REFLOW)
    overflow, wide = _sideways_overflow(page)
    assert overflow <= 0, f"{name} is {overflow}px wider than a {REFLOW['width']}px screen; too wide: {wide}"


@pytest.mark.parametrize("name", ["front page", "public strategy page"])
def test_english_pages_chosen_with_the_language_switch_have_no_violations(name, page, live_server, library):
    page.goto(reverse("front"))
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(PAGES[name].url(library))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    assert_accessible(page, f"{name} in English")
    _screenshot(page, f"desktop english {name}")


@pytest.mark.parametrize("name", ["front page", "public strategy page", "review page with a goal selected"])
def test_pages_read_on_a_phone_have_no_violations_there(name, browser, live_server, library):
    # A real phone: touch, device-width viewport; layout and contrast can differ from the desktop's.
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        _open(context, page, live_server, library, name)
        overflow, wide = _sideways_overflow(page)
        assert overflow <= 0, f"{name} is {overflow}px wider than a phone screen; too wide: {wide}"
        assert_accessible(page, f"{name} on a phone")
        _screenshot(page, f"phone {name}")
    finally:
        context.close()


def test_english_is_kept_for_a_signed_in_editor_on_the_review_page(context, page, live_server, library):
    choose_language(context, "en", live_server)
    _open(context, page, live_server, library, "review page with a goal selected")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page, "review page in English")


@pytest.mark.parametrize("name", ["front page", "public strategy page", "review page with a goal selected"])
def test_nynorsk_pages_have_no_violations(name, context, page, live_server, library):
    choose_language(context, "nn", live_server)
    _open(context, page, live_server, library, name)
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    expect(page.get_by_role("link", name="Hopp til hovudinnhaldet")).to_be_attached()
    assert_accessible(page, f"{name} in nynorsk")


def test_the_checker_itself_reports_what_it_should(page):
    # Guards the guard: a page with known faults must fail, or zero violations above would prove nothing.
    page.set_content(
        '<!doctype html><html lang="nb"><title>t</title><main><img src="x.png">'
        '<input name="q"><p style="color:#bbb;background:#fff">lys tekst</p></main></html>'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label", "color-contrast"} <= found
    assert "image-alt" in describe(axe_violations(page), "the test page")


def test_a_refused_upload_says_why_in_an_alert_without_violations_and_creates_nothing(
    context, page, live_server, alice
):
    sign_in(context, alice, live_server)
    page.goto(reverse("upload"))
    page.get_by_label("Dokument").set_input_files(
        {"name": "plan.exe", "mimeType": "application/octet-stream", "buffer": bytes(range(256)) * 8}
    )
    page.get_by_role("button", name="Last opp", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Dokumentet ble avvist")
    assert_accessible(page, "upload page with a refused file")
    assert not ImportJob.objects.exists() and not Strategy.objects.exists(), (page.url, alert.inner_text())


def test_a_failed_sign_in_says_so_in_an_alert_without_violations(page, alice):
    page.goto(reverse("login"))
    page.get_by_label("Brukernavn").fill("alice")
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("alert")).to_contain_text("Feil brukernavn eller passord")
    assert_accessible(page, "login page after a wrong password")
