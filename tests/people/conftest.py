"""Two municipalities and KS: each municipality has an admin and an editor; KS has a viewer (sector staff)."""

from __future__ import annotations

import pytest

from tests.conftest import person
from tests.web.conftest import _web_settings  # noqa: F401  (autouse: media, immediate tasks, fast hashes)
from veikart.web.orgs.models import Membership, Organisation


def make_drammen() -> Organisation:
    """A second member municipality, as the ``drammen`` fixture makes it."""
    return Organisation.objects.create(slug="drammen", name="Drammen kommune", number="3301")


@pytest.fixture
def drammen(db):
    return make_drammen()


@pytest.fixture
def olga(oslo):
    """Oslo's admin."""
    return person("olga", oslo, Membership.Role.ADMIN)


@pytest.fixture
def otto(oslo):
    """Oslo's editor (not an admin)."""
    return person("otto", oslo, Membership.Role.EDITOR)


@pytest.fixture
def dina(drammen):
    """Drammen's admin."""
    return person("dina", drammen, Membership.Role.ADMIN)


@pytest.fixture
def kari(ks):
    """KS staff (a viewer in KS): sees the whole sector, manages nobody."""
    return person("kari", ks, Membership.Role.VIEWER)
