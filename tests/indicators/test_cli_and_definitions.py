import csv
from pathlib import Path

import pytest

from veikart.cli import main
from veikart.indicators.definitions import Level, load_definitions
from veikart.indicators.import_plan import ImportOptions
from veikart.indicators.importing import plan_file
from veikart.indicators.progress import Comparison, Direction
from veikart.indicators.rates import per_inhabitants

SAMPLES = Path("/work/shared/samples")
SSB_FILE = Path("/work/shared/data/ssb/07459-population-by-municipality-2022.json")


@pytest.fixture
def values_csv(tmp_path):
    path = tmp_path / "laerlinger.csv"
    path.write_text("kommunenummer;år;verdi\n0301;2022;1,5\n3001;2022;2\n9999;2022;1\n", encoding="utf-8")
    return path


def test_import_is_a_dry_run_that_prints_the_summary(values_csv, capsys, monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")  # the summary is in the command line's language
    assert main(["indicators", "import", str(values_csv), "--indicator", "Lærlinger", "--as-of", "2024-01-01"]) == 0
    out, err = capsys.readouterr()
    assert "godtatt: 2\navvist: 1\n" in out
    assert "ukjent kommune- eller fylkesnummer" in out
    assert "prøvekjøring: ingenting er skrevet" in err and "dry run" not in err


def test_import_refuses_a_file_over_the_limit_with_one_line_on_stderr(values_csv, capsys):
    assert main(["indicators", "import", str(values_csv), "--indicator", "x", "--max-bytes", "10"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "the limit is 10 bytes" in err


def test_import_refuses_wrong_columns_with_one_line_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")  # the command line speaks its locale's language
    path = tmp_path / "feil.csv"
    path.write_text("navn;mengde\nOslo;1\n", encoding="utf-8")
    assert main(["indicators", "import", str(path), "--indicator", "x"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "mangler kolonne for kommunenummer, år, verdi" in err


@pytest.mark.parametrize(
    ("locale", "location"), [("nb_NO.UTF-8", "linje 4"), ("nn_NO.UTF-8", "linje 4"), ("en_GB.UTF-8", "line 4")]
)
def test_import_writes_every_rejected_row_to_a_csv_report(values_csv, tmp_path, capsys, monkeypatch, locale, location):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)  # the row's location in the command line's language, as its detail
    report = tmp_path / "avvist.csv"
    main(["indicators", "import", str(values_csv), "--indicator", "x", "--rejections", str(report)])
    rows = list(csv.DictReader(report.open(encoding="utf-8")))
    assert [(r["location"], r["reason"]) for r in rows] == [(location, "unknown_member")]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("nb_NO.UTF-8", "indikatornavn for alle verdiene"),
        ("nn_NO.UTF-8", "indikatornamn for alle verdiane"),
        ("en_GB.UTF-8", "indicator name for every value"),
    ],
)
def test_the_import_help_speaks_the_locales_language(capsys, monkeypatch, locale, expected):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    with pytest.raises(SystemExit):
        main(["indicators", "import", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the help to the terminal's width
    others = {"indikatornavn for alle verdiene", "indikatornamn for alle verdiane", "indicator name for every value"}
    assert expected in out and not [text for text in others - {expected} if text in out]  # one language only


def test_the_core_command_never_writes_and_names_the_web_apps_command(values_csv, capsys):
    with pytest.raises(SystemExit):  # no --apply: the core has no database; manage.py import_indicators writes
        main(["indicators", "import", str(values_csv), "--indicator", "x", "--apply"])
    main(["indicators", "import", str(values_csv), "--indicator", "x"])
    assert "manage.py import_indicators --confirm" in capsys.readouterr().err


def test_json_output_holds_rows_and_rejections(values_csv, capsys):
    main(["indicators", "import", str(values_csv), "--indicator", "x", "--json", "--as-of", "2024-01-01"])
    out = capsys.readouterr().out
    assert '"mapped_from_former": 1' in out and '"reason": "unknown_member"' in out


def test_the_definitions_hold_the_five_indicators_the_strategies_name_and_no_values():
    definitions = {d.key: d for d in load_definitions()}
    assert set(definitions) == {
        "apprentices_per_1000",
        "sick_leave",
        "full_time_share",
        "upper_secondary_completion",
        "local_election_turnout",
    }
    apprentices = definitions["apprentices_per_1000"].targets[0].target
    assert (apprentices.comparison, apprentices.value, apprentices.deadline.year) == (Comparison.AT_LEAST, 2.0, 2019)
    assert definitions["sick_leave"].direction is Direction.LOWER_IS_BETTER
    assert definitions["upper_secondary_completion"].level is Level.COUNTY
    numbers = [t.target.value for d in definitions.values() for t in d.targets if t.target.value is not None]
    assert numbers == [2.0]  # the only number the documents state


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="KS sample documents not available")
def test_every_goal_text_is_quoted_word_for_word_from_its_strategy_document():
    for definition in load_definitions():
        for target in definition.targets:
            text = " ".join((SAMPLES / target.document).read_text(encoding="utf-8").split())
            assert target.goal_text in text, (definition.key, target.goal_text)


def test_the_definitions_command_lists_indicators_and_targets(capsys, monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")  # the list is in the command line's language
    assert main(["indicators", "definitions"]) == 0
    out = capsys.readouterr().out
    assert "apprentices_per_1000: Lærlinger per 1000 innbyggere" in out
    assert ">= 2 innen 2019-12-31" in out
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert main(["indicators", "definitions"]) == 0
    assert ">= 2 by 2019-12-31" in capsys.readouterr().out


def test_a_rate_exists_only_where_count_and_population_both_do():
    assert per_inhabitants({"0301": 30, "1103": 5, "4601": 1}, {"0301": 15000, "1103": 0}) == {"0301": 2.0}


@pytest.mark.skipif(not SSB_FILE.is_file(), reason="SSB table 07459 not available")
def test_the_ssb_population_serves_as_the_denominator_per_1000_inhabitants():
    population = {r.organisation: r.value for r in plan_file(SSB_FILE, ImportOptions()).rows}
    rates = per_inhabitants({org: pop / 500 for org, pop in population.items()}, population)
    assert len(rates) == 355 and all(rate == pytest.approx(2.0) for rate in rates.values())
