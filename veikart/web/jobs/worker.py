"""The task worker that outlives database errors, and the supervisor that restarts it.

``Worker`` is django-tasks-db's ``db_worker`` loop with three additions: a
"database is locked" (or any other database error) outside a task is waited
out with backoff instead of ending the process; a thread writes the worker's
``WorkerBeat`` row (so the upload page can tell whether anyone is working);
and the same thread runs ``runtime.sweep`` at start and every
VEIKART_JOB_SWEEP_SECONDS.

``supervise`` runs the worker as a child process and starts a new one when it
exits or is killed, waiting 1, 2, 4 … 60 s between restarts (reset after a
child that ran for a minute).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Sequence

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker

from veikart.web.jobs import runtime
from veikart.web.jobs.models import WorkerBeat

log = logging.getLogger(__name__)

MAX_WAIT = 60.0


class Worker(DatabaseWorker):
    def __init__(self, *, interval: float = 1.0, worker_id: str | None = None) -> None:
        super().__init__(
            queue_names=["*"], interval=interval, batch=False, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id=worker_id or get_random_string(32), excluded_queue_names=[],
        )
        self.started_at = timezone.now()
        self._stop_beating = threading.Event()

    def run(self) -> None:
        self.configure_signals()
        self.beat()
        self.sweep()
        beater = threading.Thread(target=self._beat_loop, name="worker-beat", daemon=True)
        beater.start()
        try:
            self._run_through_database_errors()
        finally:
            self._stop_beating.set()
            with contextlib.suppress(DatabaseError):  # else it ages out on its own
                WorkerBeat.objects.filter(worker_id=self.worker_id).delete()

    def _run_through_database_errors(self) -> None:
        wait, last_error = 1.0, 0.0
        while self.running:
            try:
                super().run()
                return
            except DatabaseError as exc:
                if time.monotonic() - last_error > 5 * MAX_WAIT:
                    wait = 1.0  # the last error is long past: start the backoff again
                last_error = time.monotonic()
                log.warning("worker %s: database error (%s); going on in %.0f s", self.worker_id, exc, wait)
                connections.close_all()
                time.sleep(wait)
                wait = min(wait * 2, MAX_WAIT)

    def beat(self) -> None:
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"pid": os.getpid(), "host": socket.gethostname()[:255], "started_at": self.started_at,
                      "seen_at": timezone.now()},
        )

    def sweep(self) -> None:
        counts = runtime.sweep()
        if any(counts.values()):
            log.warning("worker %s swept up after dead workers: %s", self.worker_id, counts)

    def _beat_loop(self) -> None:
        every = settings.VEIKART_JOB_HEARTBEAT_SECONDS
        sweep_every = settings.VEIKART_JOB_SWEEP_SECONDS
        last_sweep = time.monotonic()
        while not self._stop_beating.wait(every):
            try:
                close_old_connections()
                self.beat()
                if time.monotonic() - last_sweep >= sweep_every:
                    last_sweep = time.monotonic()
                    self.sweep()
            except DatabaseError as exc:
                log.info("worker %s: beat skipped (%s)", self.worker_id, exc)
        connections.close_all()


def supervise(command: Sequence[str]) -> int:
    """Run ``command`` (one worker) and start it again whenever it ends, until SIGTERM or Ctrl-C.

    Returns the last child's exit code once stopped.
    """
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    wait, code = 1.0, 0
    try:
        while not stopping:
            started = time.monotonic()
            child = subprocess.Popen(list(command))
            log.info("worker started (pid %s)", child.pid)
            code = _wait(child)
            if stopping:
                break
            if time.monotonic() - started > MAX_WAIT:
                wait = 1.0
            log.warning("worker (pid %s) ended with exit code %s; starting a new one in %.0f s", child.pid, code, wait)
            deadline = time.monotonic() + wait
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.1)
            wait = min(wait * 2, MAX_WAIT)
    finally:
        stop_children([child] if child is not None else [], timeout=10)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code


def stop_children(children: Sequence[subprocess.Popen], timeout: float) -> None:
    """Ask every running child to stop (SIGTERM, all at once), then wait up to ``timeout`` s for each, killing one
    that does not end."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()


def _wait(child: subprocess.Popen) -> int:
    while True:
        try:
            return child.wait()
        except InterruptedError:  # pragma: no cover - a signal during wait
            continue
