"""What axe cannot see: a keyboard user gets past the header, always sees where
focus is, and reaches and edits an item on the review page without a mouse."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import one_section_plan, sign_in
from veikart.web.strategies import services

pytestmark = pytest.mark.browser

FOCUSED = "() => document.activeElement"


def _focus_outline(page: Page) -> str:
    return page.evaluate("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle; }")


def test_the_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_the_main_content(page, ks):
    page.goto(reverse("front"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, f"skip link is off screen when focused: {box}"
    assert _focus_outline(page) != "none"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate(f"() => document.querySelector('main').contains(({FOCUSED})())")


def test_every_stop_in_the_header_shows_a_focus_outline(page, ks):
    page.goto(reverse("front"))
    for _ in range(8):
        page.keyboard.press("Tab")
        if not page.evaluate(f"() => !!({FOCUSED})().closest('header')"):
            break
        what = page.evaluate(f"() => ({FOCUSED})().outerHTML.slice(0, 80)")
        assert _focus_outline(page) != "none", f"no visible focus on {what}"


def test_an_editor_selects_and_edits_an_item_with_the_keyboard_alone(context, page, live_server, alice, ks):
    plan = one_section_plan("Eksempel kommune: arbeidsgiverstrategi", ["Flere skal jobbe heltid."], [])
    parsed = services.parse_strategy_json(plan)
    strategy = services.import_strategy(ks, parsed, alice)
    sign_in(context, alice, live_server)
    page.goto(reverse("review", args=[strategy.pk]))
    item = page.locator("li.review-item", has_text="Flere skal jobbe heltid.")
    select = item.get_by_role("link", name=re.compile("^Velg"))
    select.focus()
    page.keyboard.press("Enter")
    text = page.get_by_label("Tekst", exact=True)
    expect(text).to_be_visible()
    text.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Flere skal jobbe heltid i 2027.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Lagre tekst")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Endringen er lagret.")
    expect(page.locator("li.review-item.is-selected")).to_contain_text("Flere skal jobbe heltid i 2027.")
