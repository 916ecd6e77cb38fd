"""The plan alignment page: a member's plan against the KS strategy the person chooses, and the sector view."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.search.conftest import make_strategy
from tests.web.conftest import OnSharedRows, ks_and_alice, make_people
from veikart import semantic
from veikart.semantic.index import to_bytes
from veikart.web.orgs.models import Organisation
from veikart.web.semantic.models import TextVector
from veikart.web.strategies import services
from veikart.web.strategies.models import Strategy

ROOT = Path(__file__).resolve().parents[2]
KS_2016 = ROOT / "tests" / "compare" / "data" / "ks-2016-2019.json"
KS_2020 = ROOT / "tests" / "compare" / "data" / "ks-2020-2023.json"
CLIMATE = "Oslo skal redusere klimagassutslippene og bli en klimavennlig og miljøvennlig kommune."
FULL_TIME = "Flere ansatte skal ha heltidsstillinger, og sykefraværet skal ned."


def store_vectors(*strategies) -> None:
    """Fill the vector cache as the background worker would, with the real model's vectors of every item text.

    The vectors come through veikart.compare.vectors (kept in var/cache/vectors between runs), so each
    text is embedded once, not once per test.
    """
    os.environ.setdefault("VEIKART_VECTOR_CACHE", str(ROOT / "var" / "cache" / "vectors"))
    from veikart.compare.vectors import embed

    texts = sorted({i.text for s in strategies for sec in s.sections.all() for i in sec.items.all()})
    vectors = embed(texts)
    rows = [TextVector(key=semantic.text_key(t), model=semantic.MODEL, vector=to_bytes(v))
            for t, v in zip(texts, vectors, strict=True)]
    TextVector.objects.bulk_create(rows, ignore_conflicts=True)


def import_ks(path: Path, ks, alice):
    data = json.loads(path.read_text(encoding="utf-8"))
    return services.publish(services.import_strategy(ks, services.parse_strategy_json(data), alice), alice)


def build() -> dict:
    """The people, KS's 2020 strategy and Oslo's plan (the KS import costs more than a test's requests)."""
    keys = make_people()
    ks, alice = ks_and_alice(keys)
    oslo, charlie = Organisation.objects.get(pk=keys["oslo"]), User.objects.get(pk=keys["charlie"])
    ks_2020 = import_ks(KS_2020, ks, alice)
    plan = make_strategy(oslo, charlie, "Oslo kommuneplan", {"Klima": [CLIMATE], "Arbeidsgiver": [FULL_TIME]},
                         period=(2022, 2030))
    return {**keys, "ks_2020": ks_2020.pk, "oslo_plan": plan.pk}


def _row(page: str, text: str) -> str:
    return page.split(text)[1].split("</tr>")[0]


class TestOnKsAndOslo(OnSharedRows):
    """KS's 2020 strategy and Oslo's plan are made once for the class; each test's changes (the vectors it stores,
    the plans it adds) are rolled back after it."""

    build = staticmethod(build)

    @pytest.fixture
    def ks_2020(self, db, shared):
        return Strategy.objects.get(pk=shared["ks_2020"])

    @pytest.fixture
    def oslo_plan(self, db, shared):
        return Strategy.objects.get(pk=shared["oslo_plan"])

    @pytest.fixture
    def ks_2016(self, ks, alice):
        return import_ks(KS_2016, ks, alice)

    def test_each_goal_shows_the_ks_focus_area_it_serves_with_why_and_sdg_targets(self, client, charlie, ks_2020,
                                                                                  oslo_plan):
        store_vectors(ks_2020, oslo_plan)
        client.force_login(charlie)
        page = client.get(reverse("alignment"), {"strategi": oslo_plan.pk}).content.decode()
        assert "«Oslo kommuneplan» sammenlignet med «Langtidsstrategi for KS 2020–2023»" in page
        climate = _row(page, CLIMATE)
        assert "3.2 Klima- og miljøvennlig utvikling" in climate
        assert "felles ord:" in climate and "meningslikhet" in climate
        assert "Delmål 13." in climate
        assert "2.6 Attraktive arbeidsgivere" in _row(page, FULL_TIME)
        assert "ingen meningsvektor" not in page

    def test_the_newest_ks_strategy_is_the_default_and_another_can_be_chosen(self, client, charlie, ks_2016, ks_2020,
                                                                             oslo_plan):
        store_vectors(ks_2016, ks_2020, oslo_plan)
        client.force_login(charlie)
        page = client.get(reverse("alignment"), {"strategi": oslo_plan.pk}).content.decode()
        assert f'<option value="{ks_2020.pk}" selected>Langtidsstrategi for KS 2020–2023 (nyeste)' in page
        older = client.get(reverse("alignment"), {"strategi": oslo_plan.pk, "ks": ks_2016.pk}).content.decode()
        assert f'<option value="{ks_2016.pk}" selected>' in older
        assert "sammenlignet med «Langtidsplan for KS 2016–2019»" in older
        assert "3.2 Klima- og miljøvennlig utvikling" not in older
        assert "gjaldt før planens periode (2022–2030)" in older  # the chosen KS period ended before the plan's

    def test_without_cached_vectors_the_page_says_it_counts_words_only(self, client, charlie, ks_2020, oslo_plan):
        client.force_login(charlie)
        page = client.get(reverse("alignment"), {"strategi": oslo_plan.pk}).content.decode()
        assert "har ennå ingen meningsvektor" in page

    def test_the_sector_view_lists_per_focus_area_the_plans_that_serve_it(self, client, oslo, charlie, ks_2020,
                                                                         oslo_plan):
        other = make_strategy(oslo, charlie, "Oslo klimaplan", {"Klima": [CLIMATE]}, period=(2024, 2027))
        hidden = make_strategy(oslo, charlie, "Oslo utkast", {"Klima": [CLIMATE]}, publish=False)
        store_vectors(ks_2020, oslo_plan, other, hidden)
        page = client.get(reverse("alignment"), {"visning": "sektor", "ks": ks_2020.pk}).content.decode()
        assert "2 publiserte planer er lest." in page
        climate = page.split("3.2 Klima- og miljøvennlig utvikling</th>")[1].split("</tr>")[0]
        assert "<td>2</td>" in climate
        assert "Oslo kommuneplan" in climate and "Oslo klimaplan" in climate and "Oslo utkast" not in climate
        employer = page.split("2.6 Attraktive arbeidsgivere</th>")[1].split("</tr>")[0]
        assert "<td>1</td>" in employer and "Oslo kommuneplan" in employer

    def test_a_draft_plan_is_aligned_for_its_members_only(self, client, oslo, charlie, bob, ks_2020):
        draft = make_strategy(oslo, charlie, "Oslo utkast", {"Klima": [CLIMATE]}, publish=False)
        client.force_login(bob)
        assert client.get(reverse("alignment"), {"strategi": draft.pk}).status_code == 404
        client.force_login(charlie)
        assert client.get(reverse("alignment"), {"strategi": draft.pk}).status_code == 200

    def test_nonsense_parameters_fall_back_to_the_defaults(self, client, ks_2020):
        response = client.get(reverse("alignment"), {"strategi": "x", "ks": "-1'", "visning": "<b>"})
        assert response.status_code == 200
