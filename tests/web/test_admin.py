"""The Django admin shows strategy content but never changes it: edits go through the audit trail."""

from __future__ import annotations

from django.urls import reverse

from tests.web.conftest import OnSharedDraft
from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies.models import Section


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class; each test's changes are rolled back after it."""

    def test_the_admin_shows_a_strategy_read_only_with_a_link_to_the_review_page(self, client, admin_user, draft):
        client.force_login(admin_user)
        response = client.get(reverse("admin:strategies_strategy_change", args=[draft.pk]))
        body = response.content.decode()
        assert response.status_code == 200
        assert reverse("review", args=[draft.pk]) in body
        assert "der hver endring lagres i historikken" in body
        assert 'name="_save"' not in body and 'name="title"' not in body

    def test_an_admin_save_changes_nothing_and_records_nothing(self, client, admin_user, draft):
        client.force_login(admin_user)
        changes = ChangeRecord.objects.filter(strategy=draft).count()
        url = reverse("admin:strategies_strategy_change", args=[draft.pk])
        data = {"title": "Endret i admin", "status": "published", "organisation": draft.organisation_id}
        response = client.post(url, data)
        assert response.status_code == 403
        draft.refresh_from_db()
        assert draft.title == "Langtidsstrategi for KS 2020–2023" and draft.status == "draft"
        assert ChangeRecord.objects.filter(strategy=draft).count() == changes

    def test_strategies_and_sections_cannot_be_added_or_deleted_in_the_admin(self, client, admin_user, draft):
        client.force_login(admin_user)
        section = Section.objects.filter(strategy=draft).first()
        assert client.get(reverse("admin:strategies_strategy_add")).status_code == 403
        assert client.get(reverse("admin:strategies_section_add")).status_code == 403
        for name, pk in (("strategy", draft.pk), ("section", section.pk)):
            url = reverse(f"admin:strategies_{name}_delete", args=[pk])
            assert client.post(url, {"post": "yes"}).status_code == 403
        assert Section.objects.filter(pk=section.pk).exists()

    def test_a_section_in_the_admin_links_to_itself_on_the_review_page(self, client, admin_user, draft):
        client.force_login(admin_user)
        section = Section.objects.filter(strategy=draft).first()
        body = client.get(reverse("admin:strategies_section_change", args=[section.pk])).content.decode()
        assert f"?valgt=s{section.pk}#s{section.pk}" in body
