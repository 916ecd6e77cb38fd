"""Background work (django-tasks): similar items are recomputed outside the edit's transaction.

With the database backend the task row is written in the same transaction as
the change, so the worker (``manage.py db_worker``) only sees it once the
change is committed; tests use the immediate backend, which runs it at once.
"""

from django_tasks import task

from veikart.web.search import similar


@task()
def recompute_similar(strategy_id: int, goal_ids: list[int] | None = None) -> None:
    """Recompute the similar plans of one strategy and of its goals (``goal_ids``: only these)."""
    similar.recompute_for_strategy(strategy_id, set(goal_ids) if goal_ids is not None else None)
