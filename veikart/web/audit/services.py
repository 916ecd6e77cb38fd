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
from veikart.web.strategies.services import StrategyError, export_strategy_json, parse_strategy_json, replace_content


def restore_version(strategy: Strategy, version: int, user: AbstractBaseUser) -> Strategy:
    """Make the strategy's content what it was at ``version``; the restore is itself a new version."""
    with transaction.atomic():
        strategy = lock_strategy(strategy)
        snapshot = StrategySnapshot.objects.filter(strategy=strategy, version=version).first()
        if snapshot is None:
            raise StrategyError(_("Versjon %(version)s finnes ikke.") % {"version": version})
        before = {"version": strategy.version}
        # The content the restore replaces becomes a restore point too, so the restore can be undone.
        StrategySnapshot.objects.get_or_create(
            strategy=strategy, version=strategy.version, defaults={"data": export_strategy_json(strategy)}
        )
        replace_content(strategy, parse_strategy_json(snapshot.data))
        changed(strategy, user, Action.RESTORE, strategy, before, {"restored_version": version})
    # The restore rebuilt every item: people's SDG decisions go back on the items with their text,
    # and the rebuilt items get proposals again (sdgtags, after the commit, like after an import).
    rebuilt(strategy)
    return strategy
