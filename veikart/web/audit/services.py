"""Restoring an earlier version of a strategy from its snapshot.

Snapshots are kept at the import, each publication and each restore, and of the content a restore
replaced: those are the versions the history page offers to restore.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from veikart.web.actions import Action
from veikart.web.audit.models import StrategySnapshot
from veikart.web.strategies.changes import changed, lock_strategy, rebuilt
from veikart.web.strategies.models import Strategy
from veikart.web.strategies.services import (
    StrategyError,
    draft_to_replace,
    export_strategy_json,
    parse_strategy_json,
    replace_content,
)


def restore_version(strategy: Strategy, version: int, user: AbstractBaseUser) -> Strategy:
    """Bring back the content the strategy had at ``version``.

    A draft's content is replaced at once (a new version). A published or archived strategy keeps its
    public text: the restore makes a new draft with the old content (``Strategy.replaces``), returned
    here, to review and publish in its place; the restore is recorded in the strategy's history.
    """
    with transaction.atomic():
        strategy = lock_strategy(strategy)
        snapshot = StrategySnapshot.objects.filter(strategy=strategy, version=version).first()
        if snapshot is None:
            raise StrategyError(_("Versjon %(version)s finnes ikke.") % {"version": version})
        data = parse_strategy_json(snapshot.data)
        before = {"version": strategy.version}
        if strategy.status != Strategy.Status.DRAFT:
            draft = draft_to_replace(strategy, data, user, {"restored_version": version, "of": strategy.pk})
            changed(strategy, user, Action.RESTORE, strategy, before, {"restored_version": version, "draft": draft.pk})
            result = draft
        else:
            # The content the restore replaces becomes a restore point too, so the restore can be undone.
            StrategySnapshot.objects.get_or_create(
                strategy=strategy, version=strategy.version, defaults={"data": export_strategy_json(strategy)}
            )
            replace_content(strategy, data)
            changed(strategy, user, Action.RESTORE, strategy, before, {"restored_version": version})
            result = strategy
    # The restore rebuilt every item: people's SDG decisions go back on the items with their text,
    # and the rebuilt items get proposals again (sdgtags, after the commit, like after an import).
    rebuilt(result)
    return result
