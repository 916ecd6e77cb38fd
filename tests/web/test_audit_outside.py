"""The audit log also records edits made past the services (a shell, the admin), and keeps snapshots
only at restore points (import, publish, restore): a click's entry is its before and after."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.urls import reverse

from tests.web.conftest import OnSharedDraft
from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.strategies import edits, services
from veikart.web.strategies.models import Item, Section


def _actions(strategy):
    return list(ChangeRecord.objects.filter(strategy=strategy).order_by("version").values_list("action", flat=True))


def test_an_sdg_decision_changed_in_a_shell_leaves_an_entry_but_proposals_do_not(
    published, alice, django_capture_on_commit_callbacks
):
    from veikart.web.sdgtags.models import ItemTag, TagStatus
    from veikart.web.sdgtags.services import add_tag

    item = Item.objects.get(section__strategy=published, text="Tilby rådgivning.")
    add_tag(published, alice, item.pk, 4)
    entries = ChangeRecord.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        ItemTag.objects.create(strategy=published, item=item, goal_id=8, status=TagStatus.PROPOSED, score=0.5)
    assert ChangeRecord.objects.count() == entries  # the classifier's proposal is no person's edit
    with django_capture_on_commit_callbacks(execute=True):
        tag = ItemTag.objects.get(item=item, goal_id=4)
        tag.status = TagStatus.REJECTED
        tag.save()
    entry = ChangeRecord.objects.get(strategy=published, action="edit_outside")
    assert (entry.object_type, entry.after["sdg"], entry.after["status"]) == ("itemtag", 4, "rejected")


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class; each test's changes are rolled back after it."""

    def test_a_shell_edit_through_the_orm_leaves_an_entry(self, draft, django_capture_on_commit_callbacks):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        with django_capture_on_commit_callbacks(execute=True):
            item.text = "Endret i skallet."
            item.save()
        entry = ChangeRecord.objects.get(strategy=draft, action="edit_outside")
        assert (entry.user, entry.object_type, entry.object_id) == (None, "item", item.pk)
        assert entry.after["text"] == "Endret i skallet." and entry.before is None
        draft.refresh_from_db()
        assert entry.version == draft.version == 2  # a new version: an edit made against version 1 now conflicts

    def test_a_shell_delete_and_several_rows_in_one_transaction_get_one_entry_each(self,
        draft, django_capture_on_commit_callbacks
    ):
        section = Section.objects.get(strategy=draft, title="Vedlegg")
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            item.text = "Én gang."
            item.save()
            item.text = "To ganger."
            item.save()
            section.delete()
        entries = ChangeRecord.objects.filter(strategy=draft, action="edit_outside").order_by("version")
        assert [(e.object_type, e.version) for e in entries] == [("item", 2), ("section", 3)]
        assert entries[0].after["text"] == "To ganger."  # the row as committed
        assert entries[1].before["title"] == "Vedlegg" and entries[1].after is None

    def test_an_edit_through_the_services_gets_its_own_entry_only(self, draft, alice,
                                                                  django_capture_on_commit_callbacks):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        with django_capture_on_commit_callbacks(execute=True):
            edits.edit_item(draft, alice, item.pk, 1, "Tilby god rådgivning.")
            services.publish(draft, alice)
        assert _actions(draft) == ["import", "edit_item", "publish"]

    def test_a_rolled_back_shell_edit_leaves_nothing(self, draft, django_capture_on_commit_callbacks):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            item.text = "Angret."
            item.save()
            raise RuntimeError("rolled back")
        assert _actions(draft) == ["import"]

    def test_the_history_page_names_an_edit_outside_the_app(self, client, draft, alice,
                                                            django_capture_on_commit_callbacks):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        with django_capture_on_commit_callbacks(execute=True):
            Item.objects.filter(pk=item.pk).first().delete()
        client.force_login(alice)
        body = client.get(reverse("history", args=[draft.pk])).content.decode()
        assert "Endret utenfor appen" in body and "Tilby rådgivning." in body

    def test_edits_keep_no_snapshot_and_an_entry_of_a_few_hundred_bytes(self, draft, alice):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        for version in range(1, 6):
            edits.edit_item(draft, alice, item.pk, version, f"Tilby rådgivning, utgave {version}.")
        assert StrategySnapshot.objects.filter(strategy=draft).count() == 1  # the import's
        for entry in ChangeRecord.objects.filter(strategy=draft, action="edit_item"):
            assert len(json.dumps([entry.before, entry.after])) < 400
        services.publish(draft, alice)
        assert StrategySnapshot.objects.filter(strategy=draft).count() == 2
