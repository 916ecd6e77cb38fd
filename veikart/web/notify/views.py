"""A person's own e-mail settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from veikart.web.notify.models import NotificationSettings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["measure_reminders", "period_reminders", "report_notices"]


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    current = NotificationSettings.objects.filter(user=request.user).first() or NotificationSettings(user=request.user)
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Innstillingene er lagret."))
        return redirect("notify:settings")
    return render(request, "notify/settings.html", {"form": form})
