"""Who may change SDG tags and local targets: anonymous, viewer (bob), editor of another
organisation (charlie), editor (alice), admin (dave)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.sdgtags.conftest import _retag
from tests.web.conftest import OnSharedDraft, OnSharedPublishedStrategy, OnSharedRows, make_people_and_strategy
from veikart.web.audit.models import ChangeRecord
from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue
from veikart.web.sdgtags.models import ItemTag, LocalTarget, TagStatus
from veikart.web.strategies.models import Item, Strategy

PEOPLE = ["anonymous", "bob", "charlie", "alice", "dave"]
MAY_CHANGE = ("alice", "dave")

# 302 = to the login page (anonymous) or back to the review page (a change made or refused with a message)
DRAFT_STATUS = {"anonymous": 302, "bob": 403, "charlie": 404, "alice": 302, "dave": 302}
PUBLISHED_STATUS = {"anonymous": 302, "bob": 403, "charlie": 403, "alice": 302, "dave": 302}


def _login(client, people, who):
    if who != "anonymous":
        client.force_login(people[who])


def _item(strategy, text):
    return Item.objects.get(section__strategy=strategy, text__contains=text)


LOCAL_STATUS = {"anonymous": 302, "bob": 403, "charlie": 403, "alice": 302, "dave": 302}


def _tagged(keys: dict) -> dict:
    """The strategy in ``keys`` with the fake classifier's tags, as the ``tagged`` fixtures make them."""
    ensure_sdg_catalogue()
    _retag(Strategy.objects.get(pk=keys["strategy"]))
    return keys


class TestOnADraft(OnSharedDraft):
    @staticmethod
    def build() -> dict:
        return _tagged(make_people_and_strategy(publish=False))

    @pytest.fixture
    def tagged_draft(self, draft):
        return draft

    @pytest.mark.parametrize("who", PEOPLE)
    @pytest.mark.parametrize(("action", "goal", "status"), [("accept", 9, "accepted"), ("reject", 9, "rejected")])
    def test_only_editors_and_admins_accept_or_reject_a_draft_items_tag(
        self, client, people, tagged_draft, who, action, goal, status
    ):
        _login(client, people, who)
        item = _item(tagged_draft, "digitalisering")
        response = client.post(
            reverse("sdgtags:change", args=[tagged_draft.pk]), {"action": action, "item": item.pk, "goal": goal}
        )
        assert response.status_code == DRAFT_STATUS[who]
        changed = ItemTag.objects.get(item=item, goal_id=goal).status == status
        assert changed == (who in MAY_CHANGE)
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))
        if who in MAY_CHANGE:
            assert response["Location"].endswith(f"?valgt=i{item.pk}#i{item.pk}")


class TestOnAPublishedStrategy(OnSharedPublishedStrategy):
    @staticmethod
    def build() -> dict:
        return _tagged(make_people_and_strategy(publish=True))

    @pytest.fixture
    def tagged(self, published):
        return published

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_add_a_tag_to_a_published_item(self, client, people, tagged, who):
        _login(client, people, who)
        item = _item(tagged, "lykkes")
        response = client.post(
            reverse("sdgtags:change", args=[tagged.pk]), {"action": "add", "item": item.pk, "what": "11.3"}
        )
        assert response.status_code == PUBLISHED_STATUS[who]
        added = ItemTag.objects.filter(item=item, goal_id=11, status=TagStatus.ADDED).first()
        assert (added is not None) == (who in MAY_CHANGE)
        if added:
            assert added.target_codes == ["11.3"]
            assert ChangeRecord.objects.filter(strategy=tagged, action="sdg_add", user=people[who]).exists()

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_editors_and_admins_recompute_proposals(self, client, people, tagged, who):
        _login(client, people, who)
        ItemTag.objects.filter(strategy=tagged).delete()
        response = client.post(reverse("sdgtags:change", args=[tagged.pk]), {"action": "propose", "tilbake": "profil"})
        assert response.status_code == PUBLISHED_STATUS[who]
        assert ItemTag.objects.filter(strategy=tagged).exists() == (who in MAY_CHANGE)

    def test_changing_tags_needs_post(self, client, alice, tagged):
        client.force_login(alice)
        assert client.get(reverse("sdgtags:change", args=[tagged.pk])).status_code == 405

    def test_a_refused_change_says_why_and_changes_nothing(self, client, alice, tagged):
        client.force_login(alice)
        item = _item(tagged, "kurs")
        response = client.post(
            reverse("sdgtags:change", args=[tagged.pk]), {"action": "add", "item": item.pk, "what": "99.9"}, follow=True
        )
        assert "Velg et bærekraftsmål eller delmål." in response.content.decode()
        assert not ItemTag.objects.filter(item=item, status=TagStatus.ADDED).exists()

    def test_an_editor_links_an_item_to_a_local_target_from_the_review_picker(self, client, alice, tagged):
        local = LocalTarget.objects.create(
            organisation=tagged.organisation, parent_id="4.4", code="KS-4", text="Lederkurs"
        )
        client.force_login(alice)
        item = _item(tagged, "kurs")
        client.post(
            reverse("sdgtags:change", args=[tagged.pk]), {"action": "add", "item": item.pk, "what": f"lokal-{local.pk}"}
        )
        tag = ItemTag.objects.get(item=item, goal_id=4)
        assert (tag.status, tag.target_codes, list(tag.local_targets.all())) == (TagStatus.ACCEPTED, ["4.4"], [local])


class TestLocalTargets(OnSharedRows):
    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_the_organisations_editors_and_admins_add_local_targets(self, client, people, ks, who):
        _login(client, people, who)
        url = reverse("sdgtags:local_targets", args=[ks.slug])
        response = client.post(url, {"action": "create", "parent": "4.4", "code": "KS-4.4.1", "text": "Lederkurs"})
        assert response.status_code == LOCAL_STATUS[who]
        assert LocalTarget.objects.filter(organisation=ks, code="KS-4.4.1").exists() == (who in MAY_CHANGE)
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))

    @pytest.mark.parametrize("who", PEOPLE)
    def test_everyone_reads_local_targets_but_only_editors_see_the_forms(self, client, people, ks, alice, who):
        LocalTarget.objects.create(organisation=ks, parent_id="4.4", code="KS-4.4.1", text="Lederkurs for rådmenn")
        _login(client, people, who)
        response = client.get(reverse("sdgtags:local_targets", args=[ks.slug]))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Lederkurs for rådmenn" in page
        assert ('name="action" value="create"' in page) == (who in MAY_CHANGE)

    def test_an_editor_edits_and_deletes_a_local_target(self, client, alice, ks):
        client.force_login(alice)
        local = LocalTarget.objects.create(organisation=ks, parent_id="4.4", code="A", text="Før")
        url = reverse("sdgtags:local_targets", args=[ks.slug])
        client.post(url, {"action": "update", "id": local.pk, "parent": "4.5", "code": "B", "text": "Etter"})
        local.refresh_from_db()
        assert (local.parent_id, local.code, local.text, local.updated_by) == ("4.5", "B", "Etter", alice)
        client.post(url, {"action": "delete", "id": local.pk})
        assert not LocalTarget.objects.filter(pk=local.pk).exists()

    def test_an_editor_cannot_touch_another_organisations_local_target(self, client, charlie, ks, oslo):
        local = LocalTarget.objects.create(organisation=ks, parent_id="4.4", code="A", text="KS sitt")
        client.force_login(charlie)
        client.post(reverse("sdgtags:local_targets", args=[oslo.slug]), {"action": "delete", "id": local.pk})
        assert LocalTarget.objects.filter(pk=local.pk).exists()
