"""Background work (django-tasks): the vector cache is filled by the task worker, never in a request."""

from django_tasks import task

from veikart.web.jobs import runtime
from veikart.web.semantic import embedding
from veikart.web.semantic.models import EmbeddingJob


@task()
def embed_texts(job_id: int) -> None:
    """Embed the texts without a cached vector (see embedding.run_job)."""
    runtime.execute(EmbeddingJob, job_id, embedding.run_job)
