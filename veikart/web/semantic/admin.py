"""The embedding runs in the admin: how far each got (read only; the worker writes them)."""

from django.contrib import admin

from veikart.web.readonly import WrittenElsewhere
from veikart.web.semantic.models import EmbeddingJob


@admin.register(EmbeddingJob)
class EmbeddingJobAdmin(WrittenElsewhere, admin.ModelAdmin):
    list_display = ["pk", "status", "texts_done", "texts_total", "attempts", "created_at", "finished_at"]
    list_filter = ["status"]
