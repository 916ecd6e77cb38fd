"""Indicator files: implausible periods are rejected row by row, too many values refuse the whole file."""

from __future__ import annotations

import pytest

from veikart.indicators.import_plan import ImportOptions, ImportRefused, RejectReason
from veikart.indicators.importing import plan_bytes


def test_a_year_outside_1900_to_2100_is_rejected_with_its_reason():
    data = "kommunenummer;år;verdi\n0301;1000;1\n0301;2020;2\n0301;3785;3\n0301;1900;4\n0301;2100K4;5\n".encode()
    plan = plan_bytes(data, "verdier.csv", ImportOptions(indicator="lærlinger"))
    assert [r.period for r in plan.rows] == ["2020", "1900", "2100K4"]
    assert [r.reason for r in plan.rejected] == [RejectReason.BAD_PERIOD] * 2
    assert plan.rejected[0].detail.text("nb") == "«1000» ligger utenfor 1900–2100"
    assert plan.rejected[0].detail.text("en") == "«1000» is outside 1900–2100"


def test_a_file_with_more_values_than_the_limit_is_refused_as_a_whole(monkeypatch):
    rows = "".join(f"0301;{year};1\n" for year in range(1901, 1912))
    data = ("kommunenummer;år;verdi\n" + rows).encode()
    with pytest.raises(ImportRefused, match="the file has more than 10 values; split it"):
        plan_bytes(data, "verdier.csv", ImportOptions(indicator="x", max_values=10))
    monkeypatch.setenv("VEIKART_MAX_IMPORT_VALUES", "11")
    assert len(plan_bytes(data, "verdier.csv", ImportOptions(indicator="x")).rows) == 11
