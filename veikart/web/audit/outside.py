"""Changes made past the services (the Django admin, a shell) still get an entry in the audit log.

``watch(model, strategy_of, state)`` connects ``post_save`` and ``post_delete``
of a model whose rows belong to a strategy. A row saved or deleted inside a
service's transaction is explained by the ``strategy_changed`` the service
sends (``strategies.changes.changed``) and gets no entry of its own. One
saved or deleted without one (``item.save()`` in ``manage.py shell``, a form
in the admin) gets an ``edit_outside`` entry once its transaction commits: a
new version, no user, the row's state after (or before, when deleted).

Per transaction and strategy, one ``Pending`` callback waits in Django's
``on_commit`` list; it is found there again (so a rolled-back transaction
leaves nothing behind) and marked explained when the service's entry is
written. Services save their rows before they call ``changed()``.

Rows of a plan (``watch(..., plan=True)``, connected by the planning app, which
sits above this one) get an entry without a strategy version, shown in the
plan's change log; a service's ``planning.services.record`` explains them with
``explain_plans()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from veikart.web.actions import Action
from veikart.web.audit import log
from veikart.web.strategies.models import Strategy

StrategyOf = Callable[[Any], int | None]
State = Callable[[Any], dict[str, Any]]
When = Callable[[Any, frozenset[str] | None], bool]


class Pending:
    """What a transaction did to one strategy's rows; written at the commit unless a service explained it."""

    def __init__(self, strategy_id: int | None, plan: bool = False) -> None:
        self.strategy_id = strategy_id
        self.plan = plan
        self.explained = False
        self.rows: dict[tuple[str, int], tuple[Any, Any]] = {}  # (type, pk) -> (before, after)

    def __call__(self) -> None:
        if self.explained or not self.rows:
            return
        if self.plan:
            self._record_plan_rows()
            return
        with transaction.atomic():
            for (object_type, object_id), (before, after) in self.rows.items():
                # Bump first (one statement, no read-modify-write): the entry gets the strategy's new version.
                if not Strategy.objects.filter(pk=self.strategy_id).update(version=F("version") + 1):
                    return  # the strategy itself is gone
                version = Strategy.objects.filter(pk=self.strategy_id).values_list("version", flat=True).get()
                log.record(
                    self.strategy_id,
                    None,
                    Action.EDIT_OUTSIDE,
                    (object_type, object_id),
                    before,
                    after,
                    version=version,
                )

    def _record_plan_rows(self) -> None:
        if self.strategy_id is not None and not Strategy.objects.filter(pk=self.strategy_id).exists():
            return  # the strategy itself is gone (its plans went with it)
        with transaction.atomic():
            for (object_type, object_id), (before, after) in self.rows.items():
                log.record(
                    self.strategy_id, None, Action.EDIT_OUTSIDE, (object_type, object_id), before, after, plan=True
                )


def _waiting(strategy_id: int | None, plan: bool = False) -> list[Pending]:
    """The strategy's Pending callbacks in this transaction's on_commit list (none outside a transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return []
    return [
        entry[1]
        for entry in connection.run_on_commit
        if isinstance(entry[1], Pending) and entry[1].strategy_id == strategy_id and entry[1].plan == plan
    ]


def _all_waiting() -> list[Pending]:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return []
    return [entry[1] for entry in connection.run_on_commit if isinstance(entry[1], Pending)]


def pending_for(strategy_id: int | None, plan: bool = False) -> Pending:
    """This transaction's unexplained Pending of the strategy (or of its plans), registered with on_commit on
    first use."""
    for pending in _waiting(strategy_id, plan):
        if not pending.explained:
            return pending
    pending = Pending(strategy_id, plan)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(pending)
    return pending


def explain(strategy_id: int) -> None:
    """A service recorded its change of the strategy: the rows saved so far are that change, not an outside
    edit. A row saved later in the same transaction starts a new Pending."""
    for pending in _all_waiting():
        if pending.strategy_id == strategy_id:
            pending.explained = True  # with the plan rows its change cascaded to (an item's assessments)


def explain_plans() -> None:
    """A planning service recorded its change: every plan row saved so far in this transaction is that change
    (an import's indicators, a plan carried over with its measures), whichever strategy they belong to."""
    for pending in _all_waiting():
        if pending.plan:
            pending.explained = True


def _note(strategy_id: int | None, instance: Any, before: Any, after: Any, plan: bool = False) -> None:
    if strategy_id is None and not plan:
        return
    pending = pending_for(strategy_id, plan)
    key = (type(instance).__name__.lower(), instance.pk)
    first_before = pending.rows.get(key, (before, None))[0]
    pending.rows[key] = (first_before, after)
    if not transaction.get_connection().in_atomic_block:
        pending()  # autocommit (a shell without a transaction): the row is already committed


def watch(
    model: type[models.Model], strategy_of: StrategyOf, state: State, when: When | None = None, *, plan: bool = False
) -> None:
    """Give every save and delete of ``model`` outside the services an ``edit_outside`` entry.

    ``when(row, update_fields)`` leaves out writes that are no person's edit (a machine's proposals).
    ``plan``: the model's rows belong to a plan (the planning app): the entry has no strategy version and goes
    to the plan's change log, and ``strategy_of`` may answer None (an indicator without targets).
    """

    def saved(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
        if raw:  # loaddata / a backup being restored: not an edit
            return
        if when is None or when(instance, frozenset(update_fields) if update_fields else None):
            _note(strategy_of(instance), instance, None, state(instance), plan)

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        if when is None or when(instance, None):
            _note(strategy_of(instance), instance, state(instance), None, plan)

    uid = f"veikart.audit.outside.{model._meta.label_lower}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid + ".save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid + ".delete")
