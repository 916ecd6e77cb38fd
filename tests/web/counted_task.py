"""A task that notes each run in a file (tests/web/test_many_workers.py counts the runs per job)."""

from __future__ import annotations

import os
import time

from django_tasks import task


@task()
def count_run(number: int) -> None:
    # One short line per run with O_APPEND: lines from several processes never mix.
    line = f"{number} {os.getpid()}\n".encode()
    fd = os.open(os.environ["VEIKART_TEST_RUNS_FILE"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)
    time.sleep(0.05)  # long enough that the workers overlap
