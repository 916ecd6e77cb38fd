"""Hybrid search and the vector cache, with the real model on a handful of texts (one model load per process)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.search.conftest import make_strategy
from tests.web.conftest import OnSharedRows, ks_and_alice, make_people
from veikart import semantic
from veikart.web.orgs.models import Organisation
from veikart.web.search.facade import search
from veikart.web.semantic import embedding, matrix, store
from veikart.web.semantic.models import EmbeddingJob, TextVector
from veikart.web.strategies import edits
from veikart.web.strategies.models import Item, Strategy

ABSENCE = "Redusere fravær blant ansatte i helse og omsorg."
FLOODS = "Kommunen tilpasser seg klimaendringene og forebygger flom og skred."
OSLO = {
    "Arbeidsmiljø": [ABSENCE, "Flere heltidsstillinger i kommunen."],
    "Natur og beredskap": [FLOODS, "+Bygge ny idrettshall på Sletta."],
}
KS_DRAFT_GOAL = "Færre medarbeidere borte fra jobb på grunn av sykdom."


@pytest.fixture(autouse=True)
def _fresh_matrix():
    matrix.forget()  # ids of rolled-back vector rows are given out again
    yield
    matrix.forget()


def _plans(ks, oslo, alice, charlie) -> tuple:
    """Oslo's published plan and KS's draft."""
    oslo_plan = make_strategy(oslo, charlie, "Oslo arbeidsgiverplan", OSLO)
    ks_draft = make_strategy(ks, alice, "KS utkast", {"Arbeidsgiver": [KS_DRAFT_GOAL]}, publish=False)
    return oslo_plan, ks_draft


@pytest.fixture
def plans(ks, oslo, alice, charlie):
    return _plans(ks, oslo, alice, charlie)


def texts(page) -> list[str]:
    return [r.doc.body or r.doc.title for r in page.results]


def test_a_cached_text_is_not_embedded_again(db):
    assert store.embed_and_store(["Trygg skolevei.", "Rent vann."]) == 2
    assert store.embed_and_store(["Trygg skolevei.", "Rent vann."]) == 0
    assert store.embed_and_store(["Rent vann.", "Flere sykkelveier."]) == 1
    row = TextVector.objects.get(key=semantic.text_key("Rent vann."))
    assert row.model == semantic.MODEL and len(row.vector) == 1536
    vectors = store.vectors_for(["Rent vann.", "Trygg skolevei."])
    assert vectors.shape == (2, semantic.DIMENSIONS)
    assert abs(float(vectors[0] @ vectors[0]) - 1.0) < 1e-4 and float(vectors[0] @ vectors[1]) < 0.99


def test_one_waiting_job_serves_every_change(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert embedding.queue_embedding() is not None
    assert embedding.queue_embedding() is None
    assert EmbeddingJob.objects.filter(status=EmbeddingJob.Status.QUEUED).count() == 1


@pytest.mark.meaning  # VEIKART_MEANING on, as in production
def test_an_edit_queues_the_embedding_job_after_it_commits(settings, plans, charlie,
                                                           django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    item = Item.objects.get(text=ABSENCE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edits.edit_item(item.section.strategy, charlie, item.pk, item.version, "Redusere sykefraværet.")
    assert not EmbeddingJob.objects.exists()  # nothing is queued before the commit
    for callback in callbacks:
        callback()
    assert EmbeddingJob.objects.filter(status=EmbeddingJob.Status.QUEUED).count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="semantic.tasks.embed_texts").count() == 1


class TestOnThePlans(OnSharedRows):
    """Oslo's plan and KS's draft are made once for the class (they cost more than most tests here); each test's
    changes (the vectors it stores included) are rolled back after it."""

    @staticmethod
    def build() -> dict:
        keys = make_people()
        ks, alice = ks_and_alice(keys)
        oslo, charlie = Organisation.objects.get(pk=keys["oslo"]), User.objects.get(pk=keys["charlie"])
        oslo_plan, ks_draft = _plans(ks, oslo, alice, charlie)
        return {**keys, "plans": (oslo_plan.pk, ks_draft.pk)}

    @pytest.fixture
    def plans(self, db, shared):
        return tuple(Strategy.objects.get(pk=pk) for pk in shared["plans"])

    def test_a_query_finds_by_meaning_once_the_items_have_vectors(self, plans):
        assert ABSENCE not in texts(search("mindre sykefravær", AnonymousUser()))  # no word in common
        done, left = embedding.embed_missing()
        assert done == TextVector.objects.count() and left == 0
        assert ABSENCE in texts(search("mindre sykefravær", AnonymousUser()))

    def test_an_english_query_finds_norwegian_items(self, plans):
        embedding.embed_missing()
        assert FLOODS in texts(search("climate adaptation", AnonymousUser()))

    def test_semantic_hits_respect_who_may_see_a_draft(self, plans, alice, charlie):
        embedding.embed_missing()
        query = "sykmeldte arbeidstakere"  # no word in common with the draft's goal
        assert KS_DRAFT_GOAL in texts(search(query, alice))
        for outsider in (AnonymousUser(), charlie):
            page = search(query, outsider)
            assert KS_DRAFT_GOAL not in texts(page)
            assert all(r.doc.public or r.doc.organisation_id == plans[0].organisation_id for r in page.results)

    def test_items_without_vectors_are_still_found_by_their_words(self, plans, oslo, charlie):
        embedding.embed_missing()
        make_strategy(oslo, charlie, "Oslo kulturplan", {"Kultur": ["Et nytt bibliotek på Tøyen."]})
        assert "Et nytt bibliotek på Tøyen." in texts(search("bibliotek", AnonymousUser()))

    def test_the_job_embeds_every_missing_text_with_progress(self, plans):
        missing = len(store.missing_texts())
        assert missing >= 8  # titles, headings, goals and commitments of both plans
        job = embedding.queue_embedding()  # the immediate task backend runs it at once
        job.refresh_from_db()
        assert job.status == EmbeddingJob.Status.DONE
        assert job.texts_done == job.texts_total == missing == TextVector.objects.count()
        assert store.missing_texts() == []

    def test_a_killed_run_loses_at_most_one_batch_and_the_next_run_resumes(self, plans):
        missing = len(store.missing_texts())

        def killed(done: int, total: int) -> None:
            raise KeyboardInterrupt  # the worker dies after its first batch was stored

        with pytest.raises(KeyboardInterrupt):
            embedding.embed_missing(on_batch=killed, batch=3)
        assert TextVector.objects.count() == 3
        done, left = embedding.embed_missing(batch=3)
        assert (done, left) == (missing - 3, 0)

    def test_with_meaning_off_an_edit_queues_no_embedding(self, settings, plans, charlie,
                                                          django_capture_on_commit_callbacks):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        item = Item.objects.get(text=ABSENCE)
        with django_capture_on_commit_callbacks(execute=True):
            edits.edit_item(item.section.strategy, charlie, item.pk, item.version, "Redusere sykefraværet.")
        assert not EmbeddingJob.objects.exists()

    def test_the_command_embeds_what_is_missing_and_then_nothing(self, plans):
        missing = len(store.missing_texts())
        out = io.StringIO()
        call_command("embed_items", stdout=out)
        assert f"{missing}/{missing} texts embedded" in out.getvalue()
        out = io.StringIO()
        call_command("embed_items", stdout=out)
        assert out.getvalue().startswith("0 texts embedded") and "0 left" in out.getvalue()
