"""What follows a change to a strategy: one explicit step, ``changed()``, and the signals it sends.

Every service that changes a strategy (an import, a review edit, an SDG
decision, publish, archive, restore) calls ``changed()`` inside its
transaction with the strategy row locked. It bumps the strategy's version
(not for the change that made it, which is version 1) and sends ``strategy_changed``.
The apps above strategies react to it without strategies importing them:

- ``audit`` writes the entry of the audit log (and a snapshot at import, publish and restore points);
- ``search`` brings the strategy's index rows and similar items up to date.

One logical operation made of several changes (a plan import's measures, an import then its publishing in a
command) runs inside ``batched()``: what an app above does after each change and may do once for all of them
(search's reindex of the strategy) it hands to ``defer()``, and it runs once, when the block ends.

``strategy_rebuilt`` is sent after the commit of a change that made every item anew (an import, a
restore); ``sdgtags`` queues its proposals then. Receivers are connected in each app's
``AppConfig.ready``; ``python scripts/check_layers.py`` keeps the imports pointing downward.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.dispatch import Signal

from veikart.web.strategies.models import Item, Section, Strategy

log = logging.getLogger(__name__)

# kwargs: strategy, user (or None), action (an Action value), obj, before, after, content (False: only the
# strategy's status changed, not what it says). Sent in the change's transaction.
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
    content: bool = True,
) -> None:
    """Bump the version, name who changed it, and let the audit log and the search index follow.

    Call inside the transaction that made the change, with the strategy row locked; ``new``: the strategy
    was made by this change (an import, a restore's draft), which is its version 1. ``content``: False when
    the change is the strategy's status alone (publish, archive) and its title, period, sections and items are
    as they were, so the apps above need not read them again.
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
        content=content,
    )


def rebuilt(strategy: Strategy) -> None:
    """Tell the apps above (sdgtags' proposals) that every item is new; call after the change's commit."""
    strategy_rebuilt.send(sender=Strategy, strategy=strategy)


def lock_strategy(strategy: Strategy | int) -> Strategy:
    """Re-read the strategy with its row locked (call inside transaction.atomic)."""
    pk = strategy.pk if isinstance(strategy, Strategy) else strategy
    # of=self: lock the strategy row only, not its organisation (other strategies stay editable)
    return Strategy.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=pk)


_batch = threading.local()


@contextmanager
def batched() -> Iterator[None]:
    """One logical operation: the work ``defer()`` is handed while the block is open runs once, at its end.

    Open it inside the operation's transaction, so that what follows runs in it too (the search index is
    then never seen behind the rows), or, in a command, outside any transaction: each deferred piece then
    opens its own. A block inside a block leaves the work to the outer one. When the block is left by an
    exception, the deferred work is dropped inside a transaction (it is being rolled back) and still done
    outside one (the changes made before the exception have committed and must not be left unindexed).
    """
    if getattr(_batch, "pending", None) is not None:
        yield
        return
    pending: dict[Hashable, Callable[[], None]] = {}
    _batch.pending = pending
    try:
        yield
    except BaseException:
        _batch.pending = None
        if not transaction.get_connection().in_atomic_block:
            _run(pending, robust=True)
        raise
    _batch.pending = None
    _run(pending)


def _run(pending: dict[Hashable, Callable[[], None]], *, robust: bool = False) -> None:
    for work in pending.values():  # in the order the changes came
        if not robust:
            work()
            continue
        try:
            work()
        except Exception:  # the exception that ended the block is the one to report
            log.exception("deferred work after a failed operation")


def defer(key: Hashable, work: Callable[[], None]) -> bool:
    """Inside ``batched()``: keep ``work`` to run when the block ends, once per ``key``; True when kept.

    Outside a block returns False: the caller does the work now.
    """
    pending = getattr(_batch, "pending", None)
    if pending is None:
        return False
    pending.setdefault(key, work)
    return True
