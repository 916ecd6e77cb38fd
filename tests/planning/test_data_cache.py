"""The members' medians and the report PDF are kept while the data is unchanged, and computed afresh after a write."""

from __future__ import annotations

import random
import statistics
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from veikart.web.orgs.models import Organisation
from veikart.web.planning import followup, report
from veikart.web.planning.models import Indicator, Value

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


def test_the_database_medians_match_statistics_median_for_odd_and_even_counts(apprentices, ks):
    other = Indicator.objects.create(organisation=ks, key="other", name="Annen", unit="prosent", level="member")
    members = [Organisation.objects.create(slug=f"m{n}", name=f"Kommune {n}", kind="kommune", number=f"{9000 + n}")
               for n in range(7)]
    rng = random.Random(12)
    expected: dict[tuple[int, date], list[float]] = {}
    rows = []
    for indicator, count_by_year in ((apprentices, {2019: 7, 2020: 6, 2021: 1}), (other, {2020: 2, 2022: 5})):
        for year, count in count_by_year.items():
            for member in members[:count]:
                value = round(rng.uniform(-10, 90), 1)
                expected.setdefault((indicator.pk, date(year, 12, 31)), []).append(value)
                rows.append(Value(indicator=indicator, organisation=member, period=str(year), value=value,
                                  period_end=date(year, 12, 31), source="test", imported_at=timezone.now()))
    Value.objects.bulk_create(rows)
    found = followup.medians([apprentices, other])
    for indicator in (apprentices, other):
        assert found[indicator.pk] == [
            (end, pytest.approx(statistics.median(values)))
            for (pk, end), values in sorted(expected.items()) if pk == indicator.pk
        ]
    assert followup.medians([other], date(2021, 12, 31)) == {
        other.pk: [(date(2020, 12, 31), pytest.approx(statistics.median(expected[(other.pk, date(2020, 12, 31))])))]
    }
    empty = Indicator.objects.create(organisation=ks, key="empty", name="Tom", unit="prosent", level="member")
    assert followup.medians([empty]) == {empty.pk: []}
