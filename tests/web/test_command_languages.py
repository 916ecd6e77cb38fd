"""Management commands speak the command line's language (LC_ALL, LC_MESSAGES, LANG): bokmål, nynorsk or
English, one at a time, through the same catalogues as the pages."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

LOCALES = {"nb": "nb_NO.UTF-8", "nn": "nn_NO.UTF-8", "en": "C.UTF-8"}


@pytest.fixture(params=["nb", "nn", "en"])
def language(request, monkeypatch) -> str:
    monkeypatch.setenv("LC_ALL", LOCALES[request.param])
    return request.param


DRY_RUN = {
    "nb": "prøvekjøring: ingenting er skrevet (bruk --confirm)",
    "nn": "prøvekøyring: ingenting er skrive (bruk --confirm)",
    "en": "dry run: nothing written (use --confirm)",
}
COUNTS = {"nb": "medlemmer: ", "nn": "medlemmer: ", "en": "members: "}
NO_ORGANISATION = {"nb": "ingen organisasjon «nowhere»", "nn": "ingen organisasjon «nowhere»",
                   "en": "no organisation «nowhere»"}
NO_FILE = {"nb": "finner ikke filen", "nn": "finn ikkje fila", "en": "no such file"}
NO_PLAN = {"nb": "ingen handlingsplan 1999 for strategi 1", "nn": "ingen handlingsplan 1999 for strategi 1",
           "en": "no action plan 1999 for strategy 1"}


def test_a_dry_run_says_so_in_one_language(db, capsys, language):
    call_command("load_members", "--date", "2024-01-01")
    out, err = capsys.readouterr()
    assert err.strip() == DRY_RUN[language]
    assert out.startswith(COUNTS[language]) and " / " not in out


def test_refusals_are_in_the_command_lines_language(db, tmp_path, language):
    with pytest.raises(CommandError) as refused:
        call_command("export_organisation", "nowhere", str(tmp_path / "x.tar.gz"))
    assert str(refused.value) == NO_ORGANISATION[language]
    with pytest.raises(CommandError) as refused:
        call_command("create_api_token", "--organisation", "nowhere", "--owner", "x", "--name", "y")
    assert str(refused.value) == NO_ORGANISATION[language]
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "missing.tar.gz"))
    assert str(refused.value).startswith(NO_FILE[language])
    with pytest.raises(CommandError) as refused:
        call_command("annual_report", "1", "1999", "--pdf", str(tmp_path / "x.pdf"))
    assert str(refused.value) == NO_PLAN[language]
