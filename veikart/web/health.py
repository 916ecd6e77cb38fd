"""/healthz for load balancers and container health checks: the database answers and a task worker is alive.

JSON, 200 when both hold, else 503 with what failed. No session, no cache, no
HTTPS redirect (settings.SECURE_REDIRECT_EXEMPT): a probe talks plain HTTP to
the container. A worker counts as alive when its WorkerBeat row is younger than
VEIKART_JOB_STALE_SECONDS (the rule the upload page uses, jobs.runtime.worker_alive).
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from veikart.web.jobs import runtime as jobs
from veikart.web.jobs.models import WorkerBeat

log = logging.getLogger(__name__)


def _database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        log.error("healthz: database unreachable: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _worker() -> dict:
    if not jobs.uses_worker():  # tasks run inside the request (tests, a demo without worker): nothing to wait for
        return {"ok": True, "needed": False}
    try:
        seen = WorkerBeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    except DatabaseError:
        return {"ok": False, "error": "database"}
    stale = timedelta(seconds=settings.VEIKART_JOB_STALE_SECONDS)
    if seen is None:
        return {"ok": False, "seen_at": None}
    age = timezone.now() - seen
    return {"ok": age <= stale, "seen_at": seen.isoformat(), "age_seconds": round(age.total_seconds(), 1)}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database()
    worker = _worker() if database["ok"] else {"ok": False, "error": "database"}
    ok = database["ok"] and worker["ok"]
    return JsonResponse({"status": "ok" if ok else "fail", "database": database, "worker": worker},
                        status=200 if ok else 503)
