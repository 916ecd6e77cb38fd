"""Background work (django-tasks): the database backend runs it in `manage.py db_worker`."""

from django_tasks import task

from veikart.web.strategies import services


@task()
def run_import(job_id: int) -> None:
    """Extract an uploaded document into a draft strategy (see services.run_import_job)."""
    services.run_import_job(job_id)
