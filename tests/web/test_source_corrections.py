"""Correcting a strategy from its source text: mark a selection as a goal, a commitment or a
heading, and turn an introduction's bulleted list into items, recorded like every other edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import PAGE_ONE, PAGE_TWO, OnSharedDraft
from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.strategies import edits, sourcetext
from veikart.web.strategies.models import Item, Section

PEOPLE = ["anonymous", "bob", "charlie", "alice", "dave"]
# 302 for alice and dave: saved, back to the review page; anonymous is sent to the login page.
CHANGE_STATUS = {"anonymous": 302, "bob": 403, "charlie": 404, "alice": 302, "dave": 302}
ADVICE = "Tilby rådgivning."  # page 2, an item without a source: its text is free to mark
BULLETED_INTRO = (
    "Arbeidsgiverpolitikken har tre deler:\n• Lønn og\n  pensjon\n- Kompetanse.\n 3) Rekruttering\nMer kommer."
)


def _span(page_text, text):
    start = page_text.index(text)
    return start, start + len(text)


def _mark(client, strategy, text, mark="goal", *, page=2, page_text=PAGE_TWO, **extra):
    start, end = _span(page_text, text)
    data = {"action": "mark_source", "version": strategy.version, "page": page, "start": start, "end": end,
            "text": text, "mark": mark, **extra}
    return client.post(reverse("edit", args=[strategy.pk]), data)


def _bullets(client, strategy, section, kind="goal", version=None):
    data = {"action": "bullets_to_items", "section": section.pk, "kind": kind,
            "version": section.version if version is None else version}
    return client.post(reverse("edit", args=[strategy.pk]), data)


def _with_bulleted_intro(strategy, alice):
    section = Section.objects.get(strategy=strategy, number="2.2")
    return edits.edit_section(strategy, alice, section.pk, section.version, number="2.2", title=section.title,
                              intro=BULLETED_INTRO)


def _login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class (the import costs more than a test); each test's
    changes are rolled back after it."""

    # --- marking a selection ------------------------------------------------------------------

    def test_marked_text_becomes_a_goal_in_the_section_it_lies_in(self, editor, draft, alice):
        version = draft.version
        response = _mark(editor, draft, ADVICE)
        item = Item.objects.get(section__strategy=draft, kind="goal", text=ADVICE)
        assert response.status_code == 302 and response["Location"].endswith(f"?valgt=i{item.pk}#i{item.pk}")
        assert item.section.number == "2.2"
        assert (item.source_page, item.source_start, item.source_end) == (2, *_span(PAGE_TWO, ADVICE))
        goals = Item.objects.filter(section=item.section, kind="goal").order_by("position")
        assert [g.text for g in goals] == ["KS skal bidra til gode arbeidsgivere.", ADVICE]
        change = ChangeRecord.objects.get(strategy=draft, action="add_item")
        assert (change.user, change.object_id, change.before) == (alice, item.pk, None)
        assert change.after == {"section": item.section_id, "kind": "goal", "text": ADVICE, "position": 1}
        draft.refresh_from_db()
        assert draft.version == version + 1
        # an edit's entry holds before and after; whole snapshots wait for publish and restore points
        assert not StrategySnapshot.objects.filter(strategy=draft, version=draft.version).exists()

    def test_a_selection_with_spaces_and_a_bullet_around_it_keeps_only_the_words(self, editor, draft):
        start, end = _span(PAGE_TWO, ADVICE)
        data = {"action": "mark_source", "version": draft.version, "page": 2, "start": start - 1, "end": end,
                "text": "\n" + ADVICE, "mark": "commitment"}
        assert editor.post(reverse("edit", args=[draft.pk]), data).status_code == 302
        item = Item.objects.get(section__strategy=draft, kind="commitment", source_start=start)
        assert item.text == ADVICE

    def test_a_selection_can_be_put_into_a_chosen_section(self, editor, draft):
        appendix = Section.objects.get(strategy=draft, title="Vedlegg")
        _mark(editor, draft, ADVICE, "commitment", section=appendix.pk)
        assert Item.objects.get(section=appendix).text == ADVICE

    def test_a_selection_goes_to_the_section_whose_heading_or_item_precedes_it(self, editor, draft):
        _mark(editor, draft, "KS skal bidra", page=1, page_text=PAGE_ONE, mark="commitment")
        item = Item.objects.get(section__strategy=draft, kind="commitment", source_page=1, source_start=34)
        assert item.section.number == "2.1"  # the goal at the same place belongs to 2.1

    def test_offsets_that_do_not_match_the_stored_page_are_refused(self, editor, draft):
        before = ChangeRecord.objects.filter(strategy=draft).count()
        start, end = _span(PAGE_TWO, ADVICE)
        data = {"action": "mark_source", "version": draft.version, "page": 2, "start": start + 3, "end": end + 3,
                "text": ADVICE, "mark": "goal"}
        response = editor.post(reverse("edit", args=[draft.pk]), data)
        assert response.status_code == 400
        body = response.content.decode()
        assert "Den markerte teksten stemmer ikke med kildeteksten på side 2" in body
        assert not Item.objects.filter(section__strategy=draft, kind="goal", text=ADVICE).exists()
        assert ChangeRecord.objects.filter(strategy=draft).count() == before

    @pytest.mark.parametrize(
        "fields, message",
        [
            ({"page": 9}, "Side 9 finnes ikke i kildeteksten."),
            ({"start": 5000, "end": 5010}, "stemmer ikke med kildeteksten"),
            ({"start": 10, "end": ""}, "Oppgi både start og slutt"),
            ({"mark": "tittel"}, "Merk som:"),
            ({"text": ""}, "Markert tekst:"),
        ],
    )
    def test_bad_selections_are_refused_with_one_clear_line(self, editor, draft, fields, message):
        start, end = _span(PAGE_TWO, ADVICE)
        data = {"action": "mark_source", "version": draft.version, "page": 2, "start": start, "end": end,
                "text": ADVICE, "mark": "goal", **fields}
        response = editor.post(reverse("edit", args=[draft.pk]), data)
        assert response.status_code == 400
        assert message in response.content.decode()

    def test_typed_text_without_offsets_is_looked_up_on_the_page(self, editor, draft):
        data = {"action": "mark_source", "version": draft.version, "page": 2, "start": "", "end": "",
                "text": "Tilby  rådgivning.", "mark": "goal"}
        assert editor.post(reverse("edit", args=[draft.pk]), data).status_code == 302
        item = Item.objects.get(section__strategy=draft, kind="goal", text=ADVICE)
        assert (item.source_start, item.source_end) == _span(PAGE_TWO, ADVICE)

    def test_typed_text_that_is_not_on_the_page_is_refused(self, editor, draft):
        data = {"action": "mark_source", "version": draft.version, "page": 1, "text": "Tilby rådgivning.",
                "mark": "goal"}
        response = editor.post(reverse("edit", args=[draft.pk]), data)
        assert response.status_code == 400
        assert "står ikke på side 1 i kildeteksten" in response.content.decode()

    def test_marking_the_same_text_twice_is_refused(self, editor, draft):
        _mark(editor, draft, ADVICE)
        draft.refresh_from_db()
        response = _mark(editor, draft, ADVICE, "commitment")
        assert response.status_code == 400
        assert "allerede et punkt" in response.content.decode()

    def test_marking_against_a_stale_version_conflicts_and_changes_nothing(self, editor, draft, alice):
        stale = draft.version
        item = Item.objects.get(section__strategy=draft, text="Tilby kurs i ledelse.")
        edits.edit_item(draft, alice, item.pk, item.version, "Tilby kurs i god ledelse.")
        start, end = _span(PAGE_TWO, ADVICE)
        data = {"action": "mark_source", "version": stale, "page": 2, "start": start, "end": end,
                "text": ADVICE, "mark": "goal"}
        response = editor.post(reverse("edit", args=[draft.pk]), data)
        assert response.status_code == 409
        assert "Noen andre endret strategien kl." in response.content.decode()
        assert not Item.objects.filter(section__strategy=draft, kind="goal", text=ADVICE).exists()

    def test_a_marked_heading_starts_a_section_that_takes_the_items_after_it(self, editor, draft, alice):
        heading = "KS skal bidra til gode arbeidsgivere."
        response = _mark(editor, draft, heading, "heading")
        new = Section.objects.get(strategy=draft, title=heading)
        assert response["Location"].endswith(f"?valgt=s{new.pk}#s{new.pk}")
        old = Section.objects.get(strategy=draft, number="2.2")
        assert new.parent_id == old.parent_id and new.position == old.position + 1
        assert (new.source_page, new.source_start) == (2, PAGE_TWO.index(heading))
        # The commitment after the heading moves; the one without a source and the goal at the heading stay.
        assert list(new.items.values_list("text", flat=True)) == ["Tilby kurs i ledelse."]
        assert sorted(old.items.values_list("text", flat=True)) == [heading, ADVICE]
        change = ChangeRecord.objects.get(strategy=draft, action="add_section")
        assert change.user == alice and change.after["title"] == heading and change.after["items"] == 1

    def test_a_numbered_heading_is_placed_beside_the_section_of_its_depth(self, editor, draft):
        _mark(editor, draft, "2.2 Arbeidsgiver", "heading")
        new = Section.objects.filter(strategy=draft, number="2.2").order_by("-pk").first()
        assert new.title == "Arbeidsgiver" and new.parent.number == "2"

    # --- the introduction's bulleted list ---------------------------------------------------------

    def test_the_review_page_offers_to_turn_an_intros_bullets_into_items_without_javascript(self, editor, draft, alice):
        section = _with_bulleted_intro(draft, alice)
        body = editor.get(reverse("review", args=[draft.pk]), {"valgt": f"s{section.pk}"}).content.decode()
        assert "Punktlisten i innledningen (3 punkter)" in body
        assert 'name="action" value="bullets_to_items"' in body
        assert "<li>Lønn og pensjon</li>" in body

    def test_the_bullets_of_an_intro_become_goals_and_leave_the_intro(self, editor, draft, alice):
        section = _with_bulleted_intro(draft, alice)
        response = _bullets(editor, draft, section, "goal")
        assert response.status_code == 302 and response["Location"].endswith(f"?valgt=s{section.pk}#s{section.pk}")
        section.refresh_from_db()
        assert section.intro == "Arbeidsgiverpolitikken har tre deler:\nMer kommer."
        goals = Item.objects.filter(section=section, kind="goal").order_by("position")
        goals = list(goals.values_list("text", flat=True))
        assert goals == ["KS skal bidra til gode arbeidsgivere.", "Lønn og pensjon", "Kompetanse.", "Rekruttering"]
        change = ChangeRecord.objects.filter(strategy=draft, action="edit_section").latest("version")
        assert change.user == alice and change.object_id == section.pk
        assert change.before["intro"] == BULLETED_INTRO
        assert [state["text"] for state in change.after] == ["Lønn og pensjon", "Kompetanse.", "Rekruttering"]
        assert {state["kind"] for state in change.after} == {"goal"}

    def test_bullets_found_in_the_source_point_at_it(self, editor, draft, alice):
        section = Section.objects.get(strategy=draft, number="2.2")
        section = edits.edit_section(draft, alice, section.pk, section.version, number="2.2", title=section.title,
                                     intro="- Tilby kurs i ledelse.")
        _bullets(editor, draft, section, "commitment")
        made = Item.objects.filter(section=section, kind="commitment").order_by("-pk").first()
        assert (made.has_source, made.source_page, made.source_start) == (True, 2, PAGE_TWO.index("Tilby kurs"))

    def test_bullets_against_a_stale_section_version_conflict(self, editor, draft, alice):
        section = _with_bulleted_intro(draft, alice)
        response = _bullets(editor, draft, section, version=section.version - 1)
        assert response.status_code == 409
        section.refresh_from_db()
        assert section.intro == BULLETED_INTRO

    def test_an_intro_without_a_list_is_refused(self, editor, draft):
        section = Section.objects.get(strategy=draft, number="2.1")
        response = _bullets(editor, draft, section)
        assert response.status_code == 400
        assert "ingen punktliste" in response.content.decode()

    # --- who may ------------------------------------------------------------------------------------

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_can_mark_source_text(self, client, people, draft, who):
        _login(client, people, who)
        assert _mark(client, draft, ADVICE).status_code == CHANGE_STATUS[who]
        created = Item.objects.filter(section__strategy=draft, kind="goal", text=ADVICE).exists()
        assert created == (who in ("alice", "dave"))

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_can_turn_bullets_into_items(self, client, people, draft, alice, who):
        section = _with_bulleted_intro(draft, alice)
        _login(client, people, who)
        assert _bullets(client, draft, section).status_code == CHANGE_STATUS[who]
        section.refresh_from_db()
        assert (section.intro == BULLETED_INTRO) == (who not in ("alice", "dave"))

    @pytest.mark.parametrize("who", ["bob", "charlie"])
    def test_other_organisations_cannot_mark_text_in_a_published_strategy_either(self, client, people, published, who):
        _login(client, people, who)
        assert _mark(client, published, ADVICE).status_code == 403

    def test_an_archived_strategy_cannot_be_corrected(self, editor, published, alice):
        from veikart.web.strategies import services

        archived = services.archive(published, alice)
        response = _mark(editor, archived, ADVICE)
        assert response.status_code == 400 and "arkivert" in response.content.decode()


# --- the plain text helpers -----------------------------------------------------------------------


@pytest.mark.parametrize("line", ["• a", "- a", "\uf0b7 a", "▪ a", "o a", "1. a", "12) a", "b) a", "– a", "* a"])
def test_list_lines_start_with_a_bullet_or_a_number(line):
    assert sourcetext.split_bullets(f"Innledning.\n{line}") == ("Innledning.", ["a"])


def test_a_year_or_a_sentence_is_not_a_list_line():
    intro = "2024 blir et godt år.\nover alt."
    assert sourcetext.split_bullets(intro) == (intro, [])


def test_headings_are_split_into_number_and_title():
    assert sourcetext.heading_parts("2.3  Trygge\nbarn") == ("2.3", "Trygge barn")
    assert sourcetext.heading_parts("3. Økonomi") == ("3", "Økonomi")
    assert sourcetext.heading_parts("Økonomi") == (None, "Økonomi")


def test_find_and_trim_tolerate_line_breaks_and_bullets():
    page = "Mål:\n• Flere  trær\ni byen.\n"
    assert sourcetext.find(page, "Flere trær i byen.") == (7, 26)
    assert sourcetext.trim(page, 4, 27) == (7, 26)
