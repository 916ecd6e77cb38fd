"""The review page's tag lists drawn for the whole strategy at once: the same HTML as item by item, fewer queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from veikart.web.sdgtags import render, services
from veikart.web.sdgtags.queries import tags_by_item
from veikart.web.strategies.models import Item

ACTION = "/strategier/1/barekraftsmal/endre/"


def _item(strategy, text):
    return Item.objects.get(section__strategy=strategy, text__contains=text)


def _decided(strategy, alice):
    """Every kind of tag: proposed, accepted, rejected, added with UN and local targets, a reason with markup."""
    services.accept_tag(strategy, alice, _item(strategy, "arbeidsgivere").pk, 8)
    services.reject_tag(strategy, alice, _item(strategy, "kurs").pk, 8)
    local = services.create_local_target(strategy.organisation, alice, "9.c", "KS-9c", "Bredbånd til alle skoler")
    services.add_tag(strategy, alice, _item(strategy, "kurs").pk, 9, ["9.c", "9.1"], [local.pk])
    tag = strategy.sdg_tags.get(item=_item(strategy, "digitalisering"), goal_id=9)
    tag.why = 'Ord: «<b>digital</b>» & "mer".'
    tag.score = 0.125  # half-up like floatformat: 0,13
    tag.save()
    return strategy


@pytest.mark.parametrize("editable", [True, False])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_whole_strategy_pass_draws_what_item_by_item_drew(tagged, alice, editable, language):
    _decided(tagged, alice)
    with translation.override(language):
        one_pass = render.strategy_review_tags(tagged, action_url=ACTION, csrf="tok", editable=editable)
        by_item = tags_by_item(tagged, with_rejected=True)
        assert set(one_pass) == set(by_item)
        for item_id, tags in by_item.items():
            expected = render.review_tags(tags, field="item", pk=item_id, action_url=ACTION, csrf="tok",
                                          editable=editable)
            assert one_pass[item_id] == expected


def test_the_reason_is_escaped_and_the_score_rounded_half_up(tagged, alice):
    _decided(tagged, alice)
    html = render.strategy_review_tags(tagged, action_url=ACTION, csrf="tok", editable=True)
    drawn = html[_item(tagged, "digitalisering").pk]
    assert "«&lt;b&gt;digital&lt;/b&gt;» &amp; &quot;mer&quot;" in drawn and "<b>" not in drawn
    assert "styrke 0,13" in drawn


def test_the_pass_costs_four_queries_whatever_the_number_of_items(tagged, alice):
    _decided(tagged, alice)
    with CaptureQueriesContext(connection) as queries:
        render.strategy_review_tags(tagged, action_url=ACTION, csrf="tok", editable=True)
    assert len(queries) == 4


def test_the_review_page_shows_untagged_items_with_the_no_proposals_line(client, tagged, alice):
    client.force_login(alice)
    page = client.get(reverse("review", args=[tagged.pk])).content.decode()
    untagged = Item.objects.filter(section__strategy=tagged).exclude(sdg_tags__isnull=False).count()
    assert untagged and page.count("Ingen bærekraftsmål foreslått.") == untagged
    assert page.count('<div class="sdg-review">') == Item.objects.filter(section__strategy=tagged).count()


def test_the_add_pickers_options_drawn_in_python_match_the_template_loop(tagged, alice):
    from django.template import Context, Template

    services.create_local_target(tagged.organisation, alice, "9.c", "KS-9c", 'Bredbånd <til> "alle" skoler')
    loop = Template(
        "{% load sdgtags %}{% sdg_choices as choices %}{% for group in choices %}"
        '<optgroup label="{{ group.goal.number }} {{ group.goal.short }}">{% for option in group.options %}'
        '<option value="{{ option.value }}">{{ option.label }}</option>{% endfor %}</optgroup>{% endfor %}'
    ).render(Context({"strategy": tagged}))
    drawn = Template("{% load sdgtags %}{% sdg_add_options %}").render(Context({"strategy": tagged}))
    assert drawn == loop and "Bredbånd &lt;til&gt; &quot;alle&quot; skoler" in drawn
