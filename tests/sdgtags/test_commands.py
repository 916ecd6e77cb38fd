"""manage.py propose_sdg_tags: the demo's proposals, idempotent, a summary per strategy; a dry run unless --confirm."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from veikart.web.sdgtags.models import ItemTag
from veikart.web.strategies.models import Strategy


def test_propose_sdg_tags_prints_a_summary_per_strategy_and_is_idempotent(published):
    ItemTag.objects.filter(strategy=published).delete()
    out, err = StringIO(), StringIO()
    call_command("propose_sdg_tags", stdout=out, stderr=err)
    dry = out.getvalue()
    assert " 0 new proposals" not in dry and "dry run: nothing written (use --confirm)" in err.getvalue()
    assert not ItemTag.objects.filter(strategy=published).exists()
    out = StringIO()
    call_command("propose_sdg_tags", confirm=True, stdout=out)
    first = out.getvalue()
    assert first == dry  # the dry run said what the real run did
    assert first.startswith(f"SDG proposals for «{published.title}» (id {published.pk}): 5 items: ")
    assert ItemTag.objects.filter(strategy=published).exists()
    out = StringIO()
    call_command("propose_sdg_tags", str(published.pk), "--confirm", stdout=out)
    assert out.getvalue().strip().endswith("5 items: 0 new proposals, 0 updated, 0 withdrawn, 0 decisions kept")


def test_propose_sdg_tags_refuses_an_unknown_strategy_in_one_line(db):
    with pytest.raises(CommandError, match="^no strategy with id 999$"):
        call_command("propose_sdg_tags", "999")


def test_the_demo_strategies_come_with_proposals_and_the_demo_step_adds_none(db):
    call_command("load_demo", password="demo-passord-1", stdout=StringIO())
    per_strategy = {s.title: s.sdg_tags.count() for s in Strategy.objects.all()}
    assert len(per_strategy) == 2 and all(count > 10 for count in per_strategy.values()), per_strategy
    out = StringIO()
    call_command("propose_sdg_tags", confirm=True, stdout=out)  # bin/demo's step after load_demo
    assert out.getvalue().count("0 new proposals, 0 updated, 0 withdrawn") == 2
