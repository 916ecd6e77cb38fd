"""Every POST is parsed by a Django form: a bad one writes nothing and says what is wrong, beside the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import OnSharedDraft
from veikart.web.audit.models import ChangeRecord
from veikart.web.sdgtags.models import ItemTag, LocalTarget
from veikart.web.strategies import services
from veikart.web.strategies.models import Item, Section


def _state(strategy):
    strategy.refresh_from_db()
    return strategy.version, services.export_strategy_json(strategy), ChangeRecord.objects.count()


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class (the import costs more than a test); each test's
    changes are rolled back after it."""

    @pytest.mark.parametrize(
        "data",
        [
            {"action": "edit_item", "item": "abc", "version": 1, "text": "Ny."},
            {"action": "edit_item", "version": 1, "text": "Ny."},  # no item
            {"action": "change_kind", "item": "ITEM", "version": 1, "kind": "heading"},
            {"action": "move_item", "item": "ITEM", "version": 1, "direction": "sideways"},
            {"action": "merge_item", "item": "ITEM", "version": 1, "next_version": "x"},
            {"action": "split_item", "item": "ITEM", "version": 1},  # neither split_text nor at
            {"action": "add_item", "section": "x", "kind": "goal", "text": "Ny."},
            {"action": "edit_section", "section": "SECTION", "version": "one", "title": "T"},
            {"action": "move_section", "section": "SECTION", "version": 1, "parent": "up-there"},
            {"action": "add_section", "parent": "-3", "title": "T"},
            {"action": "delete_section", "section": "SECTION"},
            {"action": "edit_strategy", "version": 1, "title": "T", "period_start": "tjue"},
            {"action": "mark_source", "version": 1, "page": 1, "text": "x", "mark": "title"},
            {"action": "bullets_to_items", "section": "SECTION", "version": 1, "kind": "intro"},
        ],
    )
    def test_a_bad_review_post_is_refused_and_writes_nothing(self, editor, draft, data):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        section = Section.objects.get(strategy=draft, title="Vedlegg")
        data = {k: (item.pk if v == "ITEM" else section.pk if v == "SECTION" else v) for k, v in data.items()}
        before = _state(draft)
        response = editor.post(reverse("edit", args=[draft.pk]), data)
        assert response.status_code == 400
        assert "Ikke lagret:" in response.content.decode()
        assert _state(draft) == before

    def test_a_field_error_is_shown_beside_its_field(self, editor, draft):
        response = editor.post(
            reverse("edit", args=[draft.pk]),
            {"action": "edit_strategy", "version": 1, "title": "Ny tittel", "period_start": "tjue", "period_end": 2023},
        )
        body = response.content.decode()
        assert response.status_code == 400
        field = body.index('id="period-start"')
        error = body.index('id="err-edit-strategy-period-start"')
        assert 0 < error - field < 500  # right after the field
        assert 'aria-invalid="true" aria-describedby="err-edit-strategy-period-start"' in body
        assert "Ny tittel" not in body.split('id="strategy-title"')[1][:200]  # the title was not saved
        draft.refresh_from_db()
        assert draft.title != "Ny tittel"

    def test_an_unknown_review_action_is_refused(self, editor, draft):
        response = editor.post(reverse("edit", args=[draft.pk]), {"action": "drop_tables"})
        assert response.status_code == 400 and "Ukjent handling." in response.content.decode()

    def test_a_good_review_post_still_saves(self, editor, draft):
        item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
        response = editor.post(
            reverse("edit", args=[draft.pk]), {"action": "edit_item", "item": item.pk, "version": 1, "text": "Ny."}
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.text == "Ny."

    @pytest.mark.parametrize(
        "data",
        [
            {"decide": "accept-x", "item": "ITEM"},
            {"action": "accept", "item": "ITEM"},  # no goal
            {"action": "accept", "item": "abc", "goal": 4},
            {"action": "add", "item": "ITEM", "what": "<script>"},
            {"action": "delete-all", "item": "ITEM"},
            {"item": "ITEM"},  # no action at all
        ],
    )
    def test_a_bad_sdg_decision_is_refused_and_writes_nothing(self, editor, published, data):
        item = Item.objects.get(section__strategy=published, text="Tilby rådgivning.")
        data = {k: (item.pk if v == "ITEM" else v) for k, v in data.items()}
        tags = list(ItemTag.objects.order_by("pk").values_list("pk", "status"))
        entries = ChangeRecord.objects.count()
        response = editor.post(reverse("sdgtags:change", args=[published.pk]), data, follow=True)
        assert response.status_code == 200
        assert "message-error" in response.content.decode()
        assert list(ItemTag.objects.order_by("pk").values_list("pk", "status")) == tags
        assert ChangeRecord.objects.count() == entries

    def test_a_bad_local_target_post_is_refused_and_writes_nothing(self, editor, ks):
        url = reverse("sdgtags:local_targets", args=[ks.slug])
        for data in ({"action": "rename", "code": "K1"}, {"action": "update", "code": "K1"}, {"action": "delete"}):
            response = editor.post(url, data, follow=True)
            assert response.status_code == 200
        assert not LocalTarget.objects.exists()
        response = editor.post(url, {"action": "rename"}, follow=True)
        assert "Ukjent handling." in response.content.decode()

    def test_a_bad_restore_post_is_refused_and_writes_nothing(self, editor, draft):
        before = _state(draft)
        response = editor.post(reverse("restore", args=[draft.pk]), {"version": "forrige"}, follow=True)
        assert "Ugyldig verdi i feltet Versjon." in response.content.decode()
        assert _state(draft) == before
