"""The audit log's one writer: ``record()``, called for every change ``strategies.changes`` announces.

The audit app sits above strategies: it receives ``strategy_changed`` (connected in
``AppConfig.ready``) and writes the ChangeRecord of the strategy's new version.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.strategies.models import Item, Section, Strategy
from veikart.web.strategies.services import export_strategy_json


def record(
    strategy: Strategy,
    user: AbstractBaseUser | None,
    action: str,
    obj: Section | Item | Strategy | None = None,
    before: Any = None,
    after: Any = None,
) -> ChangeRecord:
    """Keep who/what/before/after at the strategy's (already bumped) version, with a snapshot of the whole."""
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
    StrategySnapshot.objects.create(strategy=strategy, version=strategy.version, data=export_strategy_json(strategy))
    return entry


def on_strategy_changed(
    sender: Any, strategy: Strategy, user: Any, action: str, obj: Any, before: Any, after: Any, **kwargs: Any
) -> None:
    """``strategies.changes.strategy_changed``: one entry per change, in the change's transaction."""
    record(strategy, user, action, obj, before, after)
