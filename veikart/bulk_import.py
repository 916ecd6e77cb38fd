"""Import every supported document in a folder into one organisation (``veikart import DIR``).

One short write transaction per file (the strategies services' import: the
document is read before it, its similar items computed after its commit), so
an interruption leaves no half-imported document and the web app's writers
wait at most for one document's rows. A re-run skips every file whose
SHA-256 the organisation already has: the import resumes where it stopped.
A refused file is reported with the importer's one-line message and the
rest go on.
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

from veikart.i18n import environment_language
from veikart.ingest import ExtractError
from veikart.ingest.readers import READERS, _module

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    IMPORTED = "imported"
    SKIPPED = "skipped"  # already imported (same SHA-256) for this organisation
    FAILED = "failed"


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome
    message: str = ""
    strategy_id: int | None = None


@dataclass
class Report:
    results: list[FileResult] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)  # not a supported file type

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def failures(self) -> list[FileResult]:
        return [r for r in self.results if r.outcome == Outcome.FAILED]

    def summary(self) -> str:
        imported, skipped, failed = (self.count(o) for o in (Outcome.IMPORTED, Outcome.SKIPPED, Outcome.FAILED))
        lines = [
            say(
                f"{imported} imported, {skipped} skipped (already imported), {failed} failed, "
                f"{len(self.ignored)} ignored (not a supported file type)",
                f"{imported} importert, {skipped} hoppet over (importert før), {failed} feilet, "
                f"{len(self.ignored)} oversett (filtypen støttes ikke)",
            )
        ]
        if self.failures:
            lines.append(say("Failed files:", "Filer som feilet:"))
            lines += [f"  {r.path.name}: {r.message}" for r in self.failures]
        return "\n".join(lines)


def say(en: str, nb: str) -> str:
    """The message in the locale's language (bokmål for nb/nn/no, else English), as ``veikart extract`` does."""
    return nb if environment_language() != "en" else en


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
    publish: bool = False,
    username: str | None = None,
    recursive: bool = False,
    progress: Callable[[str, Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Report:
    """Import the folder's documents as drafts (or published) of the organisation; Django must be set up.

    Raises ValueError with one line when the organisation or user does not exist.
    """
    from django.conf import settings
    from django.contrib.auth.models import User

    from veikart.web.orgs.models import Organisation
    from veikart.web.search.facade import similar_items_after_commit
    from veikart.web.strategies import services
    from veikart.web.strategies.models import Strategy

    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        raise ValueError(
            say(
                f"no organisation with the short name {organisation_slug!r}",
                f"ingen organisasjon med kortnavnet {organisation_slug!r}",
            )
        )
    user = None
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ValueError(say(f"no user named {username!r}", f"ingen bruker heter {username!r}"))
    files, ignored = find_files(folder, recursive)
    report = Report(ignored=ignored)
    if on_start:
        on_start(len(files))
    for path in files:
        # No task worker runs beside a command: each file's similar items are computed here, after its
        # write transactions have committed, so the write lock is held for the file's rows only.
        with similar_items_after_commit():
            result = _import_one(
                path, organisation, user, publish, services, Strategy, settings.VEIKART_MAX_UPLOAD_BYTES
            )
        report.results.append(result)
        if progress:
            progress(path.name, result.outcome)
    return report


def _import_one(path: Path, organisation, user, publish: bool, services, Strategy, max_bytes: int) -> FileResult:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = max_bytes // (1024 * 1024)
            return FileResult(
                path, Outcome.FAILED, say(f"the file is larger than {limit} MB", f"filen er større enn {limit} MB")
            )
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return FileResult(
            path, Outcome.FAILED, say(f"cannot read the file: {reason}", f"kan ikke lese filen: {reason}")
        )
    sha = hashlib.sha256(data).hexdigest()
    existing = Strategy.objects.filter(organisation=organisation, source_sha256=sha).values_list("pk", flat=True)
    if existing:
        return FileResult(path, Outcome.SKIPPED, say("already imported", "importert før"), existing[0])
    try:
        strategy = services.import_document(organisation, data, path.name, user, max_bytes=max_bytes)
        if publish:
            strategy = services.publish(strategy, user)
    except ExtractError as exc:
        return FileResult(path, Outcome.FAILED, exc.message(environment_language()))
    except services.StrategyError as exc:
        return FileResult(path, Outcome.FAILED, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a folder; the log has the traceback
        log.exception("unexpected error importing %s", path)
        name = type(exc).__name__
        return FileResult(
            path,
            Outcome.FAILED,
            say(f"unexpected error ({name}); see the log", f"uventet feil ({name}); se loggen"),
        )
    return FileResult(path, Outcome.IMPORTED, strategy.title, strategy.pk)
