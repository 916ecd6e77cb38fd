"""Copy ``veikart.sdg``'s catalogue (17 goals, 169 targets, nb and en) into the database.

Idempotent: rows are created or updated to match the catalogue, so running it
again after a bokmål correction updates the texts. Used by the data migration,
``manage.py load_sdg`` and (when the tables are empty) by the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from veikart.sdg.catalogue import load_catalogue
from veikart.web.sdgtags.models import SdgGoal, SdgTarget


@dataclass(frozen=True)
class LoadSummary:
    goals: int
    targets: int
    changed: int  # rows created or whose text/colour differed

    def __str__(self) -> str:
        return _("%(goals)d mål, %(targets)d delmål (%(changed)d nye eller endret)") % {
            "goals": self.goals, "targets": self.targets, "changed": self.changed}


def load_sdg_catalogue(goal_model=None, target_model=None) -> LoadSummary:
    """Create or update every goal and target; the models may be a migration's historical ones."""
    if goal_model is None or target_model is None:
        goal_model, target_model = SdgGoal, SdgTarget
    catalogue = load_catalogue()
    changed = 0
    with transaction.atomic():  # missing rows in one insert per table (an empty, e.g. flushed, database: all)
        existing_goals = {g.number: g for g in goal_model.objects.all()}
        new_goals = []
        for goal in catalogue.goals.values():
            values = {
                "short_nb": goal.short_nb, "short_en": goal.short_en,
                "title_nb": goal.title_nb, "title_en": goal.title_en, "colour": goal.colour,
            }
            row = existing_goals.get(goal.number)
            if row is None:
                new_goals.append(goal_model(number=goal.number, **values))
            elif any(getattr(row, k) != v for k, v in values.items()):
                goal_model.objects.filter(pk=row.pk).update(**values)
            else:
                continue
            changed += 1
        goal_model.objects.bulk_create(new_goals)
        existing_targets = {t.code: t for t in target_model.objects.all()}
        new_targets = []
        for position, target in enumerate(catalogue.targets.values()):
            values = {"goal_id": target.goal, "text_nb": target.text_nb, "text_en": target.text_en,
                      "position": position}
            row = existing_targets.get(target.id)
            if row is None:
                new_targets.append(target_model(code=target.id, **values))
            elif any(getattr(row, k) != v for k, v in values.items()):
                target_model.objects.filter(pk=row.pk).update(**values)
            else:
                continue
            changed += 1
        target_model.objects.bulk_create(new_targets)
    return LoadSummary(goals=len(catalogue.goals), targets=len(catalogue.targets), changed=changed)


def ensure_sdg_catalogue() -> None:
    """Load the catalogue when the tables are empty (a flushed database); one query otherwise."""
    if SdgTarget.objects.count() != len(load_catalogue().targets):
        load_sdg_catalogue()
