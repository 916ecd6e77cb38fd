"""Fill the vector cache in the background: batches, progress, resumable, and fair to other jobs.

``queue_embedding`` is called after a change commits (search's ``reindex``);
it queues one ``EmbeddingJob`` unless one is already waiting. The job embeds
the missing texts ``BATCH`` at a time, each batch stored in its own short
transaction, so a killed run loses at most one batch: the sweeper queues it
again and it starts from what is still missing. After ``SLICE_SECONDS`` it
queues itself again instead of going on, so that a document import queued
meanwhile does not wait for a large corpus to be embedded (one worker runs
every task in turn).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import transaction

from veikart.web.jobs import runtime
from veikart.web.semantic import store
from veikart.web.semantic.models import EmbeddingJob

log = logging.getLogger(__name__)

BATCH = 32  # texts per model call and per transaction (~1 s of CPU here)
SLICE_SECONDS = 60.0

Progress = Callable[[int, int], None]  # (done, total)


def embed_missing(*, on_batch: Progress | None = None, deadline: float | None = None,
                  batch: int = BATCH) -> tuple[int, int]:
    """Embed every text a source wants and the cache lacks; returns (embedded, still missing).

    ``deadline`` (a ``time.monotonic()`` value) ends the run after the batch
    that passes it; ``on_batch`` hears of progress after each stored batch.
    """
    todo = store.missing_texts()
    done = 0
    for start in range(0, len(todo), batch):
        if deadline is not None and time.monotonic() >= deadline:
            break
        chunk = todo[start : start + batch]
        runtime.retry_when_locked(lambda chunk=chunk: store.embed_and_store(chunk))
        done += len(chunk)
        if on_batch is not None:
            on_batch(done, len(todo))
    return done, len(todo) - done


def queue_embedding() -> EmbeddingJob | None:
    """Queue an embedding run unless one is already waiting (it will see this change too)."""
    with transaction.atomic():
        if EmbeddingJob.objects.filter(status=EmbeddingJob.Status.QUEUED).exists():
            return None
        job = EmbeddingJob.objects.create()
        job.enqueue()
    return job


def run_job(job: EmbeddingJob) -> None:
    """The task's work (inside ``runtime.execute``): one slice, then done or queued again."""

    def progress(done: int, total: int) -> None:
        if not runtime.update_running(job, texts_done=done, texts_total=total):
            raise runtime.JobCancelled(job.pk)

    progress(0, 0)
    _embedded, left = embed_missing(on_batch=progress, deadline=time.monotonic() + SLICE_SECONDS)
    if left:
        with transaction.atomic():
            runtime.lock_running(job)
            EmbeddingJob.objects.filter(pk=job.pk).update(status=EmbeddingJob.Status.QUEUED, heartbeat_at=None)
            job.enqueue()
        log.info("embedding job %s: %s texts left, queued again", job.pk, left)
        return
    with transaction.atomic():
        runtime.lock_running(job)
        runtime.finish(job, EmbeddingJob.Status.DONE)
