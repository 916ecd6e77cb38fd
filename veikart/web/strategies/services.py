"""Whole-strategy changes shared by views, background jobs and commands.

Import (Strategy JSON or a document), export, publish/archive, and replacing
a strategy's content (the audit app's restore). Each change ends in
``changes.changed()``, the one step that bumps the version and lets the apps
above follow (the audit log, the search index). Views only authorise, call
these and render.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.ingest import ExtractError, extract_bytes_with_pages
from veikart.ingest import Item as IngestItem
from veikart.ingest import Section as IngestSection
from veikart.ingest import Source as IngestSource
from veikart.ingest import Strategy as IngestStrategy
from veikart.ingest.model import DocumentSource, Period, StrategyJSONError, read_strategy_json
from veikart.ingest.model import Warning as ImportWarning
from veikart.web.actions import Action
from veikart.web.jobs import runtime as jobs
from veikart.web.messages import message_text
from veikart.web.orgs.models import Organisation
from veikart.web.strategies import limits
from veikart.web.strategies.changes import changed, lock_strategy, rebuilt
from veikart.web.strategies.models import ImportJob, Item, Section, SourcePage, Strategy

log = logging.getLogger(__name__)

class StrategyError(Exception):
    """A change that cannot be made; the message is shown to the person as is."""


# --- Strategy JSON <-> rows -------------------------------------------------


def parse_strategy_json(data: Any) -> IngestStrategy:
    """Decoded Strategy JSON to dataclasses; one clear line (StrategyError, in the page's language) if invalid."""
    try:
        return IngestStrategy.from_dict(data)
    except StrategyJSONError as exc:
        raise StrategyError(message_text(exc.msg)) from exc


def _provenance(source: IngestSource | None) -> dict[str, Any]:
    if source is None:
        return {"has_source": False, "source_page": None, "source_start": None, "source_end": None}
    return {"has_source": True, "source_page": source.page, "source_start": source.start, "source_end": source.end}


def _source_of(row: Section | Item) -> IngestSource | None:
    if not row.has_source:
        return None
    return IngestSource(page=row.source_page, start=row.source_start or 0, end=row.source_end or 0)


def _create_sections(strategy: Strategy, sections: list[IngestSection], parent: Section | None = None) -> None:
    for position, data in enumerate(sections):
        section = Section.objects.create(
            strategy=strategy,
            parent=parent,
            number=data.number,
            title=data.title,
            intro=data.intro,
            position=position,
            **_provenance(data.source),
        )
        items = [
            Item(section=section, kind=kind, text=item.text, position=position, **_provenance(item.source))
            for kind, group in ((Item.Kind.GOAL, data.goals), (Item.Kind.COMMITMENT, data.commitments))
            for position, item in enumerate(group)
        ]
        Item.objects.bulk_create(items)
        _create_sections(strategy, data.sections, section)


def _apply_header(strategy: Strategy, data: IngestStrategy) -> None:
    strategy.title = data.title
    strategy.period_start = data.period.start if data.period else None
    strategy.period_end = data.period.end if data.period else None
    strategy.language = data.language


def import_warnings(strategy: Strategy) -> list[ImportWarning]:
    """What the importer doubted or missed when the strategy was imported (kept through export/import)."""
    return [ImportWarning.from_dict(w) for w in strategy.import_warnings or [] if isinstance(w, dict)]


def export_strategy(strategy: Strategy) -> IngestStrategy:
    """The strategy as the importer's dataclasses (two queries, whatever its size)."""
    sections = list(Section.objects.filter(strategy=strategy).order_by("position", "pk"))
    items = Item.objects.filter(section__strategy=strategy).order_by("position", "pk")
    built: dict[int, IngestSection] = {}
    for row in sections:
        built[row.pk] = IngestSection(
            number=row.number, title=row.title, intro=row.intro, source=_source_of(row)
        )
        built[row.pk].row_id = row.pk  # for export_strategy_json(ids=True); to_dict() ignores it
    for item in items:
        target = built[item.section_id].goals if item.kind == Item.Kind.GOAL else built[item.section_id].commitments
        target.append(IngestItem(text=item.text, source=_source_of(item)))
        target[-1].row_id = item.pk
    top: list[IngestSection] = []
    for row in sections:
        (built[row.parent_id].sections if row.parent_id else top).append(built[row.pk])
    has_period = strategy.period_start is not None and strategy.period_end is not None
    period = Period(strategy.period_start, strategy.period_end) if has_period else None
    return IngestStrategy(
        title=strategy.title,
        organisation=strategy.organisation.name,
        period=period,
        language=strategy.language,
        source=DocumentSource(
            filename=strategy.source_filename,
            sha256=strategy.source_sha256,
            pages=strategy.source_pages,
            format=strategy.source_format,
        ),
        sections=top,
        warnings=import_warnings(strategy),
    )


def export_strategy_json(strategy: Strategy, *, ids: bool = False) -> dict[str, Any]:
    """Strategy JSON; with ``ids`` every section, goal and commitment carries its ``id`` (the database's, the
    API's), stable while it exists. Imports ignore ids (new rows get new ones); snapshots are kept without."""
    exported = export_strategy(strategy)
    data = exported.to_dict()
    if ids:
        for section, section_data in zip(exported.sections, data["sections"], strict=True):
            _add_ids(section, section_data)
    return data


def _add_ids(section: IngestSection, data: dict[str, Any]) -> None:
    data["id"] = section.row_id
    for kind in ("goals", "commitments"):
        for item, item_data in zip(getattr(section, kind), data[kind], strict=True):
            item_data["id"] = item.row_id
    for child, child_data in zip(section.sections, data["sections"], strict=True):
        _add_ids(child, child_data)


# --- import -------------------------------------------------------------------


def import_strategy(
    organisation: Organisation,
    data: IngestStrategy,
    user: AbstractBaseUser | None,
    *,
    pages: list[str] | None = None,
    source_file: tuple[str, bytes] | None = None,
) -> Strategy:
    """Create a draft strategy with its sections and items, all or nothing, then propose SDG tags.

    Raises ExtractError, before anything is written, when the strategy is larger than the limits.
    """
    limits.check_strategy(data)
    with transaction.atomic():
        strategy = write_strategy(organisation, data, user, pages=pages, source_file=source_file)
    rebuilt(strategy)  # SDG proposals with scores and reasons (the sdgtags app), after the commit
    return strategy


def write_strategy(
    organisation: Organisation,
    data: IngestStrategy,
    user: AbstractBaseUser | None,
    *,
    pages: list[str] | None = None,
    source_file: tuple[str, bytes] | str | None = None,
) -> Strategy:
    """The rows of a new draft (call inside the caller's transaction, after ``limits.check_strategy``).

    ``source_file``: (name, content) to store, or the name of a file already in storage.
    """
    strategy = Strategy(
        organisation=organisation,
        created_by=user if user and user.is_authenticated else None,
        source_filename=data.source.filename,
        source_sha256=data.source.sha256,
        source_format=data.source.format,
        source_pages=data.source.pages,
        import_warnings=[w.to_dict() for w in data.warnings],
    )
    _apply_header(strategy, data)
    if isinstance(source_file, str):
        strategy.source_file.name = source_file  # the upload is the source document: keep one copy
    strategy.save()
    _create_sections(strategy, data.sections)
    if pages:
        SourcePage.objects.bulk_create(
            SourcePage(strategy=strategy, number=n, text=text) for n, text in enumerate(pages, start=1)
        )
    if isinstance(source_file, tuple):
        name, content = source_file
        strategy.source_file.save(name, ContentFile(content), save=True)
    changed(strategy, user, Action.IMPORT, strategy, None, {"title": strategy.title}, new=True)
    return strategy


def import_strategy_json(organisation: Organisation, data: Any, user: AbstractBaseUser | None) -> Strategy:
    """Import a whole strategy from Strategy JSON (already decoded) as a draft."""
    return import_strategy(organisation, parse_strategy_json(data), user)


def import_document(
    organisation: Organisation,
    data: bytes,
    filename: str,
    user: AbstractBaseUser | None,
    *,
    max_bytes: int | None = None,
) -> Strategy:
    """Extract a document and store it as a draft. Raises ExtractError with the importer's message."""
    parsed, pages = extract_bytes_with_pages(data, filename=filename, max_bytes=max_bytes)
    return import_strategy(organisation, parsed, user, pages=pages, source_file=(filename, data))


def run_import_job(job_id: int) -> None:
    """The background job: read the uploaded file, create the draft, report progress.

    Reading and extracting write nothing; the draft and the job's end are
    written in one short transaction at the end, so a worker killed at any
    moment leaves no half-written strategy (and the sweeper queues the job
    again). A refused file leaves no strategy and is deleted; the job keeps the message.
    """
    jobs.execute(ImportJob, job_id, _import)


def _import(job: ImportJob) -> None:
    try:
        jobs.update_running(job, progress=5, step="read")  # the stages the job page names (uploads.STAGES)
        with job.file.open("rb") as handle:
            data = handle.read()
        jobs.update_running(job, progress=30, step="structure")
        if job.is_strategy_json:
            parsed, pages, source = _read_strategy_json(data), None, None
        else:
            parsed, pages = extract_bytes_with_pages(
                data, filename=job.filename, max_bytes=settings.VEIKART_MAX_UPLOAD_BYTES
            )
            source = job.file.name
        del data
        limits.check_strategy(parsed)
    except ExtractError as exc:
        if jobs.fail(job, exc.msg):  # (not when cancelled meanwhile: it may be tried again)
            jobs.discard_file(job)  # a refused upload is not kept; the job row keeps its name and the reason
        return
    jobs.update_running(job, progress=80, step="save")
    organisation, user = job.organisation, job.uploaded_by

    def save() -> Strategy:
        with transaction.atomic():
            jobs.lock_running(job)
            strategy = write_strategy(organisation, parsed, user, pages=pages, source_file=source)
            jobs.finish(job, ImportJob.Status.DONE, progress=100, step="done", strategy=strategy)
        return strategy

    strategy = jobs.retry_when_locked(save)
    rebuilt(strategy)


def _read_strategy_json(data: bytes) -> IngestStrategy:
    """The uploaded file through the one Strategy JSON reader (size, depth, schema), at the site's size limit."""
    return read_strategy_json(data, max_bytes=settings.VEIKART_MAX_STRATEGY_JSON_BYTES)


# --- lifecycle and history ----------------------------------------------------


def publish(strategy: Strategy, user: AbstractBaseUser) -> Strategy:
    """Publish a draft; a restore's draft (``replaces``) is published into the strategy it replaces."""
    with transaction.atomic():
        strategy = lock_strategy(strategy)
        if strategy.status == Strategy.Status.PUBLISHED:
            raise StrategyError(_("Strategien er allerede publisert."))
        if strategy.replaces_id is not None:
            published = _publish_into(strategy, user)
        else:
            before = strategy.status
            strategy.status = Strategy.Status.PUBLISHED
            strategy.published_at = timezone.now()
            strategy.save(update_fields=["status", "published_at"])
            changed(strategy, user, Action.PUBLISH, strategy, {"status": before}, {"status": strategy.status},
                    content=False)
            return strategy
    rebuilt(published)  # every item of the published strategy is new: SDG decisions follow their text
    return published


def _publish_into(draft: Strategy, user: AbstractBaseUser) -> Strategy:
    """The draft's content becomes the strategy it replaces (its address, its next version); the draft goes."""
    target = lock_strategy(draft.replaces_id)
    before = target.status
    replace_content(target, export_strategy(draft))
    target.status = Strategy.Status.PUBLISHED
    target.published_at = timezone.now()
    target.save(update_fields=["status", "published_at"])
    changed(target, user, Action.PUBLISH, target, {"status": before}, {"status": target.status})
    draft.delete()
    return target


def draft_to_replace(strategy: Strategy, data: IngestStrategy, user: AbstractBaseUser, after: dict[str, Any]
                     ) -> Strategy:
    """A new draft of ``strategy`` holding ``data`` (an earlier version), to review and then publish in its
    place; the published text stays as it is until then. Call inside the caller's transaction."""
    draft = Strategy(
        organisation=strategy.organisation,
        created_by=user if user and user.is_authenticated else None,
        source_filename=strategy.source_filename,
        source_sha256=strategy.source_sha256,
        source_format=strategy.source_format,
        source_pages=strategy.source_pages,
        import_warnings=strategy.import_warnings,
        replaces=strategy,
    )
    _apply_header(draft, data)
    draft.source_file.name = strategy.source_file.name  # the same document: one stored copy
    draft.save()
    _create_sections(draft, data.sections)
    SourcePage.objects.bulk_create(
        SourcePage(strategy=draft, number=page.number, text=page.text)
        for page in SourcePage.objects.filter(strategy=strategy).order_by("number")
    )
    changed(draft, user, Action.RESTORE, draft, None, after, new=True)
    return draft


def archive(strategy: Strategy, user: AbstractBaseUser) -> Strategy:
    with transaction.atomic():
        strategy = lock_strategy(strategy)
        if strategy.status != Strategy.Status.PUBLISHED:
            raise StrategyError(_("Bare en publisert strategi kan arkiveres."))
        strategy.status = Strategy.Status.ARCHIVED
        strategy.save(update_fields=["status"])
        changed(strategy, user, Action.ARCHIVE, strategy, {"status": "published"}, {"status": strategy.status},
                content=False)
    return strategy


def replace_content(strategy: Strategy, data: IngestStrategy) -> None:
    """Make the strategy's header and sections ``data`` (every section and item anew; call inside the
    caller's transaction with the row locked, then ``changes.changed``)."""
    Section.objects.filter(strategy=strategy, parent=None).delete()
    _apply_header(strategy, data)
    strategy.save(update_fields=["title", "period_start", "period_end", "language"])
    _create_sections(strategy, data.sections)
