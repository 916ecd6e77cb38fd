"""System checks (`manage.py check`, run at every start): refuse a setup that would fail later."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def storage_is_writable(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Uploads and (for SQLite) the database need folders this process can write to."""
    errors = []
    folders = [("MEDIA_ROOT", Path(settings.MEDIA_ROOT))]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        name = str(settings.DATABASES["default"]["NAME"])
        if name != ":memory:" and not name.startswith("file:"):
            folders.append(("the SQLite database folder", Path(name).parent))
    for label, folder in folders:
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK):
            errors.append(
                checks.Error(f"{label} ({folder}) is not writable", hint="set VEIKART_DATA_DIR to a writable folder",
                             id="veikart.E001")
            )
    return errors


@checks.register(checks.Tags.compatibility)
def max_upload_is_positive(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.VEIKART_MAX_UPLOAD_BYTES <= 0:
        return [checks.Error("VEIKART_MAX_UPLOAD_BYTES must be above 0", id="veikart.E002")]
    return []
