"""SDG tags: the classifier's proposals and people's decisions, shared by views and commands.

``propose_tags`` runs ``veikart.sdg.classify_many`` on every goal, commitment
and measure of a strategy (vectors from the semantic cache where it has them,
the rest embedded in batches) and stores each proposal's score and reason.
It needs the embedding model, so it runs in the task worker
(``tasks.propose_for_strategy``, queued by ``tasks.queue_proposals``) or in
``manage.py propose_sdg_tags``, never in a request. Proposals are
recomputed freely; a tag a person accepted, rejected or added is never
touched by them. Decisions are for editors of the item's organisation and go
into the strategy's audit log (``strategies.changes.changed``) with the tag before and after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.sdg import classifier
from veikart.sdg.classifier import READS, SdgMatch
from veikart.web.actions import Action
from veikart.web.orgs.models import Organisation
from veikart.web.planning.models import Measure
from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue
from veikart.web.sdgtags.models import ItemTag, LocalTarget, SdgTarget, TagStatus
from veikart.web.semantic.store import cached_vectors
from veikart.web.strategies.access import can_edit
from veikart.web.strategies.changes import changed, lock_strategy
from veikart.web.strategies.models import Item, Strategy

log = logging.getLogger(__name__)

Classify = Callable[[str, str | None], list[SdgMatch]]


class TagError(Exception):
    """A tag change that cannot be made; the message is shown to the person as is."""


@dataclass(frozen=True)
class ProposalSummary:
    items: int       # goals, commitments and measures classified
    created: int     # new proposals
    updated: int     # proposals whose score, reason or targets changed
    removed: int     # proposals the classifier no longer makes
    kept: int        # people's decisions left as they were
    reattached: int = 0  # decisions put back on their rebuilt item

    def __str__(self) -> str:
        text = _("%(items)d punkter: %(created)d nye forslag, %(updated)d endret, %(removed)d trukket tilbake, "
                 "%(kept)d avgjørelser beholdt") % vars(self)
        if self.reattached:
            text += _(", %(count)d avgjørelser satt tilbake") % {"count": self.reattached}
        return text


# --- proposals --------------------------------------------------------------------------------


def _language(strategy: Strategy) -> str | None:
    """The strategy's language when the classifier reads it (nynorsk too: the reasons are then nynorsk); else let
    it guess per text."""
    return strategy.language if strategy.language in READS else None


Key = tuple[str, int, int]  # ("item" or "measure", its id, SDG number)


def _key(tag: ItemTag) -> Key:
    return ("item", tag.item_id, tag.goal_id) if tag.item_id else ("measure", tag.measure_id, tag.goal_id)


def _texts(strategy: Strategy) -> list[tuple[str, int, str]]:
    """What the classifier reads: every goal and commitment, and every measure of the strategy's action plans."""
    items = Item.objects.filter(section__strategy=strategy).values_list("pk", "text")
    texts = [("item", pk, text) for pk, text in items]
    texts += [
        ("measure", pk, f"{title}. {description}".strip() if description else title)
        for pk, title, description in Measure.objects.filter(plan__strategy=strategy).values_list(
            "pk", "title", "description"
        )
    ]
    return texts


def _classify_all(texts: list[str], language: str | None) -> list[list[SdgMatch]]:
    """The real classifier over every text at once: cached vectors where the semantic cache has them.

    With VEIKART_MEANING off, by words alone: nothing is embedded (the test settings' choice).
    """
    if not settings.VEIKART_MEANING:
        return classifier.classify_many_by_words(texts, language)
    cached = cached_vectors(texts)
    missing = [t for t in dict.fromkeys(texts) if t not in cached]
    cached.update(zip(missing, classifier.SdgClassifier.embed(missing), strict=True))
    vectors = np.stack([cached[t] for t in texts]) if texts else None
    return classifier.classify_many(texts, language, vectors)


def propose_tags(strategy: Strategy, classify: Classify | None = None) -> ProposalSummary:
    """(Re)compute the proposed SDGs of every goal, commitment and measure in the strategy.

    New proposals are created, changed ones updated, withdrawn ones deleted;
    accepted, rejected and person-added tags stay exactly as they are.
    ``classify`` (one text at a time) replaces the real classifier in tests.
    """
    ensure_sdg_catalogue()
    language = _language(strategy)
    texts = _texts(strategy)
    proposals = _proposals(texts, language, classify)
    with transaction.atomic():
        lock_strategy(strategy)  # one writer of this strategy's tags at a time
        reattached = _reattach_decisions(strategy)
        existing = {
            _key(t): t for t in ItemTag.objects.filter(strategy=strategy).attached().prefetch_related("targets")
        }
        changes = _changes(strategy, proposals, existing)
        created, updated, removed = _write_changes(changes)
    if created or updated or removed or reattached:
        forget_cached_strategy_page(strategy)
    return ProposalSummary(items=len(texts), created=created, updated=updated, removed=removed, kept=changes.kept,
                           reattached=reattached)


def _proposals(
    texts: list[tuple[str, int, str]], language: str | None, classify: Classify | None
) -> dict[Key, SdgMatch]:
    """What the classifier proposes now, by (field, item, goal)."""
    if classify is not None:
        matches = [classify(text, language) for _field, _pk, text in texts]
    else:
        matches = _classify_all([text for _field, _pk, text in texts], language)
    proposals: dict[Key, SdgMatch] = {}
    for (item_field, pk, _text), found in zip(texts, matches, strict=True):
        for match in found:
            proposals[(item_field, pk, match.goal)] = match
    return proposals


@dataclass
class _TagChanges:
    """Proposals against the tags there are: what to create, update and delete; decided tags are kept."""

    new_tags: list[ItemTag] = field(default_factory=list)
    changed_tags: list[ItemTag] = field(default_factory=list)
    new_targets: dict[Key, tuple[str, ...]] = field(default_factory=dict)
    stale: list[int] = field(default_factory=list)
    kept: int = 0


def _changes(strategy: Strategy, proposals: dict[Key, SdgMatch], existing: dict[Key, ItemTag]) -> _TagChanges:
    changes = _TagChanges()
    for key, match in proposals.items():
        tag = existing.get(key)
        if tag is None:
            item_field, pk, goal = key
            changes.new_tags.append(ItemTag(strategy=strategy, goal_id=goal, score=match.score, why=match.why,
                                            status=TagStatus.PROPOSED, **{f"{item_field}_id": pk}))
            changes.new_targets[key] = match.targets
        elif tag.status != TagStatus.PROPOSED:
            changes.kept += 1
        elif (tag.score, tag.why, set(tag.target_codes)) != (match.score, match.why, set(match.targets)):
            tag.score, tag.why = match.score, match.why
            changes.changed_tags.append(tag)
            changes.new_targets[key] = match.targets
    changes.stale = [t.pk for key, t in existing.items() if key not in proposals and t.status == TagStatus.PROPOSED]
    changes.kept += sum(1 for key, t in existing.items() if key not in proposals and t.status != TagStatus.PROPOSED)
    return changes


def _write_changes(changes: _TagChanges) -> tuple[int, int, int]:
    """(created, updated, removed). The status test repeats inside each write so a decision made meanwhile is
    never undone."""
    removed = ItemTag.objects.filter(pk__in=changes.stale, status=TagStatus.PROPOSED).delete()[1].get(
        ItemTag._meta.label, 0
    )
    ItemTag.objects.bulk_create(changes.new_tags)
    updated = 0
    for tag in changes.changed_tags:
        updated += ItemTag.objects.filter(pk=tag.pk, status=TagStatus.PROPOSED).update(
            score=tag.score, why=tag.why, updated_at=timezone.now()
        )
    Through = ItemTag.targets.through
    Through.objects.filter(itemtag_id__in=[t.pk for t in changes.changed_tags]).delete()
    Through.objects.bulk_create(
        Through(itemtag_id=tag.pk, sdgtarget_id=code)
        for tag in changes.new_tags + changes.changed_tags
        for code in changes.new_targets[_key(tag)]
    )
    return len(changes.new_tags), updated, removed


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _reattach_decisions(strategy: Strategy) -> int:
    """Put decisions whose item was rebuilt (restore, merge) back on the item with the same text.

    A proposal already on that item for the same SDG gives way to the decision.
    Decisions whose text no item has any more wait; open proposals without an
    item are dropped.
    """
    ItemTag.objects.filter(strategy=strategy, item__isnull=True, measure__isnull=True,
                           status=TagStatus.PROPOSED).delete()
    waiting = list(ItemTag.objects.filter(strategy=strategy, item__isnull=True, measure__isnull=True))
    if not waiting:
        return 0
    by_text: dict[str, list[int]] = {}
    for pk, text in Item.objects.filter(section__strategy=strategy).order_by("pk").values_list("pk", "text"):
        by_text.setdefault(_normal(text), []).append(pk)
    taken = {(item_id, goal): status for item_id, goal, status in ItemTag.objects.filter(
        strategy=strategy, item__isnull=False).values_list("item_id", "goal_id", "status")}
    reattached = 0
    for tag in waiting:
        for item_id in by_text.get(_normal(tag.item_text), []):
            status = taken.get((item_id, tag.goal_id))
            if status is None or status == TagStatus.PROPOSED:
                ItemTag.objects.filter(item_id=item_id, goal_id=tag.goal_id, status=TagStatus.PROPOSED).delete()
                tag.item_id = item_id
                tag.save(update_fields=["item", "updated_at"])
                taken[(item_id, tag.goal_id)] = tag.status
                reattached += 1
                break
    return reattached


def forget_cached_strategy_page(strategy: Strategy) -> None:
    """Make strategy.html's cached tree stale: its key holds the strategy's updated_at, which proposals
    (no new version: they are no person's change) would otherwise leave as it was."""
    Strategy.objects.filter(pk=strategy.pk).update(updated_at=timezone.now())


def propose_safely(strategy_id: int) -> ProposalSummary | None:
    """The task's work: propose, or log why not (the strategy may be gone by now)."""
    strategy = Strategy.objects.filter(pk=strategy_id).first()
    if strategy is None:
        return None
    try:
        if not connection.in_atomic_block:  # no savepoint needed; and no write lock held while classifying
            return propose_tags(strategy)
        # Inside a caller's transaction (the immediate task backend; ``manage.py bulk_import`` runs each file in
        # one): a savepoint, so a failed statement here rolls back only the proposals. Without it
        # PostgreSQL refuses every further statement of the import's transaction.
        with transaction.atomic():
            return propose_tags(strategy)
    except Exception:  # any classifier or database failure: log it, keep the import
        log.exception("SDG proposals failed for strategy %s", strategy.pk)
        return None


# --- people's decisions -----------------------------------------------------------------------


def is_a_persons_decision(tag: ItemTag, update_fields: frozenset[str] | None) -> bool:
    """A write of a person's decision, for the audit log's watch on edits made past these services: not a
    proposal (the classifier's), nor a decision moved onto its item's new row after a restore."""
    return tag.status != TagStatus.PROPOSED and update_fields != frozenset({"item", "updated_at"})


def tag_state(tag: ItemTag | None) -> dict[str, Any] | None:
    """What the audit trail keeps of a tag."""
    if tag is None:
        return None
    return {
        "sdg": tag.goal_id,
        "status": tag.status,
        "targets": sorted(t.code for t in tag.targets.all()),
        "local_targets": sorted(t.code for t in tag.local_targets.all()),
        "score": None if tag.score is None else round(tag.score, 3),
    }


def _check_may_change(strategy: Strategy, user: AbstractBaseUser | None) -> None:
    if user is None or not can_edit(user, strategy.organisation_id):
        raise PermissionDenied("only the organisation's editors may change SDG tags")
    if strategy.status == Strategy.Status.ARCHIVED:
        raise TagError(_("Strategien er arkivert og kan ikke endres."))


def _goal_number(goal: Any) -> int:
    try:
        number = int(goal)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 17:
        raise TagError(_("Bærekraftsmålene er nummerert fra 1 til 17."))
    return number


def _subject(strategy: Strategy, item_id: Any, measure_id: Any = None) -> tuple[str, Item | Measure]:
    """The goal/commitment (``item_id``) or measure (``measure_id``) of this strategy being tagged."""
    if measure_id is not None:
        measure = (Measure.objects.filter(pk=measure_id, plan__strategy=strategy).first()
                   if str(measure_id).isdigit() else None)
        if measure is None:
            raise TagError(_("Fant ikke tiltaket i denne strategiens handlingsplaner."))
        return "measure", measure
    item = Item.objects.filter(pk=item_id, section__strategy=strategy).first() if str(item_id).isdigit() else None
    if item is None:
        raise TagError(_("Fant ikke punktet i denne strategien."))
    return "item", item


def _targets(goal: int, codes: Iterable[str]) -> list[SdgTarget]:
    codes = [c.strip() for c in codes if c and c.strip()]
    found = list(SdgTarget.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        missing = sorted(set(codes) - {t.code for t in found})
        raise TagError(_("Ukjent delmål: %(codes)s.") % {"codes": ", ".join(missing)})
    wrong = [t.code for t in found if t.goal_id != goal]
    if wrong:
        raise TagError(_("Delmål %(codes)s hører ikke til bærekraftsmål %(goal)s.")
                       % {"codes": ", ".join(wrong), "goal": goal})
    return found


def _local_targets(strategy: Strategy, goal: int, ids: Iterable[Any]) -> list[LocalTarget]:
    ids = [int(i) for i in ids if str(i).isdigit()]
    found = list(LocalTarget.objects.filter(pk__in=ids, organisation_id=strategy.organisation_id))
    if len(found) != len(set(ids)):
        raise TagError(_("Ukjent lokalt delmål for denne organisasjonen."))
    if any(t.goal_id != goal for t in found):
        raise TagError(_("Det lokale delmålet hører til et annet bærekraftsmål."))
    return found


def _decide(
    strategy: Strategy,
    user: AbstractBaseUser,
    item_id: Any,
    goal: Any,
    decide: Callable[[ItemTag | None], tuple[str, str]],
    targets: Sequence[str] | None = None,
    local_targets: Sequence[Any] | None = None,
    measure_id: Any = None,
) -> ItemTag:
    """Apply one person's decision to the (item or measure, goal) tag, with its audit record, in one transaction.

    ``decide`` gets the current tag (or None) and returns (new status, audit action).
    """
    _check_may_change(strategy, user)
    number = _goal_number(goal)
    ensure_sdg_catalogue()
    with transaction.atomic():
        strategy = lock_strategy(strategy)
        field, subject = _subject(strategy, item_id, measure_id)
        chosen_targets = _targets(number, targets) if targets is not None else None
        chosen_locals = _local_targets(strategy, number, local_targets) if local_targets is not None else None
        tag = ItemTag.objects.filter(goal_id=number, **{field: subject}).first()
        before = tag_state(tag)
        status, action = decide(tag)
        if tag is None:
            tag = ItemTag(strategy=strategy, goal_id=number, **{field: subject})
        tag.status = status
        if field == "item":
            tag.item_text = subject.text  # lets the decision find its item again after a restore
        tag.decided_by = user
        tag.decided_at = timezone.now()
        try:
            with transaction.atomic():
                tag.save()
        except IntegrityError as exc:  # someone tagged the same item with the same goal a moment ago
            raise TagError(_("Punktet ble endret samtidig av en annen. Last siden på nytt.")) from exc
        if chosen_targets is not None:
            tag.targets.add(*chosen_targets)
        if chosen_locals is not None:
            tag.local_targets.add(*chosen_locals)
        changed(strategy, user, action, subject, before, tag_state(tag))
    return tag


def _on_a_proposal(status: str, action: str, missing: str) -> Callable[[ItemTag | None], tuple[str, str]]:
    """The ``decide`` of a decision on an existing tag: (status, action), or ``missing`` when there is no tag."""

    def decide(tag: ItemTag | None) -> tuple[str, str]:
        if tag is None:
            raise TagError(missing)
        return status, action

    return decide


def accept_tag(
    strategy: Strategy, user: AbstractBaseUser, item_id: Any, goal: Any, *, measure_id: Any = None
) -> ItemTag:
    """A person agrees with a proposal (or takes back a rejection)."""
    missing = _("Det finnes ikke noe forslag å godta for dette bærekraftsmålet.")
    decide = _on_a_proposal(TagStatus.ACCEPTED, Action.SDG_ACCEPT, missing)
    return _decide(strategy, user, item_id, goal, decide, measure_id=measure_id)


def reject_tag(
    strategy: Strategy, user: AbstractBaseUser, item_id: Any, goal: Any, *, measure_id: Any = None
) -> ItemTag:
    """A person says the item does not serve this SDG; kept, so the proposal never comes back."""
    missing = _("Det finnes ikke noe forslag å avvise for dette bærekraftsmålet.")
    decide = _on_a_proposal(TagStatus.REJECTED, Action.SDG_REJECT, missing)
    return _decide(strategy, user, item_id, goal, decide, measure_id=measure_id)


def add_tag(
    strategy: Strategy,
    user: AbstractBaseUser,
    item_id: Any,
    goal: Any,
    targets: Sequence[str] = (),
    local_targets: Sequence[Any] = (),
    *,
    measure_id: Any = None,
) -> ItemTag:
    """A person tags the item (or measure) with an SDG, and optionally some of its targets and local targets.

    On a proposal this is an acceptance (the proposal's score and reason stay);
    on a rejected tag or none it is the person's own tag.
    """

    def decide(tag: ItemTag | None) -> tuple[str, str]:
        if tag is not None and tag.status in (TagStatus.PROPOSED, TagStatus.ACCEPTED):
            return TagStatus.ACCEPTED, Action.SDG_ADD
        return TagStatus.ADDED, Action.SDG_ADD

    return _decide(strategy, user, item_id, goal, decide, list(targets), list(local_targets), measure_id)


# --- local targets ----------------------------------------------------------------------------


def _check_may_edit_organisation(organisation: Organisation, user: AbstractBaseUser | None) -> None:
    if user is None or not can_edit(user, organisation.pk):
        raise PermissionDenied("only the organisation's editors may change its local targets")


def _clean_local(parent_code: str, code: str, text: str) -> tuple[SdgTarget, str, str]:
    parent = SdgTarget.objects.filter(code=(parent_code or "").strip()).first()
    if parent is None:
        raise TagError(_("Velg FN-delmålet det lokale delmålet hører under."))
    code, text = (code or "").strip(), (text or "").strip()
    if not code or len(code) > 20:
        raise TagError(_("Koden må ha mellom 1 og 20 tegn."))
    if not text:
        raise TagError(_("Det lokale delmålet må ha en tekst."))
    return parent, code, text


def create_local_target(
    organisation: Organisation, user: AbstractBaseUser, parent_code: str, code: str, text: str
) -> LocalTarget:
    _check_may_edit_organisation(organisation, user)
    parent, code, text = _clean_local(parent_code, code, text)
    if LocalTarget.objects.filter(organisation=organisation, code=code).exists():
        raise TagError(_("Koden %(code)s er allerede i bruk.") % {"code": code})
    try:
        with transaction.atomic():
            return LocalTarget.objects.create(
                organisation=organisation, parent=parent, code=code, text=text, updated_by=user
            )
    except IntegrityError as exc:
        raise TagError(_("Koden %(code)s er allerede i bruk.") % {"code": code}) from exc


def update_local_target(
    organisation: Organisation, user: AbstractBaseUser, target_id: Any, parent_code: str, code: str, text: str
) -> LocalTarget:
    _check_may_edit_organisation(organisation, user)
    target = _own_local_target(organisation, target_id)
    parent, code, text = _clean_local(parent_code, code, text)
    if LocalTarget.objects.filter(organisation=organisation, code=code).exclude(pk=target.pk).exists():
        raise TagError(_("Koden %(code)s er allerede i bruk.") % {"code": code})
    if parent.goal_id != target.parent.goal_id and target.tags.exists():
        raise TagError(_("Delmålet er koblet til punkter under bærekraftsmål %(goal)s og kan ikke flyttes "
                         "til et annet bærekraftsmål.") % {"goal": target.parent.goal_id})
    target.parent, target.code, target.text, target.updated_by = parent, code, text, user
    target.save()
    return target


def delete_local_target(organisation: Organisation, user: AbstractBaseUser, target_id: Any) -> None:
    _check_may_edit_organisation(organisation, user)
    _own_local_target(organisation, target_id).delete()


def _own_local_target(organisation: Organisation, target_id: Any) -> LocalTarget:
    target = (
        LocalTarget.objects.select_related("parent").filter(pk=target_id, organisation=organisation).first()
        if str(target_id).isdigit() else None
    )
    if target is None:
        raise TagError(_("Fant ikke det lokale delmålet."))
    return target
