import json
from datetime import date

import pytest

from veikart.i18n import Message
from veikart.indicators.import_plan import ColumnMapping, ImportOptions, ImportRefused, RejectReason, parse_number
from veikart.indicators.importing import plan_bytes, plan_file

JAN_2024 = date(2024, 1, 1)


def plan_csv(text: str, encoding: str = "utf-8", **options):
    options.setdefault("as_of", JAN_2024)
    options.setdefault("indicator", "Lærlinger")
    return plan_bytes(text.encode(encoding), "verdier.csv", ImportOptions(**options))


def reasons(plan):
    """Each rejected row's location as a bokmål reader sees it ("linje 2"), and its reason."""
    return {(r.location.text("nb"), r.reason) for r in plan.rejected}


def test_it_reads_a_semicolon_file_with_decimal_commas_saved_by_norwegian_excel_in_cp1252():
    plan = plan_csv("Kommunenummer;År;Verdi\n3021;2022;1,5\n0301;2022;2,25\n", encoding="cp1252")
    assert [(r.organisation, r.period, r.value) for r in plan.rows] == [("3218", "2022", 1.5), ("0301", "2022", 2.25)]
    assert not plan.rejected
    assert "cp1252" in plan.notes[0].text("nb") and "skilletegn ';'" in plan.notes[0].text("nb")


def test_it_reads_a_comma_separated_utf8_file_with_a_byte_order_mark():
    plan = plan_csv("\ufeffknr,year,value\n4601,2023,10.5\n")
    assert [(r.organisation, r.value) for r in plan.rows] == [("4601", 10.5)]
    assert "utf-8" in plan.notes[0].text("en")


def test_it_refuses_a_file_without_a_value_column_and_lists_the_columns_it_has():
    with pytest.raises(ImportRefused, match="missing column for verdi; found kommunenummer, år, folketall") as caught:
        plan_csv("kommunenummer;år;folketall\n0301;2022;5\n")
    assert caught.value.message("nb").startswith("mangler kolonne for verdi; fant kommunenummer, år, folketall")
    assert caught.value.message("nn").startswith("manglar kolonne for verdi; fann kommunenummer, år, folketall")


def test_a_column_mapping_names_columns_whose_names_are_not_recognised():
    plan = plan_csv(
        "sted;tidspunkt;lærlinger\n0301;2022;7\n",
        columns=ColumnMapping(organisation="sted", period="tidspunkt", value="lærlinger"),
    )
    assert [(r.organisation, r.value) for r in plan.rows] == [("0301", 7.0)]


def test_it_refuses_a_mapped_column_that_is_not_in_the_file():
    with pytest.raises(ImportRefused, match="no column «verdi2»"):
        plan_csv("kommunenummer;år;verdi\n0301;2022;7\n", columns=ColumnMapping(value="verdi2"))


def test_it_refuses_a_file_with_no_indicator_column_and_no_indicator_name():
    with pytest.raises(ImportRefused, match="indikator"):
        plan_csv("kommunenummer;år;verdi\n0301;2022;7\n", indicator=None)


def test_an_indicator_column_gives_each_row_its_indicator():
    plan = plan_csv("kommunenummer;år;indikator;verdi\n0301;2022;Sykefravær;7,1\n0301;2022;Heltid;40\n", indicator=None)
    assert sorted((r.indicator, r.value) for r in plan.rows) == [("Heltid", 40.0), ("Sykefravær", 7.1)]


def test_it_rejects_non_numeric_values_with_their_line_and_reason():
    plan = plan_csv("kommunenummer;år;verdi\n0301;2022;mange\n1103;2022;12\n4601;2022;1,2,3\n")
    assert reasons(plan) == {("linje 2", RejectReason.NOT_NUMERIC), ("linje 4", RejectReason.NOT_NUMERIC)}
    assert "«mange» er ikke et tall" in plan.rejected[0].detail.text("nb")
    assert [r.organisation for r in plan.rows] == ["1103"]


def test_ssb_symbols_and_empty_cells_are_missing_values_with_their_meaning():
    plan = plan_csv("kommunenummer;år;verdi\n0301;2022;..\n1103;2022;:\n4601;2022;\n")
    assert {r.reason for r in plan.rejected} == {RejectReason.MISSING_VALUE}
    assert "not yet available" in plan.rejected[0].detail.text("en")
    assert "vises ikke av personvernhensyn" in plan.rejected[1].detail.text("nb")


def test_it_rejects_unknown_municipality_numbers_and_things_that_are_not_numbers():
    plan = plan_csv("kommunenummer;år;verdi\n9999;2022;1\nK-Rest;2022;1\n;2022;1\n0301;2022;1\n")
    assert reasons(plan) == {
        ("linje 2", RejectReason.UNKNOWN_MEMBER),
        ("linje 3", RejectReason.NOT_A_MEMBER),
        ("linje 4", RejectReason.NOT_A_MEMBER),
    }
    assert "9999" in plan.rejected[0].detail.text("nb")


def test_former_numbers_land_on_their_successors_and_are_counted():
    plan = plan_csv("kommunenummer;år;verdi\nK-3001;2022;1\n3803;2022;2\n5401;2022;3\n")
    assert [(r.organisation, r.source_code) for r in plan.rows] == [
        ("3101", "K-3001"),
        ("3905", "3803"),
        ("5501", "5401"),
    ]
    assert plan.mapped_from_former == 3


def test_a_value_for_a_split_municipality_is_rejected_naming_its_successors():
    plan = plan_csv("kommunenummer;år;verdi\n1507;2022;1\n")
    assert plan.rejected[0].reason is RejectReason.SPLIT_MEMBER
    assert "1508 Ålesund, 1580 Haram" in plan.rejected[0].detail.text("nb")


def test_with_the_period_structure_a_split_municipality_keeps_its_own_former_member():
    plan = plan_csv("kommunenummer;år;verdi\n1507;2022;1\n3001;2022;2\n3101;2024;3\n", period_structure=True)
    assert [r.organisation for r in plan.rows] == ["1507", "3001", "3101"]
    assert not plan.rejected


def test_a_spreadsheet_number_without_its_leading_zero_is_read_as_oslo():
    assert [r.organisation for r in plan_csv("knr;år;verdi\n301;2022;1\n").rows] == ["0301"]


def test_identical_duplicate_rows_are_kept_once_and_counted():
    plan = plan_csv("kommunenummer;år;verdi\n0301;2022;5\n0301;2022;5,0\n0301;2023;6\n")
    assert [(r.period, r.value) for r in plan.rows] == [("2022", 5.0), ("2023", 6.0)]
    assert plan.identical_duplicates == 1
    assert not plan.rejected


def test_duplicates_with_differing_values_are_both_rejected_naming_each_other():
    plan = plan_csv("kommunenummer;år;verdi\n0301;2022;5\n1103;2022;1\n0301;2022;6\n")
    assert reasons(plan) == {
        ("linje 2", RejectReason.CONFLICTING_DUPLICATE),
        ("linje 4", RejectReason.CONFLICTING_DUPLICATE),
    }
    assert "linje 2, linje 4" in plan.rejected[0].detail.text("nb")
    assert "line 2, line 4" in plan.rejected[0].detail.text("en")  # the locations in the reader's language too
    stored = plan.rejected[0].detail.to_dict()
    assert Message.from_dict(json.loads(json.dumps(stored))).text("nn") == plan.rejected[0].detail.text("nn")
    assert [r.organisation for r in plan.rows] == ["1103"]


def test_a_former_and_a_current_number_for_the_same_member_and_period_are_duplicates():
    plan = plan_csv("kommunenummer;år;verdi\n3001;2022;5\n3101;2022;6\n")
    assert {r.reason for r in plan.rejected} == {RejectReason.CONFLICTING_DUPLICATE}
    assert not plan.rows


def test_rows_with_too_few_or_too_many_fields_are_rejected_and_blank_lines_skipped():
    plan = plan_csv("kommunenummer;år;verdi\n0301;2022\n\n1103;2022;1;x\n4601;2022;3\n")
    assert reasons(plan) == {("linje 2", RejectReason.WRONG_FIELD_COUNT), ("linje 4", RejectReason.WRONG_FIELD_COUNT)}
    assert any("1 tomme linjer" in note.text("nb") for note in plan.notes)


def test_a_period_that_is_not_a_year_quarter_or_month_is_rejected():
    plan = plan_csv("kommunenummer;år;verdi\n0301;i fjor;5\n0301;2022K2;5\n")
    assert reasons(plan) == {("linje 2", RejectReason.BAD_PERIOD)}
    assert plan.rows[0].period_end == date(2022, 6, 30)


def test_the_summary_counts_every_reason():
    plan = plan_csv("kommunenummer;år;verdi\n0301;2022;5\n9999;2022;1\n9998;2022;1\n1103;2022;x\n3001;2022;2\n")
    lines = plan.summary("nb").splitlines()
    assert lines[1:6] == [
        "godtatt: 2",
        "avvist: 3",
        "         2  ukjent kommune- eller fylkesnummer",
        "         1  ikke et tall",
        "tidligere nummer ført til nytt: 1",
    ]
    assert plan.summary("en").splitlines()[1:3] == ["accepted: 2", "rejected: 3"]


def test_it_refuses_an_empty_file():
    with pytest.raises(ImportRefused, match="the file is empty"):
        plan_csv("\n\n")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,5", 1.5),
        ("1 234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("-3", -3.0),
        ("\u22122,5", -2.5),
        ("12\u00a0000", 12000.0),
    ],
)
def test_numbers_are_read_the_norwegian_and_the_english_way(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["nan", "inf", "abc", "1,2,3", ""])
def test_it_refuses_text_that_is_not_a_finite_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_it_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path):
    big = tmp_path / "stor.csv"
    with big.open("wb") as handle:  # sparse: 50 MB + 1 byte without writing them
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(ImportRefused, match=r"too large: 52428801 bytes, the limit is 52428800 bytes \(50 MB\)"):
        plan_file(big)


def test_the_size_limit_can_be_set_in_the_environment(tmp_path, monkeypatch):
    small = tmp_path / "liten.csv"
    small.write_text("kommunenummer;år;verdi\n0301;2022;1\n", encoding="utf-8")
    monkeypatch.setenv("VEIKART_MAX_IMPORT_BYTES", "10")
    with pytest.raises(ImportRefused, match="the limit is 10 bytes"):
        plan_file(small, ImportOptions(indicator="x"))
    monkeypatch.setenv("VEIKART_MAX_IMPORT_BYTES", "ti")
    with pytest.raises(ImportRefused, match="whole number"):
        plan_file(small, ImportOptions(indicator="x"))


def test_an_upload_over_the_limit_is_refused_too():
    with pytest.raises(ImportRefused, match="limit is 100 bytes"):
        plan_bytes(b"x" * 101, "opplasting.csv", ImportOptions(max_bytes=100))


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(ImportRefused, match="no such file"):
        plan_file(tmp_path / "finnes-ikke.csv")


def test_it_refuses_a_binary_file_such_as_a_spreadsheet_with_one_line():
    with pytest.raises(ImportRefused, match="not a text file") as caught:
        plan_bytes(b"PK\x03\x04\x00\x00binary", "ark.csv", ImportOptions(indicator="x"))
    assert "\n" not in str(caught.value)


def test_a_garbage_header_is_shown_shortened_in_the_refusal():
    header = ";".join(f"kolonne {n} " + "x" * 50 for n in range(40))
    with pytest.raises(ImportRefused) as caught:
        plan_csv(header + "\n1;2\n")
    assert len(str(caught.value)) < 600 and "…" in str(caught.value)


def test_an_unreadable_csv_field_is_refused_not_a_traceback():
    with pytest.raises(ImportRefused, match="unreadable CSV"):
        plan_csv("kommunenummer;år;verdi\n0301;2022;" + "9" * 200_000 + "\n")
