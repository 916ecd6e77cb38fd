"""The audit log's one writer: ``record()``, called for every change ``strategies.changes`` announces.

The audit app sits above strategies: it receives ``strategy_changed`` (connected in
``AppConfig.ready``) and writes the ChangeRecord of the strategy's new version. A whole
snapshot (Strategy JSON, tens of kB for a real plan) is kept only at the points a strategy
can be restored to: its import, each publication and each restore (``SNAPSHOT_ACTIONS``);
an edit's entry holds the changed object before and after, a few hundred bytes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from veikart.web.actions import PLAN_ACTIONS, SNAPSHOT_ACTIONS
from veikart.web.audit import outside
from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.strategies.edits import item_state, section_state
from veikart.web.strategies.models import Item, Section, Strategy
from veikart.web.strategies.services import export_strategy_json


def record(
    strategy: Strategy | int | None,
    user: AbstractBaseUser | None,
    action: str,
    obj: Any = None,
    before: Any = None,
    after: Any = None,
) -> ChangeRecord:
    """The one writer of the audit log: who/what/before/after.

    A strategy's change is kept at the strategy's (already bumped) version, with a snapshot at restore
    points; a plan's change (``PLAN_ACTIONS``, the planning app's ``services.record``) has no version.
    """
    if action in PLAN_ACTIONS:
        strategy_id = strategy.pk if isinstance(strategy, Strategy) else strategy
        return ChangeRecord.objects.create(
            strategy_id=strategy_id,
            version=None,
            user=user if user is not None and user.is_authenticated else None,
            action=action,
            object_type=type(obj).__name__.lower() if obj is not None else "",
            object_id=getattr(obj, "pk", None),
            before=before,
            after=after,
        )
    entry = ChangeRecord.objects.create(
        strategy=strategy,
        version=strategy.version,
        user=user,
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        before=before,
        after=after,
    )
    if action in SNAPSHOT_ACTIONS:
        StrategySnapshot.objects.create(
            strategy=strategy, version=strategy.version, data=export_strategy_json(strategy)
        )
    outside.explain(strategy.pk)  # the rows this transaction saved are this entry's change
    return entry


def on_strategy_changed(
    sender: Any, strategy: Strategy, user: Any, action: str, obj: Any, before: Any, after: Any, **kwargs: Any
) -> None:
    """``strategies.changes.strategy_changed``: one entry per change, in the change's transaction."""
    record(strategy, user, action, obj, before, after)


def _strategy_of_section(section: Section) -> int | None:
    return section.strategy_id


def _strategy_of_item(item: Item) -> int | None:
    if "section" in item._state.fields_cache:
        return item.section.strategy_id
    return Section.objects.filter(pk=item.section_id).values_list("strategy_id", flat=True).first()


def _strategy_state(strategy: Strategy) -> dict[str, Any]:
    return {"title": strategy.title, "status": strategy.status}


def watch_outside_edits() -> None:
    """Strategies, sections and items saved or deleted past the services get an entry too (audit.outside)."""
    outside.watch(Strategy, lambda strategy: strategy.pk, _strategy_state)
    outside.watch(Section, _strategy_of_section, section_state)
    outside.watch(Item, _strategy_of_item, item_state)
