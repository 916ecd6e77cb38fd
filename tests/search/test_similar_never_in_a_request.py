"""Similar items are recomputed by the task worker (or a command), never in a web request."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from veikart.web.search import similar
from veikart.web.strategies.models import Item

ROOT = Path(__file__).resolve().parents[2] / "veikart"
RECOMPUTE = {"recompute_for_strategy", "rebuild_all", "reindex_all", "similar_items_after_commit"}
# Where the recomputation may be called: the task, the facade's command-only paths, and the commands.
ALLOWED = {
    "web/search/tasks.py",  # the background task
    "web/search/facade.py",  # similar_items_after_commit's end, reindex_all
    "web/search/management/commands/reindex_search.py",
    "web/ops/bulk_import.py",  # manage.py bulk_import (a command, no worker beside it)
    "web/ops/demo_corpus.py",  # manage.py load_demo_corpus
}


def _callers() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path.name == "similar.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in RECOMPUTE:
                    found.setdefault(str(path.relative_to(ROOT)), set()).add(name)
    return found


def test_only_the_task_and_the_commands_call_the_similar_items_recomputation():
    callers = _callers()
    assert set(callers) <= ALLOWED, {k: v for k, v in callers.items() if k not in ALLOWED}
    assert callers["web/search/tasks.py"] == {"recompute_for_strategy"}


@pytest.fixture
def no_recompute_here(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def refuse(*args, **kwargs):
        raise AssertionError("similar items recomputed in the request")

    monkeypatch.setattr(similar, "recompute_for_strategy", refuse)
    monkeypatch.setattr(similar, "rebuild_all", refuse)


def test_editing_queues_the_similar_items_task_and_publishing_needs_none(client, alice, draft, no_recompute_here):
    client.force_login(alice)
    item = Item.objects.filter(section__strategy=draft).first()
    queued = DBTaskResult.objects.filter(task_path__endswith="tasks.recompute_similar")
    edit = client.post(reverse("edit", args=[draft.pk]),
                       {"action": "edit_item", "item": item.pk, "version": item.version, "text": "Ny tekst."})
    assert edit.status_code == 302
    assert queued.count() == 1
    # Publishing changes who may see the rows, which similar items do not store: nothing to recompute.
    assert client.post(reverse("publish", args=[draft.pk])).status_code == 302
    assert queued.count() == 1
