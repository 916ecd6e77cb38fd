"""Admin pages that show rows and never write them: what the services, the worker or the catalogue wrote.

Mix one in before ``admin.ModelAdmin`` (or an inline): ``class XAdmin(ReadOnly, admin.ModelAdmin)``.
"""

from __future__ import annotations

from typing import Any


class WrittenElsewhere:
    """No adding and no changing in the admin; deleting is left to the admin's permissions."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReadOnly(WrittenElsewhere):
    """No adding, changing or deleting: a view permission is enough to read."""

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
