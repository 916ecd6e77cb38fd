"""The members' medians and the report PDF are kept while the data is unchanged, and computed afresh after a write."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veikart.web.planning import followup, report
from veikart.web.planning.models import Value

pytestmark = pytest.mark.django_db(transaction=True)  # the data generation moves on commit: commit for real


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _value_queries(indicator) -> int:
    with CaptureQueriesContext(connection) as queries:
        followup.medians([indicator])
    return sum('"planning_value"' in q["sql"] for q in queries.captured_queries)


def test_the_medians_are_read_once_and_again_after_a_new_value(apprentice_values, oslo):
    assert followup.medians([apprentice_values])[apprentice_values.pk] == [
        (date(2020, 12, 31), pytest.approx(1.4)),
        (date(2021, 12, 31), pytest.approx(1.85)),
    ]
    assert _value_queries(apprentice_values) == 0  # from the cache
    Value.objects.filter(indicator=apprentice_values, organisation=oslo, period="2021").update(value=2.5)
    assert _value_queries(apprentice_values) == 1  # the write started a new generation
    assert followup.medians([apprentice_values])[apprentice_values.pk][-1] == (date(2021, 12, 31), pytest.approx(2.35))


def test_the_medians_up_to_a_year_are_kept_apart_from_all_of_them(apprentice_values):
    assert len(followup.medians([apprentice_values])[apprentice_values.pk]) == 2
    assert followup.medians([apprentice_values], date(2020, 12, 31))[apprentice_values.pk] == [
        (date(2020, 12, 31), pytest.approx(1.4))
    ]


def test_the_report_pdf_is_laid_out_again_only_when_the_data_changes(plan, measure, monkeypatch):
    first = report.render_pdf(plan)
    assert first.startswith(b"%PDF")
    monkeypatch.setattr(report, "render_html", lambda *a, **k: pytest.fail("laid out again with unchanged data"))
    assert report.render_pdf(plan) == first
    monkeypatch.undo()
    measure.title = "Lederkurs for nye kommunedirektører"
    measure.save()
    second = report.render_pdf(plan)
    assert second != first and second.startswith(b"%PDF")


def test_inside_a_transaction_nothing_is_cached(apprentice_values):
    from django.db import transaction

    with transaction.atomic():
        assert followup.data_key("x") is None
    assert followup.data_key("x", timezone.localdate()) is not None
