"""Background work (django-tasks): SDG proposals need the embedding model, so they never run in a request.

With the database backend the task row is written in the caller's
transaction and ``manage.py db_worker`` (the supervised worker) runs it after
the commit; tests use the immediate backend, which runs it at once.
"""

from django_tasks import task

from veikart.web.sdgtags import services


@task()
def propose_for_strategy(strategy_id: int) -> None:
    """(Re)compute one strategy's proposals; a failure is logged and leaves the strategy as it was."""
    services.propose_safely(strategy_id)
