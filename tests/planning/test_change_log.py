"""The plans' change log reads as sentences in the page's language: no raw data, no «(measure 8)»."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import services


def _log(client, plan, language="nb") -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("planning:changes", args=[plan.strategy_id])).content.decode()


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan", "late_measure")

    def test_status_updates_and_edits_read_as_sentences(self, client, alice, plan, late_measure, goal):
        services.edit_measure(late_measure, alice, due=date(2021, 12, 31))
        client.force_login(alice)
        page = _log(client, plan)
        assert "Satte status for tiltaket «Veileder for heltidskultur» til pågår (40 %) per 1. februar 2021." in page
        assert "Kommentar: «I gang»" in page
        assert "Endret tiltaket «Veileder for heltidskultur»." in page
        assert "Frist: 31. mars 2021 → 31. desember 2021" in page
        assert "Opprettet tiltaket «Veileder for heltidskultur»." in page
        assert "Knyttet til: «KS skal bidra til gode arbeidsgivere.»" in page
        assert "Opprettet handlingsplanen for 2021." in page
        # None of the stored data shows through.
        assert "'progress'" not in page and "{" not in page.split("<main", 1)[-1] and "(measure" not in page

    def test_the_log_speaks_english_on_english_pages(self, client, alice, plan, late_measure, settings):
        client.force_login(alice)
        page = _log(client, plan, "en")
        assert "Set the status of the measure «Veileder for heltidskultur» to " in page
        assert "Created the measure «Veileder for heltidskultur»." in page and "Due: March 31, 2021" in page
        assert "Satte status" not in page
