"""Running a job: claim it, beat while it runs, write its end in one short step, and sweep up after dead workers.

The rules every job follows (``execute``):

* a job is claimed from QUEUED to RUNNING in one UPDATE, so a cancelled job
  never starts and two workers never run the same one;
* while it runs, a thread writes its ``heartbeat_at`` every
  VEIKART_JOB_HEARTBEAT_SECONDS;
* its result is written in one transaction at the end, which first checks
  (``lock_running``) that nobody cancelled it meanwhile;
* "database is locked" is waited out with backoff (``retry_when_locked``).

``sweep`` finds RUNNING jobs whose heartbeat is older than
VEIKART_JOB_STALE_SECONDS (their worker died: killed, out of memory, host
restarted) and queues them once more, or fails them after
VEIKART_JOB_ATTEMPTS starts. Workers run it when they start and every
VEIKART_JOB_SWEEP_SECONDS; ``manage.py sweep_jobs`` runs it by hand.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import OperationalError, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from veikart.i18n import Message
from veikart.web.jobs.models import TrackedJob, WorkerBeat

log = logging.getLogger(__name__)

J = TypeVar("J", bound=TrackedJob)
T = TypeVar("T")


class JobCancelled(Exception):
    """The job was cancelled (or taken over) while it ran: nothing of it is written."""


# --- one job ----------------------------------------------------------------------------------------


def claim(model: type[J], job_id: int) -> J | None:
    """QUEUED -> RUNNING in one UPDATE; None when the job is cancelled, finished or already taken."""
    claimed = model.objects.filter(pk=job_id, status=model.Status.QUEUED).update(
        status=model.Status.RUNNING, heartbeat_at=timezone.now(), attempts=F("attempts") + 1,
        error="", error_params={}, finished_at=None,
    )
    return model.objects.get(pk=job_id) if claimed else None


def update_running(job: TrackedJob, **fields: object) -> bool:
    """Write progress while the job runs; False (nothing written) when it is no longer running."""
    for name, value in fields.items():
        setattr(job, name, value)
    return bool(type(job).objects.filter(pk=job.pk, status=job.Status.RUNNING).update(**fields))


def lock_running(job: TrackedJob) -> None:
    """Inside the job's final transaction: lock its row and raise JobCancelled unless it is still running."""
    model = type(job)
    if not model.objects.select_for_update().filter(pk=job.pk, status=model.Status.RUNNING).exists():
        raise JobCancelled(job.pk)


def finish(job: TrackedJob, status: str, **fields: object) -> bool:
    """RUNNING -> ``status`` (done or failed) with ``fields``; False when the job was cancelled meanwhile."""
    return update_running(job, status=status, finished_at=timezone.now(), heartbeat_at=None, **fields)


def fail(job: TrackedJob, message: Message) -> bool:
    """RUNNING -> FAILED with why, stored as a message id and parameters (translated when shown)."""
    stored = message.to_dict()
    return finish(job, job.Status.FAILED, error=stored["msgid"], error_params=stored["params"])


def discard_file(job: TrackedJob) -> None:
    """Delete a refused job's uploaded file from storage; the row keeps its name and the reason."""
    if job.file:
        job.file.delete(save=False)
    type(job).objects.filter(pk=job.pk).update(file="")


@contextmanager
def heartbeat(job: TrackedJob) -> Iterator[None]:
    """Write the job's heartbeat_at from a thread every VEIKART_JOB_HEARTBEAT_SECONDS while the block runs."""
    stop = threading.Event()
    model, pk, running = type(job), job.pk, job.Status.RUNNING
    interval = settings.VEIKART_JOB_HEARTBEAT_SECONDS

    def beat() -> None:
        try:
            while not stop.wait(interval):
                try:
                    model.objects.filter(pk=pk, status=running).update(heartbeat_at=timezone.now())
                except OperationalError as exc:  # the job's own write holds the lock: beat next time
                    log.info("heartbeat of %s %s skipped: %s", model.__name__, pk, exc)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=beat, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def execute(model: type[J], job_id: int, work: Callable[[J], None]) -> None:
    """Claim the job and run ``work(job)`` with its heartbeat beating; a cancelled job is left as it is.

    ``work`` writes the job's end itself (``finish`` / ``fail``, in its final
    transaction); anything it lets through fails the job with a general message.
    """
    job = claim(model, job_id)
    if job is None:
        log.info("%s %s is not queued any more; not run", model.__name__, job_id)
        return
    with heartbeat(job):
        try:
            work(job)
        except JobCancelled:
            log.info("%s %s was cancelled while it ran; nothing written", model.__name__, job_id)
        except Exception:
            log.exception("%s %s failed", model.__name__, job_id)
            fail(job, Message(UNEXPECTED))


UNEXPECTED = gettext_noop("Uventet feil under importen. Prøv igjen, eller kontakt en administrator.")


def is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, OperationalError) and ("database is locked" in text or "database table is locked" in text)


def retry_when_locked(write: Callable[[], T], *, tries: int = 5, first_wait: float = 1.0) -> T:
    """Run ``write`` (one transaction); when SQLite says "database is locked", wait 1, 2, 4 … s and try again."""
    wait = first_wait
    for attempt in range(1, tries + 1):
        try:
            return write()
        except OperationalError as exc:
            if not is_locked(exc) or attempt == tries:
                raise
            log.warning("database is locked (attempt %s of %s); trying again in %.1f s", attempt, tries, wait)
            time.sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")


# --- the user's buttons -----------------------------------------------------------------------------


def cancel(job: TrackedJob) -> bool:
    """QUEUED or RUNNING -> CANCELLED. A running job notices at its final write and writes nothing."""
    model = type(job)
    done = model.objects.filter(pk=job.pk, status__in=[model.Status.QUEUED, model.Status.RUNNING]).update(
        status=model.Status.CANCELLED, finished_at=timezone.now(), heartbeat_at=None
    )
    job.refresh_from_db()
    return bool(done)


def retry(job: TrackedJob) -> bool:
    """FAILED or CANCELLED -> QUEUED, and the task queued again (in one transaction)."""
    model = type(job)
    with transaction.atomic():
        retryable = model.objects.filter(pk=job.pk, status__in=[model.Status.FAILED, model.Status.CANCELLED])
        if "file" in {f.name for f in model._meta.get_fields()}:
            retryable = retryable.exclude(file="")  # a refused file is deleted: nothing to try again
        done = retryable.update(
            status=model.Status.QUEUED, error="", error_params={}, finished_at=None, heartbeat_at=None, attempts=0,
            **_restart_fields(model),
        )
        if done:
            job.enqueue()
    job.refresh_from_db()
    return bool(done)


def record_action(user, job: TrackedJob, action: str) -> None:
    """Who cancelled or retried which job, in Django's admin log (the job's history in the admin)."""
    LogEntry.objects.log_actions(user.pk, [job], CHANGE, change_message=f"{action}: {job.status}", single_object=True)


def _restart_fields(model: type[TrackedJob]) -> dict[str, object]:
    names = {f.name for f in model._meta.get_fields()}
    return {name: value for name, value in (("progress", 0), ("step", "")) if name in names}


# --- workers and the sweeper ------------------------------------------------------------------------


def worker_alive() -> bool:
    """Has any worker shown a sign of life within VEIKART_JOB_STALE_SECONDS?"""
    since = timezone.now() - timedelta(seconds=settings.VEIKART_JOB_STALE_SECONDS)
    return WorkerBeat.objects.filter(seen_at__gte=since).exists()


def uses_worker() -> bool:
    """True when tasks wait for a worker (the database backend), not run at once (tests' immediate backend)."""
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db.")


def job_models() -> list[type[TrackedJob]]:
    return [m for m in apps.get_models() if issubclass(m, TrackedJob)]


STOPPED = gettext_noop(
    "Arbeideren som kjørte jobben, stoppet midt i den (%(attempts)s forsøk). Ingenting ble skrevet. "
    "Prøv igjen, eller kontakt en administrator hvis det skjer igjen."
)


def sweep(now=None) -> dict[str, int]:
    """Queue again (or fail, after VEIKART_JOB_ATTEMPTS starts) every running job whose heartbeat stopped.

    Also fails django-tasks' own rows left RUNNING by a worker that is gone, and forgets dead workers.
    Returns {"requeued": n, "failed": n, "tasks": n}.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.VEIKART_JOB_STALE_SECONDS)
    counts = {"requeued": 0, "failed": 0, "tasks": 0}
    for model in job_models():
        stale = model.objects.filter(status=model.Status.RUNNING, heartbeat_at__lt=cutoff)
        for job in stale:
            with transaction.atomic():
                same = model.objects.filter(pk=job.pk, status=model.Status.RUNNING, heartbeat_at=job.heartbeat_at)
                if job.attempts < settings.VEIKART_JOB_ATTEMPTS:
                    if same.update(status=model.Status.QUEUED, heartbeat_at=None, **_restart_fields(model)):
                        job.enqueue()
                        counts["requeued"] += 1
                        log.warning("%s %s: its worker stopped; queued again", model.__name__, job.pk)
                else:
                    if same.update(status=model.Status.FAILED, error=STOPPED, error_params={"attempts": job.attempts},
                                   finished_at=now,
                                   heartbeat_at=None):
                        counts["failed"] += 1
                        log.warning("%s %s: its worker stopped %s times; failed", model.__name__, job.pk,
                                    job.attempts)
    counts["tasks"] = _sweep_task_rows(cutoff, now)
    WorkerBeat.objects.filter(seen_at__lt=cutoff).delete()  # workers that died without saying goodbye
    return counts


def _sweep_task_rows(cutoff, now) -> int:
    """django-tasks' RUNNING rows claimed by a worker with no recent beat: FAILED (their job rows are swept above)."""
    alive = set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    orphans = [
        row.pk for row in DBTaskResult.objects.running().filter(started_at__lt=cutoff).only("pk", "worker_ids")
        if not (row.worker_ids and row.worker_ids[-1] in alive)
    ]
    if orphans:
        DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=now
        )
    return len(orphans)
