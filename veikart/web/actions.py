"""The one list of actions the audit log knows (``audit.ChangeRecord.action``): strategies, SDG decisions, plans.

Kept at the bottom of the web layer, beside no app, so that every app that
makes a change (strategies, sdgtags, …) can name it without importing the
audit app, which sits above them and records what they send
(``strategies.changes.strategy_changed``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    IMPORT = "import", _("Importert")
    EDIT_STRATEGY = "edit_strategy", _("Endret strategien")
    EDIT_ITEM = "edit_item", _("Endret tekst")
    CHANGE_KIND = "change_kind", _("Endret type")
    MOVE_ITEM = "move_item", _("Flyttet punkt")
    MERGE_ITEMS = "merge_items", _("Slo sammen punkter")
    SPLIT_ITEM = "split_item", _("Delte punkt")
    ADD_ITEM = "add_item", _("La til punkt")
    DELETE_ITEM = "delete_item", _("Slettet punkt")
    EDIT_SECTION = "edit_section", _("Endret kapittel")
    MOVE_SECTION = "move_section", _("Flyttet kapittel")
    ADD_SECTION = "add_section", _("La til kapittel")
    DELETE_SECTION = "delete_section", _("Slettet kapittel")
    PUBLISH = "publish", _("Publisert")
    ARCHIVE = "archive", _("Arkivert")
    RESTORE = "restore", _("Gjenopprettet versjon")
    # A change made past the services: in the Django admin or in a shell (audit.outside)
    EDIT_OUTSIDE = "edit_outside", _("Endret utenfor appen")
    # Plans, measures, indicators and reporting (the planning app; entries without a strategy version)
    CREATE_PLAN = "create_plan", _("Opprettet handlingsplan")
    EDIT_PLAN = "edit_plan", _("Endret handlingsplan")
    CREATE_MEASURE = "create_measure", _("Opprettet tiltak")
    EDIT_MEASURE = "edit_measure", _("Endret tiltak")
    STATUS_UPDATE = "status_update", _("Statusoppdatering")
    CARRY_OVER = "carry_over", _("Videreførte tiltak")
    IMPORT_VALUES = "import_values", _("Importerte indikatorverdier")
    CREATE_INDICATOR = "create_indicator", _("Opprettet indikator")
    EDIT_INDICATOR = "edit_indicator", _("Endret indikator")
    IMPORT_MEASURES = "import_measures", _("Importerte tiltak")
    ASSESS = "assess", _("Vurderte")
    SUBMIT_PERIOD = "submit_period", _("Sendte inn rapporteringen")
    APPROVE_PERIOD = "approve_period", _("Godkjente rapporteringen")
    REOPEN_PERIOD = "reopen_period", _("Åpnet rapporteringen igjen")
    # People's SDG decisions (the sdgtags app)
    SDG_ACCEPT = "sdg_accept", _("Godtok bærekraftsmål")
    SDG_REJECT = "sdg_reject", _("Avviste bærekraftsmål")
    SDG_ADD = "sdg_add", _("La til bærekraftsmål")


# The versions a strategy can be restored to: a whole snapshot is kept at these points only.
SNAPSHOT_ACTIONS = frozenset({Action.IMPORT, Action.PUBLISH, Action.RESTORE})
# The planning app's actions: their entries belong to a plan's log, not to a version of the strategy.
PLAN_ACTIONS = frozenset(
    {
        Action.CREATE_PLAN,
        Action.EDIT_PLAN,
        Action.CREATE_MEASURE,
        Action.EDIT_MEASURE,
        Action.STATUS_UPDATE,
        Action.CARRY_OVER,
        Action.IMPORT_VALUES,
        Action.CREATE_INDICATOR,
        Action.EDIT_INDICATOR,
        Action.IMPORT_MEASURES,
        Action.ASSESS,
        Action.SUBMIT_PERIOD,
        Action.APPROVE_PERIOD,
        Action.REOPEN_PERIOD,
    }
)
