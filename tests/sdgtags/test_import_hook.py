"""SDG proposals after imports: several strategies in a row, a folder import, and a failing hook.

The search benchmark once logged ``AttributeError: ... 'attached'`` from this hook
while importing; these pin that imports of several strategies propose tags for
each without any failure logged, and that a failing hook never spoils the
import's transaction (PostgreSQL aborts a transaction after a failed statement).
"""

from __future__ import annotations

import logging

import pytest
from django.db import connection, transaction

from veikart.web.ops.bulk_import import Outcome, import_folder
from veikart.web.sdgtags import services as sdg_services
from veikart.web.sdgtags.models import ItemTag
from veikart.web.strategies import services
from veikart.web.strategies.models import Strategy

PLANS = {
    "klima.md": "# Klimaplan for Eksempel kommune 2024–2027\n\n## 1 Klima\n\n### Mål\n\n"
                "- Klimagassutslippene fra kommunens virksomhet skal reduseres.\n",
    "skole.md": "# Oppvekstplan for Eksempel kommune 2024–2027\n\n## 1 Skole\n\n### Mål\n\n"
                "- Flere elever skal fullføre videregående opplæring.\n",
    "helse.md": "# Folkehelseplan for Eksempel kommune 2024–2027\n\n## 1 Helse\n\n### Mål\n\n"
                "- Befolkningen skal ha god fysisk og psykisk helse.\n",
}


def _failures(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "SDG proposals failed" in r.getMessage()]


def test_importing_several_strategies_in_a_row_proposes_tags_for_each(ks, alice, strategy_json, caplog):
    caplog.set_level(logging.ERROR)
    strategies = [services.import_strategy_json(ks, {**strategy_json, "title": f"Plan {n}"}, alice)
                  for n in range(3)]
    assert _failures(caplog) == []
    assert all(ItemTag.objects.filter(strategy=s).exists() for s in strategies)


def test_a_folder_import_proposes_tags_for_every_file(tmp_path, ks, caplog):
    caplog.set_level(logging.ERROR)
    for name, text in PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = import_folder(tmp_path, ks.slug, confirm=True)
    assert [r.outcome for r in report.results] == [Outcome.IMPORTED] * 3
    assert _failures(caplog) == []
    tagged = {ItemTag.objects.filter(strategy_id=r.strategy_id).values_list("goal_id", flat=True).first()
              for r in report.results}
    assert None not in tagged


def test_a_failing_hook_leaves_the_surrounding_transaction_usable(ks, alice, strategy_json, monkeypatch, caplog):
    def broken(strategy, classify=None):
        with connection.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM sdgtags_itemtag")

    monkeypatch.setattr(sdg_services, "propose_tags", broken)
    with transaction.atomic():  # as manage.py bulk_import runs each file
        strategy = services.import_strategy_json(ks, strategy_json, alice)
        assert Strategy.objects.filter(pk=strategy.pk).exists()
    assert _failures(caplog) != []
    assert Strategy.objects.filter(pk=strategy.pk).exists()


@pytest.mark.parametrize("error", [AttributeError("'QuerySet' object has no attribute 'attached'"), ValueError("x")])
def test_a_failing_hook_never_undoes_the_import(ks, alice, strategy_json, monkeypatch, error):
    def broken(strategy, classify=None):
        raise error

    monkeypatch.setattr(sdg_services, "propose_tags", broken)
    strategy = services.import_strategy_json(ks, strategy_json, alice)
    assert Strategy.objects.filter(pk=strategy.pk).exists()
