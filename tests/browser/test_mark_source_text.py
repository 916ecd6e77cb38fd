"""Correcting a poor import in a real browser: the upload ends in the importer's warning, not a
success; the editor selects text in the source pane and marks a heading, then a goal."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.conftest import run_worker, sign_in
from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies.models import Item, Strategy

pytestmark = pytest.mark.browser

HEADING = "Parkene våre"
GOAL = "Vi vil ha flere trær i byen."
PLAN = (
    "Eksempel kommune\nPlan for grønne parker 2024–2027\n\nInnledning\n"
    "Kommunen har mange parker. Denne planen beskriver arbeidet.\n\n"
    f"{HEADING}\n{GOAL} Den eldste parken ble anlagt i 1910.\n"
)


def select_in_source(page: Page, text: str) -> None:
    """Select ``text`` in the source pane as a mouse drag would (a DOM selection over its characters)."""
    page.evaluate(
        """(text) => {
            const box = document.querySelector('.source-text');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let node, seen = 0, startNode, startOffset, endNode, endOffset;
            const start = box.textContent.indexOf(text), end = start + text.length;
            while ((node = walker.nextNode())) {
                const next = seen + node.data.length;
                if (!startNode && start < next) { startNode = node; startOffset = start - seen; }
                if (!endNode && end <= next) { endNode = node; endOffset = end - seen; }
                seen = next;
            }
            const range = document.createRange();
            range.setStart(startNode, startOffset);
            range.setEnd(endNode, endOffset);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        text,
    )


def test_an_upload_without_goals_warns_and_the_editor_marks_a_goal_in_the_source(
    page: Page, context, live_server, alice, tmp_path
):
    sign_in(context, alice, live_server)
    document = tmp_path / "parker.txt"
    document.write_text(PLAN, encoding="utf-8")
    page.goto("/last-opp/")
    page.get_by_label("Organisasjon").select_option(label="KS")
    page.get_by_label("Dokument").set_input_files(document)
    page.get_by_role("button", name="Last opp", exact=True).click()
    expect(page).to_have_url(re.compile(r"/importer/\d+/$"))
    run_worker()

    # The finished job does not pass for a success: it says what the import missed.
    expect(page.get_by_text("Ferdig, men importen trenger en gjennomgang.")).to_be_visible()
    page.get_by_role("link", name="Gjennomgå utkastet").click()
    notice = page.get_by_role("status").filter(has_text="Importen trenger en gjennomgang")
    expect(notice).to_contain_text("Fant ingen mål i dokumentet")
    expect(notice).to_contain_text("Merk som mål")
    assert_accessible(page, "the review page of an import with warnings")

    # Nothing was found, not even a section: the heading first, then the goal below it.
    form = page.get_by_role("group", name="Merk tekst fra kilden")
    select_in_source(page, HEADING)
    expect(page.locator("#mark-status")).to_contain_text(f"Markert på side 1: «{HEADING}»")
    expect(form.get_by_label("Markert tekst")).to_have_value(HEADING)
    form.get_by_role("button", name="Merk som kapitteloverskrift").click()
    expect(page.get_by_role("status").filter(has_text="Endringen er lagret.")).to_be_visible()
    structure = page.get_by_role("region", name="Struktur")
    expect(structure.get_by_role("heading", name=HEADING)).to_be_visible()

    select_in_source(page, GOAL)
    expect(page.locator("#mark-status")).to_contain_text(GOAL)
    form.get_by_role("button", name="Merk som mål").click()
    expect(structure.locator("li.review-item.is-selected")).to_contain_text(f"Mål: {GOAL}")
    expect(page.locator("mark#kilde-markering")).to_have_text(GOAL)
    # The warning is answered: there is a goal now.
    expect(page.get_by_text("Fant ingen mål i dokumentet")).to_have_count(0)

    strategy = Strategy.objects.get()
    item = Item.objects.get(section__strategy=strategy)
    assert (item.kind, item.text, item.section.title) == ("goal", GOAL, HEADING)
    assert item.source_start == PLAN.index(GOAL)
    actions = ChangeRecord.objects.filter(strategy=strategy).order_by("version").values_list("action", flat=True)
    assert list(actions) == ["import", "add_section", "add_item"]
    assert_accessible(page, "the review page with a goal marked from the source")


def test_keyboard_users_mark_a_goal_by_typing_its_text(page: Page, context, live_server, alice, ks):
    from veikart.ingest import extract_bytes_with_pages
    from veikart.web.strategies import services

    data = PLAN.encode()
    parsed, pages = extract_bytes_with_pages(data, filename="parker.txt")
    strategy = services.import_strategy(ks, parsed, alice, pages=pages)
    sign_in(context, alice, live_server)
    page.goto(f"/strategier/{strategy.pk}/gjennomgang/")
    form = page.get_by_role("group", name="Merk tekst fra kilden")
    form.get_by_label("Markert tekst").focus()
    page.keyboard.type(HEADING)
    expect(page.locator("#mark-status")).to_contain_text("Teksten slås opp på siden når du lagrer.")
    form.get_by_role("button", name="Merk som kapitteloverskrift").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name="Struktur").get_by_role("heading", name=HEADING)).to_be_visible()
