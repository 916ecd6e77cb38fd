"""Import every supported document in a folder into one organisation (``manage.py bulk_import DIR``).

A dry run by default: each file is read and extracted as the import would,
and the report says what would be imported, skipped or refused; nothing is
written. With ``confirm=True`` (``--confirm``) each file is written in one
short transaction of its own (the strategies services' import: the document
is read before it, its similar items computed after its commit), so an
interruption leaves no half-imported document and the web app's writers wait
at most for one document's rows. A re-run skips every file whose SHA-256 the
organisation already has: the import resumes where it stopped. A refused file
is reported with the importer's one-line message and the rest go on.

Messages are gettext (bokmål msgids); the command chooses the language.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.auth.models import User
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from veikart.ingest import ExtractError, extract_bytes_with_pages
from veikart.ingest.readers import READERS, _module
from veikart.web.orgs.models import Organisation
from veikart.web.search.facade import similar_items_after_commit
from veikart.web.strategies import limits, services
from veikart.web.strategies.models import Strategy

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    IMPORTED = "imported"  # written (with --confirm) or would be (dry run)
    SKIPPED = "skipped"  # already imported (same SHA-256) for this organisation
    FAILED = "failed"


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome
    message: str = ""
    strategy_id: int | None = None  # None in a dry run for a file not yet imported


@dataclass
class Report:
    results: list[FileResult] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)  # not a supported file type
    confirmed: bool = True  # False: a dry run, nothing was written

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def failures(self) -> list[FileResult]:
        return [r for r in self.results if r.outcome == Outcome.FAILED]

    def summary(self) -> str:
        counts = {
            "imported": self.count(Outcome.IMPORTED),
            "skipped": self.count(Outcome.SKIPPED),
            "failed": self.count(Outcome.FAILED),
            "ignored": len(self.ignored),
        }
        if self.confirmed:
            line = _(
                "%(imported)d importert, %(skipped)d hoppet over (importert før), %(failed)d feilet, "
                "%(ignored)d oversett (filtypen støttes ikke)"
            )
        else:
            line = _(
                "prøvekjøring: %(imported)d ville blitt importert, %(skipped)d hoppet over (importert før), "
                "%(failed)d ville feilet, %(ignored)d oversett (filtypen støttes ikke); ingenting er skrevet "
                "(bruk --confirm)"
            )
        lines = [line % counts]
        if self.failures:
            lines.append(_("Filer som feilet:"))
            lines += [f"  {r.path.name}: {r.message}" for r in self.failures]
        return "\n".join(lines)


def supported_extensions() -> tuple[str, ...]:
    return tuple(ext for name in READERS for ext in _module(name).EXTENSIONS)


def find_files(folder: Path, recursive: bool = False) -> tuple[list[Path], list[Path]]:
    """Supported files and other files in the folder, each sorted by path (hidden files left out)."""
    pattern = folder.rglob("*") if recursive else folder.iterdir()
    files = sorted(p for p in pattern if p.is_file() and not p.name.startswith("."))
    extensions = supported_extensions()
    return [p for p in files if p.name.lower().endswith(extensions)], [
        p for p in files if not p.name.lower().endswith(extensions)
    ]


class Progress:
    """One progress line on a terminal (rewritten in place); one line per file elsewhere."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = 0

    def step(self, name: str, outcome: Outcome) -> None:
        self.done += 1
        width = 30
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        line = f"[{bar}] {self.done}/{self.total} {outcome.value:<8} {name}"
        if self.tty:
            self.stream.write("\r" + line[:150].ljust(150))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def import_folder(
    folder: Path,
    organisation_slug: str,
    *,
    confirm: bool = False,
    publish: bool = False,
    username: str | None = None,
    recursive: bool = False,
    progress: Callable[[str, Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Import the folder's documents as drafts (or published) of the organisation; only with ``confirm``.

    Without ``confirm`` every file is read and extracted and nothing is written.
    Raises ValueError with one line when the organisation or user does not exist.
    """
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        raise ValueError(_("ingen organisasjon med kortnavnet %(slug)r") % {"slug": organisation_slug})
    user = None
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ValueError(_("ingen bruker heter %(name)r") % {"name": username})
    files, ignored = find_files(folder, recursive)
    report = Report(ignored=ignored, confirmed=confirm)
    if on_start:
        on_start(len(files))
    for path in files:
        if confirm:
            # No task worker runs beside a command: each file's similar items are computed here, after its
            # write transactions have committed, so the write lock is held for the file's rows only.
            with similar_items_after_commit():
                result = _import_one(path, organisation, user, publish, settings.VEIKART_MAX_UPLOAD_BYTES)
        else:
            result = _try_one(path, organisation, settings.VEIKART_MAX_UPLOAD_BYTES)
        report.results.append(result)
        if progress:
            progress(path.name, result.outcome)
    return report


def _read(path: Path, organisation: Organisation, max_bytes: int) -> tuple[bytes | None, FileResult | None]:
    """The file's bytes, or the result that ends it here: too large, unreadable, already imported."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = max_bytes // (1024 * 1024)
            return None, FileResult(path, Outcome.FAILED, _("filen er større enn %(limit)d MB") % {"limit": limit})
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, FileResult(path, Outcome.FAILED, _("kan ikke lese filen: %(reason)s") % {"reason": reason})
    sha = hashlib.sha256(data).hexdigest()
    existing = Strategy.objects.filter(organisation=organisation, source_sha256=sha).values_list("pk", flat=True)
    if existing:
        return None, FileResult(path, Outcome.SKIPPED, _("importert før"), existing[0])
    return data, None


def _try_one(path: Path, organisation: Organisation, max_bytes: int) -> FileResult:
    """A dry run of one file: read and extracted as the import would, nothing written."""
    data, result = _read(path, organisation, max_bytes)
    if result is not None:
        return result
    try:
        parsed, _pages = extract_bytes_with_pages(data, filename=path.name, max_bytes=max_bytes)
        limits.check_strategy(parsed)  # the import's own refusal of too many items or sections
    except ExtractError as exc:
        return FileResult(path, Outcome.FAILED, exc.message(get_language()))
    return FileResult(path, Outcome.IMPORTED, parsed.title)


def _import_one(path: Path, organisation: Organisation, user: User | None, publish: bool, max_bytes: int) -> FileResult:
    data, result = _read(path, organisation, max_bytes)
    if result is not None:
        return result
    try:
        strategy = services.import_document(organisation, data, path.name, user, max_bytes=max_bytes)
        if publish:
            strategy = services.publish(strategy, user)
    except ExtractError as exc:
        return FileResult(path, Outcome.FAILED, exc.message(get_language()))
    except services.StrategyError as exc:
        return FileResult(path, Outcome.FAILED, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a folder; the log has the traceback
        log.exception("unexpected error importing %s", path)
        return FileResult(path, Outcome.FAILED, _("uventet feil (%(name)s); se loggen") % {"name": type(exc).__name__})
    return FileResult(path, Outcome.IMPORTED, strategy.title, strategy.pk)
