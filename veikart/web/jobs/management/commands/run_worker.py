"""Run the background worker, restarted whenever it stops (production and the demo).

    manage.py run_worker            # supervisor: runs one worker process and restarts it with backoff
    manage.py run_worker --no-supervise   # one worker in this process (what the supervisor starts)
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from veikart.web.jobs.worker import Worker, supervise


class Command(BaseCommand):
    help = "Run the task worker (document imports, indicator imports, similar items), restarted when it stops."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at the queue")
        parser.add_argument("--no-supervise", dest="supervised", action="store_false",
                            help="run one worker in this process, without restarts")

    def handle(self, *args, interval: float, supervised: bool, **options):
        if not supervised:
            Worker(interval=interval).run()
            return
        manage = Path(settings.REPO_DIR) / "manage.py"
        command = [sys.executable, str(manage), "run_worker", "--no-supervise", "--interval", str(interval)]
        sys.exit(supervise(command))

