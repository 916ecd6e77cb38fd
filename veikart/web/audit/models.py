"""The audit trail: every change to a strategy, and the strategy after it.

A ChangeRecord says who did what (with the changed object before and after);
the StrategySnapshot beside it holds the whole strategy as Strategy JSON at
that version, so any earlier version can be restored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeRecord(models.Model):
    class Action(models.TextChoices):
        IMPORT = "import", _("Importert")
        EDIT_STRATEGY = "edit_strategy", _("Endret strategien")
        EDIT_ITEM = "edit_item", _("Endret tekst")
        CHANGE_KIND = "change_kind", _("Endret type")
        MOVE_ITEM = "move_item", _("Flyttet punkt")
        MERGE_ITEMS = "merge_items", _("Slo sammen punkter")
        SPLIT_ITEM = "split_item", _("Delte punkt")
        ADD_ITEM = "add_item", _("La til punkt")
        DELETE_ITEM = "delete_item", _("Slettet punkt")
        EDIT_SECTION = "edit_section", _("Endret kapittel")
        MOVE_SECTION = "move_section", _("Flyttet kapittel")
        ADD_SECTION = "add_section", _("La til kapittel")
        DELETE_SECTION = "delete_section", _("Slettet kapittel")
        PUBLISH = "publish", _("Publisert")
        ARCHIVE = "archive", _("Arkivert")
        RESTORE = "restore", _("Gjenopprettet versjon")
        # People's SDG decisions (written by the sdgtags app, veikart.web.sdgtags.services.SdgAction)
        SDG_ACCEPT = "sdg_accept", _("Godtok bærekraftsmål")
        SDG_REJECT = "sdg_reject", _("Avviste bærekraftsmål")
        SDG_ADD = "sdg_add", _("La til bærekraftsmål")

    strategy = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField()
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
