"""A published strategy prints as a document: its text, without menus, forms or buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import one_section_plan, sign_in
from veikart.web.strategies import services

pytestmark = pytest.mark.browser

STRATEGY = one_section_plan(
    "Eksempel kommune: arbeidsgiverstrategi 2024–2027",
    ["Flere skal jobbe heltid."],
    ["Tilby kurs i turnusplanlegging."],
    intro="Heltid er hovedregelen.",
)


def test_printing_a_strategy_keeps_its_text_and_drops_menus_and_controls(context, page, live_server, alice, ks):
    strategy = services.publish(services.import_strategy_json(ks, STRATEGY, alice), alice)
    sign_in(context, alice, live_server)  # an editor sees the most controls; none of them belongs on paper
    page.goto(strategy.get_absolute_url())
    expect(page.get_by_role("button", name="Arkiver")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_have_text(STRATEGY["title"])
    expect(page.get_by_text("Flere skal jobbe heltid.")).to_be_visible()
    expect(page.get_by_text("Tilby kurs i turnusplanlegging.")).to_be_visible()
    for hidden in (".site-header", ".site-footer", ".skip-link", "form", ".no-print"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
