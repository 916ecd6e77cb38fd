"""Veikart's own exports of indicator values come back in without loss (CSV, XLSX, JSON), SSB period codes too."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import values
from veikart.web.planning.models import Indicator, Value


def _stored(indicator: Indicator, digits: int = 17) -> set[tuple]:
    """The values as (organisation, period, period end, value to ``digits`` significant digits)."""
    rows = Value.objects.filter(indicator=indicator).values_list("organisation__slug", "period", "period_end", "value")
    return {(org, period, end, float(f"{value:.{digits}g}")) for org, period, end, value in rows}


# A spreadsheet keeps 15 significant digits (Excel's precision); CSV and JSON keep every digit.
DIGITS = {"csv": 17, "xlsx": 15, "json": 17}


@pytest.fixture
def ssb_values(apprentice_values, oslo):
    """Periods as SSB writes them, and a value needing every digit."""
    now = timezone.now()
    for period, end, value in [("2016-2022", date(2022, 12, 31), 1.3333333333333333),
                               ("2022H1", date(2022, 6, 30), -0.25), ("2022U12", date(2022, 3, 27), 7.0)]:
        Value.objects.create(indicator=apprentice_values, organisation=oslo, period=period, period_end=end,
                             value=value, source="test", imported_at=now)
    return apprentice_values


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_organisations_own_values_come_back_to_it(client, ks, fmt):
    own = Indicator.objects.create(organisation=ks, key="ks-sykefravaer", name="Sykefravær i KS", unit="prosent",
                                   direction="lower_is_better", level="organisation")
    now = timezone.now()
    for year, value in [(2020, 5.5), (2021, 5.1)]:
        Value.objects.create(indicator=own, organisation=ks, period=str(year), period_end=date(year, 12, 31),
                             value=value, imported_at=now)
    before = _stored(own)
    body = client.get(reverse("planning:indicator_export", args=[own.key, fmt])).content
    Value.objects.filter(indicator=own).delete()
    checked = values.check(body, f"ks.{fmt}", allowed=[own], own=ks)
    assert checked.rejected_count == 0, checked.report()["rejected_rows"][:3]
    values.write(checked)
    assert _stored(own) == before


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("apprentices",)

    @pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
    def test_exported_values_import_again_without_loss(self, client, ssb_values, ks, fmt):
        before = _stored(ssb_values, DIGITS[fmt])
        body = client.get(reverse("planning:indicator_export", args=[ssb_values.key, fmt])).content
        Value.objects.filter(indicator=ssb_values).delete()
        checked = values.check(body, f"indikator.{fmt}", allowed=[ssb_values], own=ks)
        assert checked.rejected_count == 0, checked.report()["rejected_rows"][:3]
        assert values.write(checked) == {"created": len(before), "updated": 0, "unchanged": 0}
        assert _stored(ssb_values, DIGITS[fmt]) == before
        # The same file again changes nothing.
        assert values.write(values.check(body, f"indikator.{fmt}", allowed=[ssb_values], own=ks))["unchanged"] == len(
            before)

    def test_a_row_without_a_number_is_refused_for_an_indicator_measured_per_member(self, apprentices, ks):
        data = b"indicator;organisation_number;period;value\napprentices_per_1000;;2021;1.5\n"
        checked = values.check(data, "x.csv", allowed=[apprentices], own=ks)
        assert checked.rejected_count == 1
        assert checked.report()["rejected_rows"][0]["reason"] == values.NOT_OWN

    @pytest.mark.parametrize("language", ["en", "nn"])
    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_an_export_with_headers_in_another_language_imports_again(self, client, ssb_values, ks, fmt, language):
        before = _stored(ssb_values, DIGITS[fmt])
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        body = client.get(reverse("planning:indicator_export", args=[ssb_values.key, fmt])).content
        Value.objects.filter(indicator=ssb_values).delete()
        checked = values.check(body, f"indikator.{fmt}", allowed=[ssb_values], own=ks)
        assert checked.rejected_count == 0, checked.report()["rejected_rows"][:3]
        values.write(checked)
        assert _stored(ssb_values, DIGITS[fmt]) == before

    def test_a_file_from_before_the_translated_headers_still_imports(self, ssb_values, ks):
        from veikart.web.planning import exports

        before = _stored(ssb_values)
        body = exports.to_csv(exports.VALUE_COLUMNS, list(exports.value_rows(ssb_values)))  # the codes as headers
        assert body.decode("utf-8-sig").startswith("indicator;organisation;organisation_number;")
        Value.objects.filter(indicator=ssb_values).delete()
        values.write(values.check(body, "gammel.csv", allowed=[ssb_values], own=ks))
        assert _stored(ssb_values) == before
