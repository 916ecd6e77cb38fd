"""API tests on the planning tests' world: KS's published strategy with a plan, a measure and an indicator.

alice edits KS, bob reads KS, charlie edits Oslo, dave is KS's admin (tests/web/conftest.py).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.planning.conftest import *  # noqa: F403  (people, strategies, plans, indicators)
from tests.web.conftest import _web_settings  # noqa: F401  (autouse; a star import skips underscore names)
from veikart.web.api import tokens
from veikart.web.orgs.models import Membership


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def token_for():
    """token_for(user, organisation, role) -> the secret of a new token."""
    def make(user, organisation, role=Membership.Role.EDITOR) -> str:
        return tokens.issue(name="test", organisation=organisation, role=role, owner=user)[1]
    return make


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
