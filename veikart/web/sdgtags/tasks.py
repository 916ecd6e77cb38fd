"""Background work (django-tasks): SDG proposals need the embedding model, so they never run in a request.

With the database backend the task row is written in the caller's
transaction and ``manage.py db_worker`` (the supervised worker) runs it after
the commit; tests use the immediate backend, which runs it at once.
"""

import logging
from typing import Any

from django_tasks import task

from veikart.web.sdgtags import services
from veikart.web.strategies.models import Strategy

log = logging.getLogger(__name__)


@task()
def propose_for_strategy(strategy_id: int) -> None:
    """(Re)compute one strategy's proposals; a failure is logged and leaves the strategy as it was."""
    services.propose_safely(strategy_id)


def queue_proposals(strategy: Strategy) -> None:
    """Have the task worker (re)compute the strategy's proposals; a failure to queue is logged, not raised."""
    try:
        propose_for_strategy.enqueue(strategy.pk)
    except Exception:  # a broken queue must not undo the import or restore that asked for proposals
        log.exception("SDG proposals failed for strategy %s: could not queue them", strategy.pk)


def propose_after_import(sender: Any, strategy: Strategy, **kwargs: Any) -> None:
    """``strategy_rebuilt`` (an import, a restore): proposals in the background; never undoes the change.

    The proposals can be made again from the profile page or with ``manage.py propose_sdg_tags``.
    """
    queue_proposals(strategy)
