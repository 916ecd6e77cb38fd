"""What the audit app listens to, connected in ``AppConfig.ready``."""

from __future__ import annotations

from typing import Any

from veikart.web.audit import log, outside
from veikart.web.strategies.edits import item_state, section_state
from veikart.web.strategies.models import Item, Section, Strategy


def on_strategy_changed(
    sender: Any, strategy: Strategy, user: Any, action: str, obj: Any, before: Any, after: Any, **kwargs: Any
) -> None:
    """``strategies.changes.strategy_changed``: one entry per change, in the change's transaction."""
    log.record(strategy, user, action, obj, before, after)
    outside.explain(strategy.pk)  # the rows this transaction saved are this entry's change


def _strategy_of_item(item: Item) -> int | None:
    if "section" in item._state.fields_cache:
        return item.section.strategy_id
    return Section.objects.filter(pk=item.section_id).values_list("strategy_id", flat=True).first()


def _strategy_state(strategy: Strategy) -> dict[str, Any]:
    return {"title": strategy.title, "status": strategy.status}


def watch_outside_edits() -> None:
    """Strategies, sections and items saved or deleted past the services get an entry too (audit.outside)."""
    outside.watch(Strategy, lambda strategy: strategy.pk, _strategy_state)
    outside.watch(Section, lambda section: section.strategy_id, section_state)
    outside.watch(Item, _strategy_of_item, item_state)
