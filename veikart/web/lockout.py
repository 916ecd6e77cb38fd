"""The page a locked-out login gets (django-axes calls ``locked_out``; settings.AXES_LOCKOUT_CALLABLE).

After settings.AXES_FAILURE_LIMIT wrong passwords for one username from one
address, that pair is refused, even with the right password, until the
cool-off has passed or an admin deletes its access attempts in the admin.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

STATUS = 429  # Too Many Requests


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict | None = None) -> HttpResponse:
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=STATUS)
