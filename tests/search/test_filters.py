"""Filter tokens: what a row carries and what a search asks for."""

from __future__ import annotations

from veikart.text.filters import fts5_filter, row_tokens, tsquery_filter
from veikart.web.search.backends.base import Scope


def test_a_row_carries_its_organisation_kind_visibility_years_and_sdgs():
    tokens = row_tokens(organisation_id=7, kind="goal", public=True, period_start=2020, period_end=2023, sdgs=[4, 13])
    assert tokens.split() == ["vkorg7", "vkkindgoal", "vkpublic", "vkyear2020", "vkyear2021", "vkyear2022",
                              "vkyear2023", "vksdg4", "vksdg13"]


def test_a_draft_has_no_public_token_and_an_absurd_period_only_its_ends():
    tokens = row_tokens(organisation_id=1, kind="strategy", public=False, period_start=1000, period_end=3000, sdgs=[])
    assert "vkpublic" not in tokens.split()
    assert sorted(t for t in tokens.split() if t.startswith("vkyear")) == ["vkyear1000", "vkyear3000"]


def test_visibility_tokens_are_asked_for_only_on_request():
    assert fts5_filter(Scope()) == ""
    assert fts5_filter(Scope(), visibility=True) == '("vkpublic")'
    assert tsquery_filter(Scope(member_of=(3, 5)), visibility=True) == "('vkpublic' | 'vkorg3' | 'vkorg5')"


def test_staff_without_filters_ask_for_nothing():
    assert fts5_filter(Scope(all_visible=True), visibility=True) == ""


def test_every_filter_is_one_more_condition():
    scope = Scope(all_visible=True, organisation_id=2, kinds=("goal",), year=2021, sdg=13)
    assert fts5_filter(scope) == '("vkorg2") AND ("vkkindgoal") AND ("vkyear2021") AND ("vksdg13")'
