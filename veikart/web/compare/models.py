"""The comparison page's cache of ``veikart.compare``'s results."""

from __future__ import annotations

from django.db import models


class CachedComparison(models.Model):
    """The period comparison of two strategies at two versions, as the comparison page shows it.

    ``veikart.compare`` takes about a second for the KS pair, so the page keeps
    its result here. The key holds both versions: any recorded change bumps a
    strategy's version, so a changed strategy simply misses, and the stale row
    of that pair is replaced when the new one is written. A table rather than
    Django's cache: it is shared by every worker process, survives restarts and
    needs no cache configuration (the default cache is per-process memory).
    """

    old = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    old_version = models.PositiveIntegerField()
    new = models.ForeignKey("strategies.Strategy", on_delete=models.CASCADE, related_name="+")
    new_version = models.PositiveIntegerField()
    # The shape of ``data`` (comparison.FORMAT); a new shape or a changed algorithm misses too.
    format = models.PositiveSmallIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "search_cachedcomparison"  # made by the search app's migration 0005, before this app
        constraints = [
            models.UniqueConstraint(
                fields=["old", "new", "old_version", "new_version", "format"], name="one_cached_comparison_per_versions"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_id} v{self.old_version} → {self.new_id} v{self.new_version}"
