"""What follows a change to a strategy: one explicit step, ``changed()``, and the signals it sends.

Every service that changes a strategy (an import, a review edit, an SDG
decision, publish, archive, restore) calls ``changed()`` inside its
transaction with the strategy row locked. It bumps the strategy's version
(not for the change that made it, which is version 1) and sends ``strategy_changed``.
The apps above strategies react to it without strategies importing them:

- ``audit`` writes the entry of the audit log (and a snapshot at import, publish and restore points);
- ``search`` brings the strategy's index rows and similar items up to date.

``strategy_rebuilt`` is sent after the commit of a change that made every item anew (an import, a
restore); ``sdgtags`` queues its proposals then. Receivers are connected in each app's
``AppConfig.ready``; ``python scripts/check_layers.py`` keeps the imports pointing downward.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.dispatch import Signal

from veikart.web.strategies.models import Item, Section, Strategy

# kwargs: strategy, user (or None), action (an Action value), obj, before, after. Sent in the change's transaction.
strategy_changed = Signal()
# kwargs: strategy. Sent by the service once the change's transaction has committed.
strategy_rebuilt = Signal()


def changed(
    strategy: Strategy,
    user: AbstractBaseUser | None,
    action: str,
    obj: Section | Item | Strategy | None = None,
    before: Any = None,
    after: Any = None,
    *,
    new: bool = False,
) -> None:
    """Bump the version, name who changed it, and let the audit log and the search index follow.

    Call inside the transaction that made the change, with the strategy row locked; ``new``: the strategy
    was made by this change (an import, a restore's draft), which is its version 1.
    """
    if not new:
        strategy.version += 1
    strategy.updated_by = user if user is not None and user.is_authenticated else None
    strategy.save(update_fields=["version", "updated_by", "updated_at"])
    strategy_changed.send(
        sender=Strategy,
        strategy=strategy,
        user=strategy.updated_by,
        action=action,
        obj=obj,
        before=before,
        after=after,
    )


def rebuilt(strategy: Strategy) -> None:
    """Tell the apps above (sdgtags' proposals) that every item is new; call after the change's commit."""
    strategy_rebuilt.send(sender=Strategy, strategy=strategy)


def lock_strategy(strategy: Strategy | int) -> Strategy:
    """Re-read the strategy with its row locked (call inside transaction.atomic)."""
    pk = strategy.pk if isinstance(strategy, Strategy) else strategy
    # of=self: lock the strategy row only, not its organisation (other strategies stay editable)
    return Strategy.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=pk)
