import pickle
from datetime import date
from pathlib import Path

import pytest

from veikart.i18n import MessageError
from veikart.members import (
    FIRST_DATE,
    MemberKind,
    UnknownMemberError,
    all_members,
    build,
    load_members,
    lookup,
    normalise_number,
    resolve,
)

SSB_FILE = Path("/work/shared/data/ssb/07459-population-by-municipality-2022.json")
JAN_2024 = date(2024, 1, 1)
IN_2022 = date(2022, 6, 1)


def test_it_lists_357_municipalities_and_15_counties_on_1_january_2024():
    assert len(load_members(JAN_2024, MemberKind.MUNICIPALITY)) == 357
    assert len(load_members(JAN_2024, MemberKind.COUNTY)) == 15


def test_it_lists_the_2020_structure_of_356_municipalities_and_11_counties():
    assert len(load_members(IN_2022, MemberKind.MUNICIPALITY)) == 356
    assert len(load_members(IN_2022, MemberKind.COUNTY)) == 11


def test_numbers_are_unique_among_members_valid_on_the_same_day():
    for day in (FIRST_DATE, IN_2022, date(2023, 12, 31), JAN_2024):
        members = load_members(day)
        assert len({(m.kind, m.number) for m in members}) == len(members)


def test_no_number_has_two_rows_in_the_data_file():
    keys = [(m.kind, m.number) for m in all_members()]
    assert len(keys) == len(set(keys))


def test_every_former_number_maps_to_current_members_of_the_same_kind():
    current = {(m.kind, m.number) for m in load_members(JAN_2024)}
    former = [m for m in all_members() if m.valid_to is not None]
    assert len(former) == 3 + 113 + 1  # three counties, 113 renumbered municipalities, Ålesund
    for member in former:
        successors = resolve(member.number if member.kind is MemberKind.MUNICIPALITY else member.code, JAN_2024)
        assert successors, member
        assert {(s.kind, s.number) for s in successors} <= current


def test_it_follows_halden_from_its_2020_number_to_its_2024_number():
    (halden,) = resolve("K-3001", JAN_2024)
    assert (halden.number, halden.name) == ("3101", "Halden")


def test_it_follows_the_alesund_split_to_both_successors():
    assert [(m.number, m.name) for m in resolve("1507", JAN_2024)] == [("1508", "Ålesund"), ("1580", "Haram")]


def test_it_follows_viken_to_ostfold_akershus_and_buskerud():
    assert [m.name for m in resolve("F-30", JAN_2024)] == ["Østfold", "Akershus", "Buskerud"]


def test_jevnaker_and_lunner_move_to_akershus():
    assert [m.number for m in resolve("3053", JAN_2024)] == ["3236"]
    assert resolve("3054", JAN_2024)[0].county_number == "32"


def test_a_former_number_resolves_to_itself_while_it_was_valid():
    (alesund,) = resolve("1507", IN_2022)
    assert alesund.number == "1507"
    assert alesund.successors == ("1508", "1580")


def test_an_unchanged_municipality_resolves_to_itself():
    assert [m.name for m in resolve("0301")] == ["Oslo"]


def test_it_reads_numbers_the_way_spreadsheets_and_ssb_write_them():
    assert normalise_number("K-3001") == (MemberKind.MUNICIPALITY, "3001")
    assert normalise_number(301) == (MemberKind.MUNICIPALITY, "0301")
    assert normalise_number(" 4601 ") == (MemberKind.MUNICIPALITY, "4601")
    assert normalise_number("3") == (MemberKind.COUNTY, "03")
    assert normalise_number("F-54") == (MemberKind.COUNTY, "54")


@pytest.mark.parametrize("code", ["K-Rest", "K-21-22", "K-23", "abc", "12345", ""])
def test_it_refuses_codes_that_are_not_members(code):
    with pytest.raises(UnknownMemberError):
        resolve(code, JAN_2024)


def test_it_refuses_a_number_that_never_existed_since_2020():
    with pytest.raises(UnknownMemberError, match="9999"):
        lookup("9999")


def test_it_refuses_dates_before_the_data_starts():
    with pytest.raises(ValueError, match="2020-01-01"):
        load_members(date(2019, 12, 31))


@pytest.mark.parametrize(
    ("call", "nb", "nn", "en"),
    [
        (
            lambda: lookup("9999"),
            "ukjent kommunenummer 9999",
            "ukjent kommunenummer 9999",
            "unknown municipality number 9999",
        ),
        (lambda: lookup("F-99"), "ukjent fylkesnummer 99", "ukjent fylkesnummer 99", "unknown county number 99"),
        (
            lambda: lookup("K-Rest"),
            "«K-Rest» er ikke et kommune- eller fylkesnummer",
            "«K-Rest» er ikkje eit kommune- eller fylkesnummer",
            "«K-Rest» is not a municipality or county number",
        ),
        (
            lambda: resolve("0301", date(2019, 12, 31)),
            "medlemslisten begynner 2020-01-01",
            "medlemslista byrjar 2020-01-01",
            "the member list starts on 2020-01-01",
        ),
    ],
)
def test_refusals_are_catalogue_messages_in_each_language(call, nb, nn, en):
    with pytest.raises(MessageError) as caught:
        call()
    assert (caught.value.message("nb"), caught.value.message("nn"), caught.value.message("en")) == (nb, nn, en)
    assert str(caught.value) == en and " / " not in str(caught.value)  # one language at a time
    assert pickle.loads(pickle.dumps(caught.value)).message("nn") == nn  # a task queue may ship it


def test_the_ssb_file_is_the_source_of_the_2020_names():
    assert lookup("3018", IN_2022).name == "Våler (Viken)"
    assert lookup("3114").name == "Våler (Østfold)"
    assert lookup("5436").name == "Porsanger - Porsángu - Porsanki"  # SSB's trailing space removed


@pytest.mark.skipif(not SSB_FILE.is_file(), reason="SSB table 07459 not available")
def test_the_committed_csv_is_exactly_what_the_build_produces():
    assert build.render_csv(build.build_rows(SSB_FILE)) == build.MEMBERS_CSV.read_text(encoding="utf-8")


def test_a_new_number_asked_about_an_earlier_day_leads_back_to_its_predecessor():
    assert [m.number for m in resolve("3101", IN_2022)] == ["3001"]
    assert [(m.number, m.name) for m in resolve("1580", IN_2022)] == [("1507", "Ålesund")]
    assert [m.number for m in resolve("F-31", IN_2022)] == ["30"]
