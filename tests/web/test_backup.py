"""manage.py backup and restore: everything (rows and stored files) comes back in an empty installation."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.web.conftest import PAGE_ONE, PAGE_TWO
from veikart.web.api import tokens
from veikart.web.ops.backup import _dumped_models
from veikart.web.planning import services as planning
from veikart.web.planning.models import Indicator, Value, ValueImport
from veikart.web.strategies import services
from veikart.web.strategies.models import Strategy

pytestmark = pytest.mark.django_db(transaction=True)  # flush and loaddata commit for real


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in _dumped_models()}


def _world(ks, alice, oslo, strategy_json):
    strategy = services.import_strategy(ks, services.parse_strategy_json(strategy_json), alice,
                                        pages=[PAGE_ONE, PAGE_TWO])
    strategy.source_file.save("ks.pdf", ContentFile(b"%PDF-1.4 kildedokument"), save=True)
    strategy = services.publish(strategy, alice)
    plan = planning.create_plan(strategy, 2021, alice, "Plan")
    measure = planning.create_measure(plan, alice, title="Lederkurs", due=date(2021, 6, 30))
    planning.add_status_update(measure, alice, status="in_progress", progress=30, comment="I rute")
    indicator = Indicator.objects.create(organisation=ks, key="laerlinger", name="Lærlinger", unit="per 1000")
    from django.utils import timezone

    Value.objects.create(indicator=indicator, organisation=oslo, period="2021", period_end=date(2021, 12, 31),
                         value=1.5, source="test", imported_at=timezone.now())
    job = ValueImport(organisation=ks, indicator=indicator, filename="verdier.csv", sha256="0" * 64, report={})
    job.file.save("verdier.csv", ContentFile("kommunenummer;år;verdi\n0301;2021;1,5\n".encode()), save=True)
    secret = tokens.issue(name="import", organisation=ks, role="editor", owner=alice)[1]
    return strategy, secret


def test_a_backup_restores_into_an_empty_database(ks, oslo, alice, strategy_json, tmp_path, settings):
    strategy, secret = _world(ks, alice, oslo, strategy_json)
    before_counts = _counts()
    before_json = services.export_strategy_json(strategy)
    files = {strategy.source_file.name: b"%PDF-1.4 kildedokument",
             ValueImport.objects.get().file.name: "kommunenummer;år;verdi\n0301;2021;1,5\n".encode()}
    target = tmp_path / "veikart.tar.gz"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert "2 files" in out.getvalue()

    # A new installation: an empty database and an empty media folder.
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "new-media"
    assert not Strategy.objects.exists() and not apps.get_model("auth.User").objects.exists()
    assert not default_storage.exists(strategy.source_file.name)

    call_command("restore", str(target), stdout=io.StringIO())
    assert _counts() == before_counts
    restored = Strategy.objects.get(pk=strategy.pk)
    assert services.export_strategy_json(restored) == before_json
    for name, content in files.items():
        with default_storage.open(name, "rb") as handle:
            assert handle.read() == content, name
    # People can sign in with their old password, programs with their old token.
    assert Client().post("/logg-inn/", {"username": "alice", "password": "hemmelig-passord-1"}).status_code == 302
    job_id = ValueImport.objects.get().pk
    response = Client().get(f"/api/value-imports/{job_id}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert Client().get(restored.get_absolute_url()).status_code == 200
    assert Client().get(f"/strategier/{restored.pk}/kildedokument/").status_code == 200


def test_restore_refuses_a_database_that_is_not_empty(ks, oslo, alice, strategy_json, tmp_path):
    _world(ks, alice, oslo, strategy_json)
    target = tmp_path / "veikart.tar.gz"
    call_command("backup", str(target), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(target), stdout=io.StringIO())


def test_one_organisations_export_imports_into_an_empty_installation(ks, oslo, alice, charlie, strategy_json,
                                                                     tmp_path, settings):
    strategy, secret = _world(ks, alice, oslo, strategy_json)
    other = dict(strategy_json, title="Oslos egen strategi")
    other["source"] = {"filename": "oslo.pdf", "sha256": "ee" * 32, "pages": 1, "format": "pdf"}
    oslo_strategy = services.import_strategy(oslo, services.parse_strategy_json(other), charlie)
    oslo_goal = oslo_strategy.sections.first().children.first().items.first()
    Indicator.objects.get(key="laerlinger").goals.add(oslo_goal)  # a link to another organisation's goal
    ks_json = services.export_strategy_json(strategy)
    target = tmp_path / "ks.tar.gz"
    call_command("export_organisation", "ks", str(target), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "new-media"
    call_command("restore", str(target), stdout=io.StringIO())
    assert list(Strategy.objects.values_list("title", flat=True)) == [strategy.title]
    assert services.export_strategy_json(Strategy.objects.get()) == ks_json
    assert set(apps.get_model("auth.User").objects.values_list("username", flat=True)) == {"alice"}
    assert Value.objects.get().organisation.number == "0301"  # the member the value is about, as a bare row
    assert Indicator.objects.get().goals.count() == 0  # Oslo's goal stayed behind
    with default_storage.open(strategy.source_file.name, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 kildedokument"
    job_id = ValueImport.objects.get().pk
    assert Client().get(f"/api/value-imports/{job_id}", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
