"""A task worker whose imports stop for a minute inside their final transaction (for the kill test).

    python tests/web/slow_worker.py MARKER

After the new strategy's sections and items are written, and before the
transaction commits, it creates the file MARKER and sleeps: the test then
kills it with SIGKILL. The slowness is this test hook's, never the app's.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import django


def main(marker: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    django.setup()
    from django.core.management import call_command

    from veikart.web.strategies import services

    create_sections = services._create_sections

    def stall_after_writing(strategy, sections, parent=None):
        create_sections(strategy, sections, parent)
        if parent is None:
            marker.write_text("written, not committed")
            time.sleep(60)

    services._create_sections = stall_after_writing
    call_command("run_worker", "--no-supervise", "--interval", "0.1")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main(Path(sys.argv[1]))
