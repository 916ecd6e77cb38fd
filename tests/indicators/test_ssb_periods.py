"""SSB's period codes: spans of years, half years, weeks (and the quarters and months already understood)."""

from datetime import date

import pytest

from veikart.indicators.import_plan import ImportOptions
from veikart.indicators.importing import plan_bytes
from veikart.indicators.periods import PeriodError, period_end


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2016-2022", date(2022, 12, 31)),  # KOSTRA averages over several years end with the last year
        ("2022-2022", date(2022, 12, 31)),
        ("2022H1", date(2022, 6, 30)),
        ("2022H2", date(2022, 12, 31)),
        ("2022U12", date(2022, 3, 27)),  # ISO week 12 of 2022: Monday 21 March to Sunday 27 March
        ("2022U01", date(2022, 1, 9)),
        ("2020U53", date(2021, 1, 3)),  # 2020 has 53 ISO weeks; its last ends in January 2021
        ("2023K3", date(2023, 9, 30)),
        ("2023k3", date(2023, 9, 30)),
    ],
)
def test_ssb_period_codes_stand_for_their_last_day(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("period", ["2022-2016", "2022H3", "2022U54", "2021U53", "2022U0", "2016-22", "2022H"])
def test_impossible_ssb_codes_are_refused(period):
    with pytest.raises(PeriodError):
        period_end(period)


def test_a_csv_with_ssb_period_codes_is_accepted_row_by_row():
    data = ("kommunenummer;år;verdi\n3301;2016-2022;4,5\n3301;2022H1;3\n3301;2022U12;2\n3301;2023K3;1\n"
            .encode())
    plan = plan_bytes(data, "ssb.csv", ImportOptions(indicator="x"))
    assert not plan.rejected
    assert sorted(r.period_end for r in plan.rows) == [
        date(2022, 3, 27), date(2022, 6, 30), date(2022, 12, 31), date(2023, 9, 30)]
