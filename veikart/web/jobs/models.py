"""What the background work needs in the database: live workers and the state every job row shares.

A worker process writes its ``WorkerBeat`` row every few seconds; a job that
is running has its ``heartbeat_at`` written by the process that runs it. A
job whose heartbeat stopped belongs to a dead worker (see ``runtime.sweep``).
"""

from __future__ import annotations

from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from veikart.i18n import Message
from veikart.web.messages import message_text


class WorkerBeat(models.Model):
    """One running worker process (``manage.py run_worker``): seen_at is its last sign of life."""

    worker_id = models.CharField(max_length=64, unique=True)
    pid = models.PositiveIntegerField()
    host = models.CharField(max_length=255)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.host}:{self.pid} ({self.worker_id})"


class JobStatus(models.TextChoices):
    """Where a job is: waiting for a worker, running, or over (done, failed or cancelled)."""

    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Pågår")
    DONE = "done", _("Ferdig")
    FAILED = "failed", _("Mislyktes")
    CANCELLED = "cancelled", _("Avbrutt")


class TrackedJob(models.Model):
    """The part of a job row the worker, the sweeper and the retry/cancel buttons share.

    A concrete job model names its task in ``TASK`` (a django-tasks task taking the job's id). Its
    ``status`` is a ``JobStatus``; a job with more states defines its own ``Status`` (members QUEUED,
    RUNNING, FAILED and CANCELLED among them) and ``status`` field.
    """

    TASK = ""
    Status = JobStatus

    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # times a worker has started it
    # Why it failed, as a message id (bokmål) and its parameters, translated when shown (the worker has no
    # visitor language): veikart.i18n.Message, see error_text.
    error = models.TextField(blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def enqueue(self) -> None:
        """Queue the job's task (the database backend writes the task row in the caller's transaction)."""
        import_string(self.TASK).enqueue(self.pk)

    @property
    def is_finished(self) -> bool:
        """Nothing more happens without a person: neither waiting for a worker nor running."""
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def can_cancel(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def can_retry(self) -> bool:
        """Failed or cancelled, and its uploaded file (if it has one) still there: a refused file is deleted."""
        return self.status in (self.Status.FAILED, self.Status.CANCELLED) and bool(getattr(self, "file", True))

    @property
    def error_message(self) -> Message:
        return Message.from_dict({"msgid": self.error, "params": self.error_params})

    @property
    def error_text(self) -> str:
        """The failure in the page's language (rows written before messages were stored keep their bokmål text)."""
        return message_text(self.error_message) if self.error else ""
