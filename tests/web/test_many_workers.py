"""Several task workers on PostgreSQL never run one job twice.

django-tasks-db claims a task with SELECT … FOR UPDATE SKIP LOCKED and marks
it running in the same transaction; this runs four real worker processes
(``manage.py run_worker --no-supervise``, as in production) against a shared
PostgreSQL database with 120 queued tasks and counts the runs of each.

    bin/with-postgres .venv/bin/pytest -q tests/web/test_many_workers.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from tests.web.counted_task import count_run

ROOT = Path(__file__).resolve().parents[2]
WORKERS, TASKS = 4, 120

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    """The test database (pytest-django's test_… copy) as a URL the worker processes can use."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def test_four_workers_run_each_of_120_jobs_exactly_once(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: bin/with-postgres .venv/bin/pytest tests/web/test_many_workers.py")
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for number in range(TASKS):
        count_run.using(backend="default").enqueue(number)
    runs = tmp_path / "runs.txt"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VEIKART_", "DATABASE_URL", "DJANGO_"))}
    env.update(DATABASE_URL=_database_url(), VEIKART_DATA_DIR=str(tmp_path), VEIKART_TEST_RUNS_FILE=str(runs),
               DJANGO_SETTINGS_MODULE="veikart.web.settings", PYTHONPATH=str(ROOT))
    workers = [
        subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "run_worker", "--no-supervise", "--interval",
                          "0.05"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(WORKERS)
    ]
    try:
        deadline = time.monotonic() + 120
        while DBTaskResult.objects.exclude(status="SUCCESSFUL").exists():
            assert time.monotonic() < deadline, "the workers did not finish the queue in 120 s"
            assert all(w.poll() is None for w in workers), [w.stderr.read() for w in workers if w.poll() is not None]
            time.sleep(0.2)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    lines = [line.split() for line in runs.read_text().splitlines()]
    per_job = Counter(int(number) for number, _pid in lines)
    assert per_job == Counter(range(TASKS)), {n: c for n, c in per_job.items() if c != 1}
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == TASKS
    assert len({pid for _number, pid in lines}) > 1  # the work was really shared between workers
