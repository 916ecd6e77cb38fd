"""The audit trail: every change shown with who/when/before/after; import, publish and restore points restorable."""

from __future__ import annotations

from django.urls import reverse

from tests.web.conftest import OnSharedDraft
from veikart.web.audit import services as audit_services
from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies import services
from veikart.web.strategies.models import Item, Section


def _edit(client, strategy, **data):
    return client.post(reverse("edit", args=[strategy.pk]), data)


def _lines(client, strategy):
    from veikart.web.audit.describe import ChangeView

    views = client.get(reverse("history", args=[strategy.pk])).context["changes"]
    assert all(isinstance(v, ChangeView) for v in views)
    return {v.record.version: (v.record.get_action_display(), v.subject, v.lines) for v in views}


def test_all_sdg_actions_have_labels():
    labels = dict(ChangeRecord.Action.choices)
    for action in (ChangeRecord.Action.SDG_ACCEPT, ChangeRecord.Action.SDG_REJECT, ChangeRecord.Action.SDG_ADD):
        assert labels[action] and labels[action] != action


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class (the import costs more than a test); each test's
    changes are rolled back after it."""

    def test_history_page_lists_every_change_with_who_and_before_after(self, client, draft, alice, bob):
        client.force_login(alice)
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        _edit(client, draft, action="edit_item", item=item.pk, version=1, text="Tilby god rådgivning.")
        client.force_login(bob)  # a viewer may read the history
        body = client.get(reverse("history", args=[draft.pk])).content.decode()
        assert "Importert" in body and "Endret tekst" in body
        assert "Tilby rådgivning." in body and "Tilby god rådgivning." in body
        assert "Tekst: «Tilby rådgivning.» → «Tilby god rådgivning.»" in body  # readable text, not a dict
        assert f"(punkt {item.pk})" in body
        assert "&quot;" not in body and "{&#x27;" not in body
        assert body.count("<td>alice</td>") == 2
        assert "Gjenopprett versjon" not in body  # viewers cannot restore

    def test_editors_see_restore_buttons_for_earlier_versions(self, client, draft, alice):
        client.force_login(alice)
        services.publish(draft, alice)
        body = client.get(reverse("history", args=[draft.pk])).content.decode()
        assert "Gjenopprett versjon 1" in body and "Gjenopprett versjon 2" not in body

    def test_restoring_an_earlier_version_brings_back_its_content_and_is_itself_recorded(self, client, draft, alice):
        client.force_login(alice)
        before = services.export_strategy_json(draft)
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        _edit(client, draft, action="edit_item", item=item.pk, version=1, text="Endret.")
        section = Section.objects.get(strategy=draft, title="Vedlegg")
        _edit(client, draft, action="delete_section", section=section.pk, version=1)
        assert services.export_strategy_json(draft) != before

        response = client.post(reverse("restore", args=[draft.pk]), {"version": 1})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert services.export_strategy_json(draft) == before
        assert draft.version == 4
        restore = ChangeRecord.objects.get(strategy=draft, version=4)
        assert (restore.action, restore.user, restore.after) == ("restore", alice, {"restored_version": 1})

    def test_a_restore_can_itself_be_undone(self, client, draft, alice):
        client.force_login(alice)
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        _edit(client, draft, action="edit_item", item=item.pk, version=1, text="Endret.")
        edited = services.export_strategy_json(draft)
        client.post(reverse("restore", args=[draft.pk]), {"version": 1})
        client.post(reverse("restore", args=[draft.pk]), {"version": 2})
        draft.refresh_from_db()
        assert services.export_strategy_json(draft) == edited

    def test_restoring_a_version_that_does_not_exist_gets_a_message(self, client, draft, alice):
        client.force_login(alice)
        response = client.post(reverse("restore", args=[draft.pk]), {"version": 99}, follow=True)
        assert "Versjon 99 finnes ikke." in response.content.decode()

    def test_publish_and_archive_are_recorded(self, draft, alice):
        services.archive(services.publish(draft, alice), alice)
        actions = list(ChangeRecord.objects.filter(strategy=draft).order_by("version").values_list("action", flat=True))
        assert actions == ["import", "publish", "archive"]

    def test_a_restore_brings_peoples_sdg_decisions_back_onto_the_rebuilt_items(self, draft, alice):
        from veikart.web.sdgtags.models import ItemTag, TagStatus
        from veikart.web.sdgtags.services import add_tag

        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        add_tag(draft, alice, item.pk, 4)
        assert draft.changes.filter(action="sdg_add").exists()
        audit_services.restore_version(draft, 1, alice)  # the import: a restore point (the decision's version is not)

        rebuilt = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        assert rebuilt.pk != item.pk  # the restore made new rows
        tag = ItemTag.objects.get(strategy=draft, goal_id=4, status=TagStatus.ADDED)
        assert tag.item_id == rebuilt.pk

    def test_history_describes_kind_changes_moves_splits_and_publishing_in_words(self, client, draft, alice):
        client.force_login(alice)
        goal = Item.objects.get(section__strategy=draft, text="KS skal bidra til gode arbeidsgivere.")
        other = Section.objects.get(strategy=draft, number="2.1")
        _edit(client, draft, action="change_kind", item=goal.pk, version=1, kind="commitment")
        _edit(client, draft, action="move_item", item=goal.pk, version=2, section=other.pk)
        _edit(client, draft, action="split_item", item=goal.pk, version=3, at=8)
        services.publish(draft, alice)
        lines = _lines(client, draft)

        assert lines[2] == ("Endret type", f"punkt {goal.pk}", ["Type: Mål → Forpliktelse"])
        assert lines[3] == ("Flyttet punkt", f"punkt {goal.pk}", ["Flyttet fra kapittel 2.2 til kapittel 2.1"])
        assert lines[4][2] == ["Delt i: «KS skal» | «bidra til gode arbeidsgivere.»"]
        assert lines[5] == ("Publisert", "strategien", ["Status: Utkast → Publisert"])

    def test_history_names_sections_by_number_and_shows_what_an_added_item_held(self, client, draft, alice):
        client.force_login(alice)
        section = Section.objects.get(strategy=draft, number="2.1")
        _edit(client, draft, action="edit_section", section=section.pk, version=1,
              number="2.1", title="Digitale kommuner og fylker", intro=section.intro)
        _edit(client, draft, action="add_item", section=section.pk, kind="goal", text="Et nytt mål.")
        lines = _lines(client, draft)
        assert lines[2] == (
            "Endret kapittel", "kapittel 2.1", ["Tittel: «Digitale kommuner» → «Digitale kommuner og fylker»"]
        )
        assert lines[3][0] == "La til punkt"
        assert lines[3][2] == ["I kapittel 2.1", "Type: Mål", "Tekst: «Et nytt mål.»"]

    def test_history_labels_sdg_decisions_in_bokmal_and_english(self, client, draft, alice):
        from veikart.web.sdgtags.services import add_tag

        client.force_login(alice)
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        add_tag(draft, alice, item.pk, 4)
        version = draft.changes.get(action="sdg_add").version
        action, subject, lines = _lines(client, draft)[version]
        assert (action, subject) == ("La til bærekraftsmål", f"punkt {item.pk}")
        assert lines[0] == "Bærekraftsmål 4: ingen merking → Lagt til av en person"

        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        action, subject, lines = _lines(client, draft)[version]
        assert (action, subject) == ("Added SDG", f"item {item.pk}")
        assert lines[0] == "SDG 4: no tag → Added by a person"

    def test_history_in_english_uses_english_names_and_labels(self, client, draft, alice):
        client.force_login(alice)
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        _edit(client, draft, action="change_kind", item=item.pk, version=1, kind="goal")
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        assert _lines(client, draft)[2] == ("Changed kind", f"item {item.pk}", ["Kind: Commitment → Goal"])
