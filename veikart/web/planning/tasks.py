"""Background work (django-tasks): writing a checked indicator file runs in the task worker, never in a request."""

from django_tasks import task

from veikart.web.planning import values


@task()
def apply_values(import_id: int) -> None:
    """Write the values of a confirmed indicator import (see values.run_apply)."""
    values.run_apply(import_id)
