"""manage.py propose_sdg_tags: the demo's proposals, idempotent, with a summary per strategy."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from veikart.web.sdgtags.models import ItemTag
from veikart.web.strategies.models import Strategy


def test_propose_sdg_tags_prints_a_summary_per_strategy_and_is_idempotent(published):
    ItemTag.objects.filter(strategy=published).delete()
    out = StringIO()
    call_command("propose_sdg_tags", stdout=out)
    first = out.getvalue()
    assert first.startswith(f"SDG proposals for «{published.title}» (id {published.pk}): 5 items: ")
    assert " 0 new proposals" not in first
    out = StringIO()
    call_command("propose_sdg_tags", str(published.pk), stdout=out)
    assert out.getvalue().strip().endswith("5 items: 0 new proposals, 0 updated, 0 withdrawn, 0 decisions kept")


def test_propose_sdg_tags_refuses_an_unknown_strategy_in_one_line(db):
    with pytest.raises(CommandError, match="^no strategy with id 999$"):
        call_command("propose_sdg_tags", "999")


def test_the_demo_strategies_come_with_proposals_and_the_demo_step_adds_none(db):
    call_command("load_demo", password="demo-passord-1", stdout=StringIO())
    per_strategy = {s.title: s.sdg_tags.count() for s in Strategy.objects.all()}
    assert len(per_strategy) == 2 and all(count > 10 for count in per_strategy.values()), per_strategy
    out = StringIO()
    call_command("propose_sdg_tags", stdout=out)  # bin/demo's step after load_demo
    assert out.getvalue().count("0 new proposals, 0 updated, 0 withdrawn") == 2
