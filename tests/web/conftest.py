"""People and strategies for the web tests (healthchecks' alice/bob/charlie); ks and oslo are tests/conftest.py's.

alice edits KS's strategies, bob only reads them, charlie edits another
organisation's, dave is KS's admin; anonymous visitors see only what is published.
"""

from __future__ import annotations

import copy

import pytest
from django.contrib.auth.models import User

from tests.conftest import make_ks, make_oslo, person, shared_rows, use_test_settings
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.strategies import services
from veikart.web.strategies.models import Strategy

PAGE_ONE = (
    "Langtidsstrategi for KS 2020–2023\nKS skal bidra til at kommunene lykkes.\nKS er en pådriver for digitalisering."
)
PAGE_TWO = "2.2 Arbeidsgiver\nKS skal bidra til gode arbeidsgivere.\nTilby kurs i ledelse.\nTilby rådgivning."

STRATEGY_JSON = {
    "schema": "veikart.strategy/1",
    "title": "Langtidsstrategi for KS 2020–2023",
    "organisation": "KS",
    "period": {"start": 2020, "end": 2023},
    "language": "nb",
    "source": {"filename": "ks.pdf", "sha256": "ab" * 32, "pages": 2, "format": "pdf"},
    "sections": [
        {
            "number": "2",
            "title": "Satsingsområder",
            "intro": "KS har fem satsingsområder.",
            "goals": [],
            "commitments": [],
            "source": {"page": 1, "start": 0, "end": 33},
            "sections": [
                {
                    "number": "2.1",
                    "title": "Digitale kommuner",
                    "intro": "Digitalisering er viktig.\n\nDet gjelder alle.",
                    "goals": [
                        {"text": "KS skal bidra til at kommunene lykkes.",
                         "source": {"page": 1, "start": 34, "end": 72}},
                    ],
                    "commitments": [
                        {
                            "text": "KS er en pådriver for digitalisering.",
                            "source": {"page": 1, "start": 73, "end": 110},
                        },
                    ],
                    "sections": [],
                    "source": None,
                },
                {
                    "number": "2.2",
                    "title": "Arbeidsgiver",
                    "intro": "",
                    "goals": [
                        {"text": "KS skal bidra til gode arbeidsgivere.",
                         "source": {"page": 2, "start": 17, "end": 54}},
                    ],
                    "commitments": [
                        {"text": "Tilby kurs i ledelse.", "source": {"page": 2, "start": 55, "end": 76}},
                        {"text": "Tilby rådgivning.", "source": None},
                    ],
                    "sections": [],
                    "source": {"page": 2, "start": 0, "end": 16},
                },
            ],
        },
        {
            "number": None,
            "title": "Vedlegg",
            "intro": "",
            "goals": [],
            "commitments": [],
            "sections": [],
            "source": None,
        },
    ],
    "warnings": [],
}


@pytest.fixture(autouse=True)
def _web_settings(settings, tmp_path):
    from django.core.cache import cache

    cache.clear()  # cached page fragments must not outlive a test's rolled-back rows
    use_test_settings(settings, tmp_path)


@pytest.fixture
def strategy_json():
    return copy.deepcopy(STRATEGY_JSON)


ROLES = {"alice": Membership.Role.EDITOR, "bob": Membership.Role.VIEWER, "dave": Membership.Role.ADMIN}  # of KS
CHARLIE_ROLE = Membership.Role.EDITOR  # of Oslo


@pytest.fixture
def alice(ks):
    return person("alice", ks, ROLES["alice"])


@pytest.fixture
def bob(ks):
    return person("bob", ks, ROLES["bob"])


@pytest.fixture
def charlie(oslo):
    return person("charlie", oslo, CHARLIE_ROLE)


@pytest.fixture
def dave(ks):
    return person("dave", ks, ROLES["dave"])


@pytest.fixture
def editor(client, alice):
    """The test client, signed in as KS's editor."""
    client.force_login(alice)
    return client


@pytest.fixture
def people(alice, bob, charlie, dave):
    return {"alice": alice, "bob": bob, "charlie": charlie, "dave": dave}


def make_people() -> dict[str, int]:
    """KS, Oslo and the four people, as the fixtures above make them; their primary keys by fixture name."""
    ks, oslo = make_ks(), make_oslo()
    users = {name: person(name, ks, role) for name, role in ROLES.items()}
    users["charlie"] = person("charlie", oslo, CHARLIE_ROLE)
    return {"ks": ks.pk, "oslo": oslo.pk, **{name: user.pk for name, user in users.items()}}


def ks_and_alice(keys: dict) -> tuple[Organisation, User]:
    """KS and alice (its administrator) from ``make_people()``'s keys."""
    return Organisation.objects.get(pk=keys["ks"]), User.objects.get(pk=keys["alice"])


def make_people_and_strategy(*, publish: bool) -> dict[str, int]:
    """``make_people()`` and KS's strategy as ``draft`` (or ``published``) makes it; its key is "strategy"."""
    keys = make_people()
    ks, alice = ks_and_alice(keys)
    parsed = services.parse_strategy_json(copy.deepcopy(STRATEGY_JSON))
    strategy = services.import_strategy(ks, parsed, alice, pages=[PAGE_ONE, PAGE_TWO])
    if publish:
        strategy = services.publish(strategy, alice)
    return {**keys, "strategy": strategy.pk}


class OnSharedRows:
    """A test class whose rows its ``build()`` makes once, through the class-scoped fixture ``shared``
    (``tests.conftest.shared_rows``), with ``make_people()``'s keys among the ones it returns: the people and
    organisations, fetched again for each test."""

    @staticmethod
    def build() -> dict:
        return make_people()

    @pytest.fixture(scope="class")
    @classmethod
    def shared(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        yield from shared_rows(django_db_blocker, tmp_path_factory, cls.build)

    @pytest.fixture
    def ks(self, db, shared):
        return Organisation.objects.get(pk=shared["ks"])

    @pytest.fixture
    def oslo(self, db, shared):
        return Organisation.objects.get(pk=shared["oslo"])

    @pytest.fixture
    def alice(self, db, shared):
        return User.objects.get(pk=shared["alice"])

    @pytest.fixture
    def bob(self, db, shared):
        return User.objects.get(pk=shared["bob"])

    @pytest.fixture
    def charlie(self, db, shared):
        return User.objects.get(pk=shared["charlie"])

    @pytest.fixture
    def dave(self, db, shared):
        return User.objects.get(pk=shared["dave"])


class OnSharedDraft(OnSharedRows):
    """KS's draft and the people, made once for the class (the import costs more than a test's requests);
    every test's changes are rolled back after it."""

    @staticmethod
    def build() -> dict[str, int]:
        return make_people_and_strategy(publish=False)

    @pytest.fixture
    def draft(self, db, shared):
        return Strategy.objects.get(pk=shared["strategy"])


class OnSharedPublishedStrategy(OnSharedRows):
    """KS's published strategy and the people, made once for the class; every test's changes are rolled back."""

    @staticmethod
    def build() -> dict[str, int]:
        return make_people_and_strategy(publish=True)

    @pytest.fixture
    def published(self, db, shared):
        return Strategy.objects.get(pk=shared["strategy"])


@pytest.fixture
def draft(ks, alice, strategy_json):
    parsed = services.parse_strategy_json(strategy_json)
    return services.import_strategy(ks, parsed, alice, pages=[PAGE_ONE, PAGE_TWO])


@pytest.fixture
def published(draft, alice):
    return services.publish(draft, alice)
