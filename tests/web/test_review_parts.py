"""The review page of a long strategy comes in parts of about VEIKART_STRATEGY_PAGE_ITEMS items (?del=N)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import OnSharedDraft
from veikart.web.strategies.models import Item, Section


@pytest.fixture
def editor(client, alice, settings):
    settings.VEIKART_STRATEGY_PAGE_ITEMS = 2  # the fixture's two top sections: 5 items and 0 items
    client.force_login(alice)
    return client


def _page(client, strategy, query=""):
    response = client.get(reverse("review", args=[strategy.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


class TestOnADraft(OnSharedDraft):
    """KS's draft and the people are made once for the class; each test's changes are rolled back after it."""

    def test_a_long_strategy_shows_its_first_part_and_links_every_part_and_section(self, editor, draft):
        appendix = Section.objects.get(strategy=draft, title="Vedlegg")
        goal = Item.objects.get(section__strategy=draft, text="KS skal bidra til gode arbeidsgivere.")
        page = _page(editor, draft)
        assert "Del 1 av 2" in page and f'id="i{goal.pk}"' in page
        assert f'id="s{appendix.pk}"' not in page and f'href="?del=2#s{appendix.pk}"' in page
        assert f'<option value="{appendix.pk}">' in page  # the section pickers still offer every section

    def test_another_part_is_chosen_with_del(self, editor, draft):
        appendix = Section.objects.get(strategy=draft, title="Vedlegg")
        goal = Item.objects.get(section__strategy=draft, text="KS skal bidra til gode arbeidsgivere.")
        page = _page(editor, draft, "?del=2")
        assert "Del 2 av 2" in page and f'id="s{appendix.pk}"' in page and f'id="i{goal.pk}"' not in page
        assert "Del 2 av 2" in _page(editor, draft, "?del=99")  # past the end: the last part

    def test_the_selected_item_or_section_brings_its_part(self, editor, draft):
        appendix = Section.objects.get(strategy=draft, title="Vedlegg")
        goal = Item.objects.get(section__strategy=draft, text="KS skal bidra til gode arbeidsgivere.")
        assert "Del 2 av 2" in _page(editor, draft, f"?valgt=s{appendix.pk}")
        page = _page(editor, draft, f"?del=2&valgt=i{goal.pk}")
        assert "Del 1 av 2" in page and 'name="action" value="edit_item"' in page

    def test_a_short_strategy_has_no_parts(self, client, alice, draft):
        client.force_login(alice)
        page = _page(client, draft)
        assert "Del 1 av" not in page and "?del=" not in page
