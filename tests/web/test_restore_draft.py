"""Restoring an old version of a published strategy makes a new draft; the public text waits for its publication."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies.models import Item, Strategy


def _public_text(strategy) -> str:
    return Client().get(strategy.get_absolute_url()).content.decode()


def test_restore_makes_a_draft_then_publishing_it_changes_the_public_text(client, published, alice):
    client.force_login(alice)
    item = Item.objects.get(section__strategy=published, text="Tilby rådgivning.")
    response = client.post(
        reverse("edit", args=[published.pk]),
        {"action": "edit_item", "item": item.pk, "version": item.version, "text": "Tilby rådgivning til alle."},
    )
    assert response.status_code == 302
    assert "Tilby rådgivning til alle." in _public_text(published)

    # Restore the import (version 1): a new draft to review, the public page still shows the published text.
    response = client.post(reverse("restore", args=[published.pk]), {"version": 1})
    draft = Strategy.objects.get(replaces=published)
    assert response.status_code == 302 and response["Location"] == reverse("review", args=[draft.pk])
    assert draft.status == Strategy.Status.DRAFT
    assert Item.objects.filter(section__strategy=draft, text="Tilby rådgivning.").exists()
    public = _public_text(published)
    assert "Tilby rådgivning til alle." in public and "Tilby rådgivning.<" not in public
    assert Client().get(draft.get_absolute_url()).status_code == 404  # the draft is not public
    restore = ChangeRecord.objects.filter(strategy=published).order_by("-version").first()
    assert (restore.action, restore.user, restore.after) == (
        "restore",
        alice,
        {"restored_version": 1, "draft": draft.pk},
    )
    history = client.get(reverse("history", args=[published.pk])).content.decode()
    assert "Versjon 1 lagt fram som et nytt utkast" in history

    # Publish the draft: its content becomes the published strategy's, at the same address.
    response = client.post(reverse("publish", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == published.get_absolute_url()
    public = _public_text(published)
    assert "Tilby rådgivning til alle." not in public and "Tilby rådgivning." in public
    assert not Strategy.objects.filter(pk=draft.pk).exists()
    published.refresh_from_db()
    assert published.status == Strategy.Status.PUBLISHED
    actions = list(ChangeRecord.objects.filter(strategy=published).order_by("version").values_list("action", flat=True))
    assert actions == ["import", "publish", "edit_item", "restore", "publish"]
    assert published.snapshots.filter(version=published.version).exists()  # a publication is a restore point


def test_restoring_a_draft_still_changes_it_in_place(client, draft, alice):
    client.force_login(alice)
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    client.post(reverse("edit", args=[draft.pk]), {"action": "edit_item", "item": item.pk, "version": 1, "text": "X."})
    response = client.post(reverse("restore", args=[draft.pk]), {"version": 1})
    assert response["Location"] == reverse("history", args=[draft.pk])
    assert not Strategy.objects.filter(replaces=draft).exists()
    assert Item.objects.filter(section__strategy=draft, text="Tilby rådgivning.").exists()
