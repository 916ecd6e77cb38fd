"""Serve the app and run the background worker beside it (one command for the demo).

Starts `manage.py run_worker` (the worker's supervisor, which restarts a
worker that dies) as a child process, then Django's server (without the
autoreloader, so there is one server process to stop); the worker is stopped
when the server stops.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from veikart.web.jobs.worker import stop_children


class Command(BaseCommand):
    help = "Run the web server and the import worker together (the demo)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        manage = Path(settings.REPO_DIR) / "manage.py"
        worker = subprocess.Popen([sys.executable, str(manage), "run_worker", "--interval", "0.5"])
        self.stdout.write(f"import worker started (pid {worker.pid})")
        # SIGTERM (a service manager, `kill`) must also stop the worker: turn it into Ctrl-C.
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            stop_children([worker], timeout=10)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
