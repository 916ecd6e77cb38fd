"""The one audit log: every change to a strategy, an SDG decision or a plan, and snapshots to restore.

A ChangeRecord says who did what (with the changed object before and after).
A strategy's entries carry the strategy's version; the planning app's (its
proxy ``planning.PlanChange``) carry none. A StrategySnapshot holds the whole
strategy as Strategy JSON at the versions it can be restored to (import,
publish, restore).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from veikart.web.actions import Action


class ChangeRecord(models.Model):
    Action = Action  # the one list (veikart/web/actions.py)

    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, null=True, related_name="changes")
    version = models.PositiveIntegerField(null=True, blank=True)  # None: a plan's entry (planning.PlanChange)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=20, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["strategy", "version"], name="one_change_per_version")]
        verbose_name = _("endring")
        verbose_name_plural = _("endringer")

    def __str__(self) -> str:
        return f"{self.strategy_id} v{self.version}: {self.get_action_display()}"


class StrategySnapshot(models.Model):
    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="snapshots")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["strategy", "version"], name="one_snapshot_per_version")]
