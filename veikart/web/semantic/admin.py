"""The embedding runs in the admin: how far each got (read only; the worker writes them)."""

from django.contrib import admin

from veikart.web.semantic.models import EmbeddingJob


@admin.register(EmbeddingJob)
class EmbeddingJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "texts_done", "texts_total", "attempts", "created_at", "finished_at"]
    list_filter = ["status"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
