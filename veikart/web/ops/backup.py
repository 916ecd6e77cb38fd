"""A whole installation in one file, and back: the database as Django fixtures plus every stored file.

``write_backup`` makes a gzipped tar: ``manifest.json`` (format, time, the
migrations applied, the files), ``data.json`` (``dumpdata`` with natural keys,
so users and content types match in any database) and ``media/<name>`` for each
file a FileField names, read through Django's storage API (so it works the
same with documents on disk or on S3). ``restore_backup`` migrates, refuses a
database that already holds organisations, users or strategies, loads the data
in one transaction and writes the files back through the storage API.

Portable between SQLite and PostgreSQL. For a large PostgreSQL installation
pg_dump plus a copy of the bucket/media folder is faster (docs/operations.md).
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.web.orgs.models import Organisation
from veikart.web.strategies.models import Strategy

FORMAT = "veikart.backup/1"
# Not worth keeping (sessions, login throttling, the page cache counter, live worker rows) or made by
# migrations in every database (content types and permissions; natural keys point at them).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes", "pagecache", "jobs.workerbeat"]


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why."""


@dataclass
class Summary:
    objects: int
    files: int
    missing: list[str]


def _file_fields() -> Iterator[tuple[type, FileField]]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                yield model, field


def stored_files() -> dict[str, FileField]:
    """{name in storage: the field (its storage)} of every file a row names."""
    names: dict[str, FileField] = {}
    for model, field in _file_fields():
        for name in model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True).iterator():
            if name:
                names.setdefault(name, field)
    return names


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def write_backup(target: Path, log: Callable[[str], None] = print) -> Summary:
    """Write the installation to ``target`` (a .tar.gz)."""
    with tempfile.TemporaryDirectory() as scratch:
        data_path = Path(scratch) / "data.json"
        # One read transaction: rows and the file list agree with each other.
        with transaction.atomic():
            call_command(
                "dumpdata",
                exclude=EXCLUDE,
                natural_foreign=True,
                natural_primary=True,
                output=str(data_path),
                verbosity=0,
            )
            files = stored_files()
            objects = sum(model._default_manager.count() for model in _dumped_models())
        return write_archive(target, data_path, files, objects, log)


def write_archive(
    target: Path,
    data_path: Path,
    files: dict[str, FileField],
    objects: int,
    log: Callable[[str], None],
    **about: object,
) -> Summary:
    """The .tar.gz: data.json, the files (through their storage) and the manifest (``about`` added to it)."""
    missing: list[str] = []
    with tarfile.open(target, "w:gz") as archive:
        archive.add(data_path, arcname="data.json")
        for name, field in sorted(files.items()):
            if not field.storage.exists(name):
                missing.append(name)
                continue
            with field.storage.open(name, "rb") as handle:
                info = tarfile.TarInfo(f"media/{name}")
                info.size = field.storage.size(name)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, handle)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "objects": objects,
            "files": sorted(set(files) - set(missing)),
            "missing_files": missing,
            "migrations": _applied_migrations(),
            "database": connection.vendor,
            **about,
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    for name in missing:
        log(_("mangler i lageret: %(name)s") % {"name": name})
    return Summary(objects, len(files) - len(missing), missing)


def _dumped_models() -> list[type]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDE
        and model._meta.label_lower not in EXCLUDE
        and not model._meta.proxy
        and model._meta.managed
    ]


def _is_empty() -> bool:
    return not (Organisation.objects.exists() or Strategy.objects.exists() or get_user_model().objects.exists())


def restore_backup(source: Path, log: Callable[[str], None] = print) -> Summary:
    """Load a backup into this (migrated, empty) installation: rows in one transaction, then the files."""
    call_command("migrate", interactive=False, verbosity=0)
    if not _is_empty():
        raise BackupError(
            _(
                "databasen er ikke tom (organisasjoner, brukere eller strategier finnes): "
                "legg kopien inn i en ny installasjon"
            )
        )
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(_("ukjent format: %(format)s") % {"format": repr(manifest.get("format"))})
        unknown = _unknown_migrations(manifest["migrations"])
        if unknown:
            raise BackupError(
                _("sikkerhetskopien er fra en nyere versjon: %(migrations)s") % {"migrations": ", ".join(unknown[:5])}
            )
        with tempfile.TemporaryDirectory() as scratch:
            data_path = Path(scratch) / "data.json"
            data_path.write_bytes(archive.extractfile("data.json").read())
            with transaction.atomic():
                call_command("loaddata", str(data_path), verbosity=0)
        files = _restore_files(archive, manifest["files"])
    for name in manifest.get("missing_files", []):
        log(_("manglet allerede da kopien ble tatt: %(name)s") % {"name": name})
    return Summary(manifest["objects"], files, manifest.get("missing_files", []))


def _unknown_migrations(backed_up: dict[str, list[str]]) -> list[str]:
    here = _applied_migrations()
    return [f"{app}.{name}" for app, names in backed_up.items() for name in names if name not in here.get(app, [])]


def _restore_files(archive: tarfile.TarFile, names: list[str]) -> int:
    fields = stored_files()
    restored = 0
    for name in names:
        member = archive.extractfile(f"media/{name}")
        field = fields.get(name)
        if member is None or field is None:
            continue
        storage = field.storage
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(member.read()))
        if saved != name:
            raise BackupError(_("lageret lagret %(name)s som %(saved)s") % {"name": name, "saved": saved})
        restored += 1
    return restored
