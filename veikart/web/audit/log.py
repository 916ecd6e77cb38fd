"""The audit log's one writer: ``record()``, called for every change ``strategies.changes`` announces.

Called for every change ``strategies.changes`` announces (``receivers.on_strategy_changed``), for every
plan change (``planning.services.record``) and for edits made past the services (``outside``). A whole
snapshot (Strategy JSON, tens of kB for a real plan) is kept only at the points a strategy
can be restored to: its import, each publication and each restore (``SNAPSHOT_ACTIONS``);
an edit's entry holds the changed object before and after, a few hundred bytes.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from veikart.web.actions import PLAN_ACTIONS, SNAPSHOT_ACTIONS
from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.strategies.models import Strategy
from veikart.web.strategies.services import export_strategy_json


def record(
    strategy: Strategy | int | None,
    user: AbstractBaseUser | None,
    action: str,
    obj: Any = None,
    before: Any = None,
    after: Any = None,
    *,
    version: int | None = None,
    plan: bool = False,
) -> ChangeRecord:
    """The one writer of the audit log: who/what/before/after.

    ``obj``: the changed row, or its (type, id) when it is gone. A strategy's change is kept at the
    strategy's (already bumped) version, or ``version`` when only the strategy's id is at hand, with a
    snapshot at restore points (``SNAPSHOT_ACTIONS``); a plan's change (``PLAN_ACTIONS``, the planning
    app's ``services.record``) has no version, nor has any entry with ``plan`` (a plan's row edited past the
    services, ``outside``).
    """
    plan = plan or action in PLAN_ACTIONS
    strategy_id = strategy.pk if isinstance(strategy, Strategy) else strategy
    if not plan and version is None:
        version = strategy.version
    if isinstance(obj, tuple):
        object_type, object_id = obj
    else:
        object_type, object_id = (type(obj).__name__.lower(), obj.pk) if obj is not None else ("", None)
    entry = ChangeRecord.objects.create(
        strategy_id=strategy_id,
        version=None if plan else version,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
    )
    if action in SNAPSHOT_ACTIONS:
        StrategySnapshot.objects.create(strategy_id=strategy_id, version=version, data=export_strategy_json(strategy))
    return entry
