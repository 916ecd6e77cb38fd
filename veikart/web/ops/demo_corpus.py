"""The demo's real plans: ../shared/corpus (or the bundled copy) as published plans of their members.

Each document goes through the importer and the strategies services exactly
like an upload, so SDG proposals, search rows and similar items follow, and is
published under the member that wrote it. The member comes from the file
name: a leading official number (``3318_krodsherad_…`` -> Krødsherad kommune)
or else a leading member name (``telemark-ungdomsrad-…`` -> Telemark
fylkeskommune). A file that names no member (the English UK plan) is skipped
with the reason. Idempotent: a document the organisation already has (same
SHA-256) is not imported again; a draft left by an interrupted run is published.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from veikart.ingest import ExtractError, extract_bytes_with_pages
from veikart.members import InvalidMemberCode, Member, UnknownMemberError, load_members, resolve
from veikart.web.orgs.models import Organisation
from veikart.web.planning.members import organisations_for
from veikart.web.search.facade import similar_items_after_commit
from veikart.web.strategies import services
from veikart.web.strategies.models import Strategy

# The folders of ../shared/corpus that hold the published plans; the repository's corpus/ has the same two
# (beside annotations/ and training material, which the demo does not load).
PLAN_FOLDERS = ("buskerud", "pdf")
_LEADING_NUMBER = re.compile(r"^(\d{2}|\d{4})(?=[_-])")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})


class Outcome(StrEnum):
    IMPORTED = "imported"
    PUBLISHED = "published"  # a draft of an earlier, interrupted run
    LOADED = "already loaded"
    NO_MEMBER = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class PlanResult:
    name: str
    outcome: Outcome
    message: str  # the title, or why the file was skipped or refused
    organisation: str = ""


@dataclass
class CorpusReport:
    folder: Path
    results: list[PlanResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    def summary(self) -> str:
        counts = {
            "imported": self.count(Outcome.IMPORTED) + self.count(Outcome.PUBLISHED),
            "loaded": self.count(Outcome.LOADED),
            "skipped": self.count(Outcome.NO_MEMBER),
            "failed": self.count(Outcome.FAILED),
        }
        return _("%(imported)d importert og publisert, %(loaded)d lastet fra før, %(skipped)d hoppet over (uten "
                 "medlem), %(failed)d mislyktes") % counts


def bundled_dir() -> Path:
    return Path(settings.REPO_DIR) / "corpus"


def plan_files(folder: Path) -> list[Path]:
    """The documents in the corpus's PLAN_FOLDERS (READMEs and hidden files left out), sorted by path."""
    return sorted(
        path
        for sub in PLAN_FOLDERS
        if (folder / sub).is_dir()
        for path in (folder / sub).iterdir()
        if path.is_file() and not path.name.startswith(".") and not path.name.upper().startswith("README")
    )


def corpus_dir() -> Path:
    """VEIKART_CORPUS_DIR (../shared/corpus) when it holds plans, else the copy in the repository."""
    configured = Path(settings.VEIKART_CORPUS_DIR)
    if configured.is_dir() and plan_files(configured):
        return configured
    return bundled_dir()


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_FOLD)).strip("-")


def member_for(filename: str) -> Member:
    """The member a file name starts with: its number, or else its name. LookupError says why not."""
    number = _LEADING_NUMBER.match(filename)
    if number:
        try:
            found = resolve(number.group(1))
        except (InvalidMemberCode, UnknownMemberError) as exc:
            raise LookupError(str(exc)) from exc
        if len(found) != 1:
            raise LookupError(f"number {number.group(1)} leads to {len(found)} members today")
        return found[0]
    stem = _fold(Path(filename).stem)
    named = [m for m in load_members() if stem == _fold(m.name) or stem.startswith(_fold(m.name) + "-")]
    longest = max((len(_fold(m.name)) for m in named), default=0)
    named = [m for m in named if len(_fold(m.name)) == longest]
    if not named:
        raise LookupError("the file name starts with no municipality or county number or name")
    if len(named) > 1:
        raise LookupError("the file name's place is both a municipality and a county: " +
                          ", ".join(m.code for m in named))
    return named[0]


def _heading(data: bytes) -> str:
    """A converted file's first line «# Krødsherad: …», without the «# » ("" if it has none)."""
    first = data[:500].decode("utf-8", errors="ignore").lstrip("\ufeff").split("\n", 1)[0]
    return first[2:].strip() if first.startswith("# ") else ""


def _usable(title: str) -> bool:
    """False for a title that is clearly not one: empty, no letters, or a page/section marker."""
    title = title.strip()
    return any(c.isalpha() for c in title) and not title.startswith("<!--")


def load_plan(path: Path, organisation: Organisation) -> PlanResult:
    """Import one document as a published strategy of the organisation (or publish an earlier draft)."""
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    existing = Strategy.objects.filter(organisation=organisation, source_sha256=sha).order_by("pk").first()
    if existing and existing.status != Strategy.Status.DRAFT:
        return PlanResult(path.name, Outcome.LOADED, existing.title, organisation.name)
    outcome = Outcome.PUBLISHED
    if existing is None:
        try:
            parsed, pages = extract_bytes_with_pages(
                data, filename=path.name, max_bytes=settings.VEIKART_MAX_UPLOAD_BYTES
            )
        except ExtractError as exc:
            return PlanResult(path.name, Outcome.FAILED, str(exc), organisation.name)
        if not _usable(parsed.title) and _heading(data):
            parsed = dataclasses.replace(parsed, title=_heading(data))
        existing = services.import_strategy(organisation, parsed, None, pages=pages, source_file=(path.name, data))
        outcome = Outcome.IMPORTED
    strategy = services.publish(existing, None)
    return PlanResult(path.name, outcome, strategy.title, organisation.name)


def load_corpus(folder: Path | None = None) -> CorpusReport:
    """Load every plan of the corpus folder (default: corpus_dir()); idempotent."""
    folder = folder or corpus_dir()
    report = CorpusReport(folder)
    for path in plan_files(folder):
        try:
            member = member_for(path.name)
        except LookupError as exc:
            report.results.append(PlanResult(path.name, Outcome.NO_MEMBER, str(exc)))
            continue
        key = (member.kind.value, member.number)
        organisation = organisations_for({key})[key]
        # No task worker runs beside a command: similar items are computed after each plan's commits.
        with similar_items_after_commit():
            report.results.append(load_plan(path, organisation))
    return report
