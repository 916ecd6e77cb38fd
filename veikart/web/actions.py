"""The one list of actions the audit log knows (``audit.ChangeRecord.action``).

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
    # People's SDG decisions (the sdgtags app)
    SDG_ACCEPT = "sdg_accept", _("Godtok bærekraftsmål")
    SDG_REJECT = "sdg_reject", _("Avviste bærekraftsmål")
    SDG_ADD = "sdg_add", _("La til bærekraftsmål")


# The versions a strategy can be restored to: a whole snapshot is kept at these points only.
SNAPSHOT_ACTIONS = frozenset({Action.IMPORT, Action.PUBLISH, Action.RESTORE})
