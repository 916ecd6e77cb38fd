"""The web tests' people and strategies (alice/bob/charlie/dave), plus small strategies to search."""

from __future__ import annotations

import pytest

from tests.web.conftest import *  # noqa: F401,F403 - the same fixtures as the web tests
from tests.web.conftest import _web_settings  # noqa: F401 - autouse (media in tmp, immediate tasks); * skips it
from veikart.web.orgs.models import Organisation
from veikart.web.strategies import services

# Two organisations' plans with goals alike in meaning (the similar-plans tests); "+" marks a commitment.
KS_GOALS = {
    "Oppvekst": ["Flere barnehager med høy kvalitet og god bemanning.", "+Tilby kurs for barnehageledere."],
    "Klima": ["Kommunene reduserer klimagassutslipp fra transport.", "+Bidra til klimatilpasning i kommunene."],
}
OSLO_GOALS = {
    "Barnehage": ["Barnehager med god kvalitet og høy bemanning i alle bydeler."],
    "Klima og miljø": ["Oslo reduserer klimagassutslippene fra transport innen 2030."],
}


def make_strategy(org, user, title, sections, *, period=(2020, 2023), publish=True):
    """A strategy from {section title: [goal texts]} (a commitment is a text starting with '+')."""
    data = {
        "schema": "veikart.strategy/1",
        "title": title,
        "organisation": org.name,
        "period": {"start": period[0], "end": period[1]} if period else None,
        "language": "nb",
        "source": {"filename": f"{title}.pdf", "sha256": "", "pages": 1, "format": "pdf"},
        "sections": [
            {
                "number": str(n),
                "title": section_title,
                "intro": "",
                "goals": [{"text": t, "source": None} for t in texts if not t.startswith("+")],
                "commitments": [{"text": t[1:], "source": None} for t in texts if t.startswith("+")],
                "sections": [],
                "source": None,
            }
            for n, (section_title, texts) in enumerate(sections.items(), start=1)
        ],
    }
    strategy = services.import_strategy(org, services.parse_strategy_json(data), user)
    if publish:
        strategy = services.publish(strategy, user)
    return strategy


@pytest.fixture
def bergen(db):
    return Organisation.objects.create(slug="bergen", name="Bergen kommune", number="4601")


def _person_in(name: str, org):
    from tests.conftest import person
    from veikart.web.orgs.models import Membership

    return person(name, org, Membership.Role.EDITOR)
