"""Norwegian number and date formats alike in tables, charts and reports (decimal comma, "7. des. 2026")."""

from __future__ import annotations

from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.indicators import charts


def _english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_charts_module_writes_what_the_page_asks_for():
    svg = charts.line_chart([], title="t", desc="d", no_data="No data")
    assert "No data</text>" in svg and "/" not in svg.split("</desc>")[1].replace("</text>", "").replace("</svg>", "")
    svg = charts.histogram(
        charts.bins([1.25, 2.5]),
        title="t",
        desc="d",
        median=1.875,
        median_label="median",
        fmt=lambda v: f"{v:.2f}".replace(".", ","),
    )
    assert "median 1,88</text>" in svg and "1,25" in svg


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_the_measures_table_writes_a_due_date_short_in_words(self, client, plan, measure, late_measure):
        page = client.get(reverse("planning:dashboard", args=[plan.strategy_id, plan.year])).content.decode()
        assert '<time datetime="2021-06-30">30. jun. 2021</time>' in page
        _english(client)
        page = client.get(reverse("planning:dashboard", args=[plan.strategy_id, plan.year])).content.decode()
        assert '<time datetime="2021-06-30">30 Jun 2021</time>' in page

    def test_the_chart_and_its_table_write_decimals_with_a_comma(self, client, apprentice_values):
        page = client.get(reverse("planning:indicator", args=[apprentice_values.key])).content.decode()
        chart = page[page.index("<svg") : page.index("</svg>")]
        assert "Median for medlemmene 2020: 1,4</title>" in chart and "1,85</title>" in chart
        assert "1.4" not in chart.replace('"', " ").split("viewBox")[0]  # no decimal point in any label
        assert ">1,4<" in page or "1,4</td>" in page  # the table beside it alike
        _english(client)
        page = client.get(reverse("planning:indicator", args=[apprentice_values.key])).content.decode()
        assert "Median for the members 2020: 1.4</title>" in page or ": 1.4</title>" in page

    def test_the_annual_report_writes_dates_and_numbers_alike(self, client, plan, measure, apprentice_values):
        page = client.get(reverse("planning:report", args=[plan.strategy_id, plan.year])).content.decode()
        assert "30. jun. 2021" in page and "1,85" in page
