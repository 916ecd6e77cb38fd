"""The retry and cancel buttons of a job's page, alike for every kind of job (the view authorises first)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from veikart.web.jobs import runtime
from veikart.web.jobs.forms import JobActionForm
from veikart.web.jobs.models import TrackedJob


def cancel_or_retry(request: HttpRequest, job: TrackedJob, action: str, *, cancelled: str) -> HttpResponse:
    """Cancel a queued or running job or queue a failed or cancelled one again, logged; back to the job's page.

    ``cancelled`` is what the person is told when the job was cancelled (what became of its work).
    """
    if not JobActionForm(request.POST).is_valid():
        return HttpResponseBadRequest()
    if action == "cancel" and runtime.cancel(job):
        runtime.record_action(request.user, job, "cancel")
        messages.success(request, cancelled)
    elif action == "retry" and runtime.retry(job):
        runtime.record_action(request.user, job, "retry")
        messages.success(request, _("Importen er satt i kø igjen."))
    else:
        messages.error(request, _("Jobben har endret status i mellomtiden; se den nye statusen under."))
    return redirect(job)
