"""One organisation's data in the backup format, so ``manage.py restore`` loads it into an empty installation.

What belongs to the organisation: itself, its memberships and their people,
its strategies with everything on them (pages, sections, items, plans,
measures, status history, SDG tags, audit trail, snapshots, search rows), its
import jobs, indicators (with their targets for its own strategies and every
value, plus the member organisations the values are about, as bare rows),
value imports, local SDG targets and API tokens, and the files all of these
name, and the UN SDG catalogue the tags point at. Left out, because they point at other organisations or are recomputed:
similar items, cached comparisons, sentence vectors, the task queue, the admin
log. A link to another organisation's goal (an indicator's goals) is dropped.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction
from django.db.models import FileField, Model, Q

from veikart.web.api.models import ApiToken
from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.ops.backup import Summary, write_archive
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.planning.models import (
    ActionPlan,
    Indicator,
    Measure,
    StatusUpdate,
    Target,
    Value,
    ValueImport,
)
from veikart.web.sdgtags.models import ItemTag, LocalTarget, SdgGoal, SdgTarget
from veikart.web.search.models import SearchDocument
from veikart.web.strategies.models import ImportJob, Item, Section, SourcePage, Strategy

# (model, fields naming a user) of the rows exported: those users come along, before the rows (natural keys).
USER_FIELDS = {
    Strategy: ("created_by", "updated_by"), ImportJob: ("uploaded_by",), StatusUpdate: ("author",),
    ChangeRecord: ("user",), ValueImport: ("uploaded_by", "applied_by"),
    ItemTag: ("decided_by",), LocalTarget: ("updated_by",), ApiToken: ("owner",), Membership: ("user",),
}


def organisation_rows(org: Organisation) -> list[Iterable[Model]]:
    """The querysets of the organisation's rows, parents before children."""
    strategies = Strategy.objects.filter(organisation=org)
    indicators = Indicator.objects.filter(organisation=org)
    measures = Measure.objects.filter(plan__strategy__in=strategies)
    return [
        # The UN catalogue the tags point at (a migration loads it; restoring it again changes nothing).
        SdgGoal.objects.order_by("number"), SdgTarget.objects.all(),
        Membership.objects.filter(organisation=org),
        strategies, SourcePage.objects.filter(strategy__in=strategies),
        Section.objects.filter(strategy__in=strategies).order_by("pk"),  # a parent has the lower id
        Item.objects.filter(section__strategy__in=strategies),
        ImportJob.objects.filter(organisation=org),
        ActionPlan.objects.filter(strategy__in=strategies), measures, StatusUpdate.objects.filter(measure__in=measures),
        indicators,
        Target.objects.filter(Q(strategy__isnull=True) | Q(strategy__in=strategies), indicator__in=indicators),
        Value.objects.filter(indicator__in=indicators), ValueImport.objects.filter(organisation=org),
        LocalTarget.objects.filter(organisation=org), ItemTag.objects.filter(strategy__in=strategies),
        # the one audit log: the strategies' entries and their plans' (planning.PlanChange is a view of it)
        ChangeRecord.objects.filter(strategy__in=strategies), StrategySnapshot.objects.filter(strategy__in=strategies),
        ApiToken.objects.filter(organisation=org), SearchDocument.objects.filter(strategy__in=strategies),
    ]


def _people(rows: list[Iterable[Model]]) -> list[Model]:
    ids: set[int] = set()
    for queryset in rows:
        for name in USER_FIELDS.get(queryset.model, ()):
            ids.update(pk for pk in queryset.values_list(name, flat=True) if pk)
    return list(get_user_model().objects.filter(pk__in=ids).order_by("pk"))


def _organisations(org: Organisation) -> list[Organisation]:
    """The organisation, then the ones its indicators' values are about (bare rows: names and numbers)."""
    about = Value.objects.filter(indicator__organisation=org).values_list("organisation", flat=True).distinct()
    return [org, *Organisation.objects.filter(pk__in=about).exclude(pk=org.pk).order_by("pk")]


def _trim(data: list[dict], item_ids: set[int]) -> list[dict]:
    """Drop links to rows the export leaves out: other organisations' goals, groups."""
    for entry in data:
        fields = entry["fields"]
        if entry["model"] == "planning.indicator":
            fields["goals"] = [pk for pk in fields.get("goals", []) if pk in item_ids]
        if entry["model"] == "auth.user":
            fields["groups"] = []
    return data


def export_organisation(org: Organisation, target: Path, log: Callable[[str], None] = print) -> Summary:
    with tempfile.TemporaryDirectory() as scratch, transaction.atomic():
        rows = organisation_rows(org)
        objects = list(chain(_organisations(org), _people(rows), *rows))
        item_ids = {o.pk for o in objects if isinstance(o, Item)}
        data = json.loads(serializers.serialize("json", objects, use_natural_foreign_keys=True,
                                                use_natural_primary_keys=True))
        data_path = Path(scratch) / "data.json"
        data_path.write_text(json.dumps(_trim(data, item_ids), ensure_ascii=False))
        files = {getattr(o, f.name).name: f for o in objects for f in o._meta.concrete_fields
                 if isinstance(f, FileField) and getattr(o, f.name)}
        return write_archive(target, data_path, files, len(objects), log, organisation=org.slug)
