"""``veikart extract``'s help in the locale's language (bokmål, nynorsk, English), translated only when shown."""

from __future__ import annotations

import pytest

from veikart.cli import main


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("nb_NO.UTF-8", ["skriv ut strategien som finnes i et dokument", "en PDF-, DOCX-, HTML-, Markdown- eller"]),
        ("nn_NO.UTF-8", ["skriv ut strategien som finst i eit dokument", "ei PDF-, DOCX-, HTML-, Markdown- eller"]),
        ("C.UTF-8", ["print the strategy found in a document", "a PDF, DOCX, HTML, Markdown or text file"]),
    ],
)
def test_extract_help_speaks_the_locales_language(capsys, monkeypatch, locale, expected):
    monkeypatch.setenv("LC_ALL", locale)
    for argv in (["extract", "--help"], ["--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = " ".join(capsys.readouterr().out.split())  # argparse wraps the help to the terminal's width
        assert expected[0] in out
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert expected[1] in " ".join(capsys.readouterr().out.split())
