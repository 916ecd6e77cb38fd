"""The audit trail: every change shown with who/when/before/after; any version restorable."""

from __future__ import annotations

from django.urls import reverse

from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies import services
from veikart.web.strategies.models import Item, Section


def _edit(client, strategy, **data):
    return client.post(reverse("edit", args=[strategy.pk]), data)


def test_history_page_lists_every_change_with_who_and_before_after(client, draft, alice, bob):
    client.force_login(alice)
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    _edit(client, draft, action="edit_item", item=item.pk, version=1, text="Tilby god rådgivning.")
    client.force_login(bob)  # a viewer may read the history
    body = client.get(reverse("history", args=[draft.pk])).content.decode()
    assert "Importert" in body and "Endret tekst" in body
    assert "Tilby rådgivning." in body and "Tilby god rådgivning." in body
    assert "&quot;text&quot;: &quot;Tilby god rådgivning.&quot;" in body  # readable JSON, letters as they are
    assert body.count("<td>alice</td>") == 2
    assert "Gjenopprett versjon" not in body  # viewers cannot restore


def test_editors_see_restore_buttons_for_earlier_versions(client, draft, alice):
    client.force_login(alice)
    services.publish(draft, alice)
    body = client.get(reverse("history", args=[draft.pk])).content.decode()
    assert "Gjenopprett versjon 1" in body and "Gjenopprett versjon 2" not in body


def test_restoring_an_earlier_version_brings_back_its_content_and_is_itself_recorded(client, draft, alice):
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


def test_a_restore_can_itself_be_undone(client, draft, alice):
    client.force_login(alice)
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    _edit(client, draft, action="edit_item", item=item.pk, version=1, text="Endret.")
    edited = services.export_strategy_json(draft)
    client.post(reverse("restore", args=[draft.pk]), {"version": 1})
    client.post(reverse("restore", args=[draft.pk]), {"version": 2})
    draft.refresh_from_db()
    assert services.export_strategy_json(draft) == edited


def test_restoring_a_version_that_does_not_exist_gets_a_message(client, draft, alice):
    client.force_login(alice)
    response = client.post(reverse("restore", args=[draft.pk]), {"version": 99}, follow=True)
    assert "Versjon 99 finnes ikke." in response.content.decode()


def test_publish_and_archive_are_recorded(draft, alice):
    services.archive(services.publish(draft, alice), alice)
    actions = list(ChangeRecord.objects.filter(strategy=draft).order_by("version").values_list("action", flat=True))
    assert actions == ["import", "publish", "archive"]


def test_a_restore_brings_peoples_sdg_decisions_back_onto_the_rebuilt_items(draft, alice):
    from veikart.web.sdgtags.models import ItemTag, TagStatus
    from veikart.web.sdgtags.services import add_tag

    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    add_tag(draft, alice, item.pk, 4)
    decided_version = draft.changes.get(action="sdg_add").version
    services.restore_version(draft, decided_version, alice)

    rebuilt = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    assert rebuilt.pk != item.pk  # the restore made new rows
    tag = ItemTag.objects.get(strategy=draft, goal_id=4, status=TagStatus.ADDED)
    assert tag.item_id == rebuilt.pk
