"""Background work (django-tasks): an indicator file is checked and written in the task worker, not in a request."""

from django_tasks import task

from veikart.web.planning import values


@task()
def check_values(import_id: int) -> None:
    """Read and check an uploaded indicator file (dry run; see values.run_check)."""
    values.run_check(import_id)


@task()
def apply_values(import_id: int) -> None:
    """Write the values of a confirmed indicator import (see values.run_apply)."""
    values.run_apply(import_id)
