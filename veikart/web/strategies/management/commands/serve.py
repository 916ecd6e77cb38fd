"""The production server: gunicorn with several workers, and the supervised task worker beside it.

    manage.py serve [ADDRPORT] [--workers N] [--threads N] [--no-worker]     # or bin/serve

Starts ``manage.py run_worker`` (the task worker's supervisor, which restarts
a worker that dies) and gunicorn (``veikart.web.wsgi``, gthread workers,
access and error log on stderr) as child processes. SIGTERM or Ctrl-C stops
both; if gunicorn stops, the worker is stopped and the command exits with
gunicorn's status; if the worker's supervisor itself stops, it is started
again. Run ``manage.py migrate`` before (``bin/serve`` does). ``--no-worker``
(or VEIKART_SERVE_WORKER=0) runs gunicorn alone, for a deployment whose task
workers run as their own services (compose.yaml: ``manage.py run_worker``, scaled).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from veikart.web.env import env_int, env_str
from veikart.web.jobs.worker import stop_children


def gunicorn_command(addrport: str, workers: int, threads: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "veikart.web.wsgi:application",
        "--bind", addrport, "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
        "--access-logfile", "-", "--error-logfile", "-", "--graceful-timeout", "20",
    ]


class Command(BaseCommand):
    help = "Run the production server: gunicorn (several workers) and the supervised task worker."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default=env_str("VEIKART_BIND", "127.0.0.1:8000"))
        cores = os.cpu_count() or 1
        parser.add_argument("--workers", type=int, default=env_int("VEIKART_WEB_WORKERS", 2 * cores + 1),
                            help="gunicorn worker processes (VEIKART_WEB_WORKERS; default 2 x cores + 1)")
        parser.add_argument("--threads", type=int, default=env_int("VEIKART_WEB_THREADS", 4),
                            help="threads per gunicorn worker (VEIKART_WEB_THREADS; default 4)")
        parser.add_argument("--no-worker", dest="with_worker", action="store_false",
                            default=env_str("VEIKART_SERVE_WORKER", "1") != "0",
                            help="gunicorn only: task workers run elsewhere (VEIKART_SERVE_WORKER=0)")

    def handle(self, *args, addrport: str, workers: int, threads: int, with_worker: bool = True, **options):
        manage = Path(settings.REPO_DIR) / "manage.py"
        worker_command = [sys.executable, str(manage), "run_worker"]
        stopping = False

        def stop(signum, frame) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        worker = subprocess.Popen(worker_command) if with_worker else None
        server = subprocess.Popen(gunicorn_command(addrport, workers, threads))
        self.stderr.write(f"veikart serve: gunicorn on {addrport} ({workers} workers x {threads} threads, "
                          f"pid {server.pid}); " + (f"task worker supervisor pid {worker.pid}" if worker
                                                    else "no task worker here (--no-worker)"))
        status = 0
        try:
            while not stopping:
                if server.poll() is not None:
                    status = server.returncode
                    self.stderr.write(f"veikart serve: gunicorn stopped ({status}); stopping the task worker")
                    break
                if worker is not None and worker.poll() is not None:
                    self.stderr.write(f"veikart serve: the task worker's supervisor stopped ({worker.returncode}); "
                                      "starting it again")
                    time.sleep(1)
                    worker = subprocess.Popen(worker_command)
                time.sleep(0.5)
        finally:
            # SIGTERM: gunicorn shuts down gracefully; run_worker stops its worker.
            stop_children([child for child in (server, worker) if child is not None], timeout=30)
        sys.exit(status)
