"""Organisations' addresses keep æ, ø and å as letters (Bodø → bodo), not as a number (bod-1804)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import shared_rows
from veikart.web.orgs.models import Organisation
from veikart.web.planning.members import address, load_member_organisations


def test_norwegian_letters_are_transliterated():
    assert [address(n) for n in ("Bodø", "Ålesund", "Færder", "Ås", "Nord-Aurdal")] == [
        "bodo",
        "alesund",
        "faerder",
        "as",
        "nord-aurdal",
    ]


class TestMembersLoaded:
    """The members of 1 January 2024 loaded once for the class (a load writes every municipality and county);
    each test's changes are rolled back after it."""

    @pytest.fixture(scope="class")
    @classmethod
    def shared(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        yield from shared_rows(django_db_blocker, tmp_path_factory, lambda: load_member_organisations(date(2024, 1, 1)))

    def test_every_member_gets_its_own_address_and_a_county_never_takes_its_citys(self, shared, db):
        slugs = dict(Organisation.objects.filter(number__isnull=False).values_list("number", "slug"))
        assert (slugs["1804"], slugs["1508"], slugs["3911"]) == ("bodo", "alesund", "faerder")
        assert slugs["18"] == "nordland-fylkeskommune" and slugs["0301"] == "oslo" != slugs["03"]
        assert len(set(slugs.values())) == len(slugs)

    def test_the_organisation_page_is_at_its_transliterated_address(self, shared, client, db):
        response = client.get(reverse("organisation", args=["bodo"]))
        assert response.status_code == 200 and "Bodø kommune" in response.content.decode()


def test_an_organisation_made_by_hand_keeps_its_address_and_the_member_gets_another(db):
    Organisation.objects.create(slug="bodo", name="Bodø-foreningen", kind="other")
    load_member_organisations(date(2024, 1, 1))
    assert Organisation.objects.get(number="1804", kind="kommune").slug == "bodo-1804"
