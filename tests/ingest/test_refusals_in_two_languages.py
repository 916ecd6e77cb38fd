"""Every refusal speaks bokmål, nynorsk and English (veikart/locale): the web layer picks by the page's language,
the CLI by the locale."""

from __future__ import annotations

import ast
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.bad_inputs import BAD_INPUTS, BadInput
from veikart import cli
from veikart.i18n import Message, environment_language, knows, language_code
from veikart.ingest import ExtractError, extract
from veikart.ingest.readers import text

INGEST = Path(__file__).parents[2] / "veikart" / "ingest"
# Words that give away an untranslated English line.
ENGLISH_WORDS = {"the", "file", "is", "cannot", "upload", "refused", "and", "not", "has", "its"}


def refused(case: BadInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ExtractError:
    path = case.make(tmp_path, monkeypatch)
    with pytest.raises(ExtractError) as info:
        extract(path)
    return info.value


def cli_line(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = cli.main(["extract", str(path)])
    captured = capsys.readouterr()
    assert code != 0 and captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.endswith("\n"), captured.err
    prefix = f"veikart: {path}: "
    assert captured.err.startswith(prefix)
    return captured.err[len(prefix) : -1]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=str)
def test_every_refusal_has_a_bokmal_and_an_english_line(case: BadInput, tmp_path: Path, monkeypatch) -> None:
    exc = refused(case, tmp_path, monkeypatch)
    english, bokmal, nynorsk = exc.message("en"), exc.message("nb"), exc.message("nn")
    assert case.english in english  # the case reached the refusal it is about
    assert english.strip() and bokmal.strip() and nynorsk.strip()
    assert bokmal != english and nynorsk != english
    assert "\n" not in english and "\n" not in bokmal and "\n" not in nynorsk
    assert not ENGLISH_WORDS & set(bokmal.replace(":", " ").replace(",", " ").split()), bokmal
    assert str(exc) == english


@pytest.mark.parametrize("case", BAD_INPUTS, ids=str)
def test_the_cli_prints_one_line_in_bokmal_under_a_norwegian_locale(
    case: BadInput, tmp_path: Path, monkeypatch, capsys
) -> None:
    path = case.make(tmp_path, monkeypatch)
    with pytest.raises(ExtractError) as info:
        extract(path)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert cli_line(path, capsys) == info.value.message("nb")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert cli_line(path, capsys) == info.value.message("en")


def test_the_size_refusal_writes_megabytes_with_a_decimal_comma_in_bokmal(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "stor.pdf"
    with path.open("wb") as sparse:
        sparse.truncate(500 * 1024 * 1024)  # sparse: nothing written to disk
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert cli_line(path, capsys) == "filen er for stor: 500,0 MB, grensen er 50,0 MB"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert cli_line(path, capsys) == "the file is too large: 500.0 MB, the limit is 50.0 MB"


def test_a_real_process_under_a_norwegian_locale_prints_the_bokmal_line(tmp_path: Path) -> None:
    path = tmp_path / "tom.pdf"
    path.write_bytes(b"")
    env = {**os.environ, "LANG": "nb_NO.UTF-8", "PYTHONWARNINGS": "ignore"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    done = subprocess.run(
        [sys.executable, "-m", "veikart", "extract", str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr == f"veikart: {path}: filen er tom\n"


def test_text_with_nothing_but_whitespace_is_refused_in_both_languages() -> None:
    with pytest.raises(ExtractError) as info:
        text.read(b"  \n\n \t\n")
    assert info.value.message("en") == "the file is empty: it contains no text"
    assert info.value.message("nb") == "filen er tom: den inneholder ingen tekst"


def _refusal_calls() -> list[tuple[str, ast.Call]]:
    """Every ``ExtractError(...)`` in the importer."""
    calls = []
    for path in sorted(INGEST.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("ExtractError", "StrategyJSONError"):
                calls.append((f"{path.relative_to(INGEST)}:{node.lineno}", node))
    return calls


def test_every_refusal_in_the_code_is_translated_in_the_catalogue() -> None:
    """Some refusals need a broken PDF no tool makes on purpose; the source shows they are translated too."""
    calls = _refusal_calls()
    assert len(calls) >= 30
    for where, call in calls:
        assert len(call.args) == 1 and isinstance(call.args[0], ast.Constant), f"{where}: a literal message id"
        msgid = call.args[0].value
        params = {k.arg: "1" for k in call.keywords}
        english, nynorsk = Message(msgid, params).text("en"), Message(msgid, params).text("nn")
        assert english != Message(msgid, params).text("nb"), f"{where}: no English in veikart/locale"
        assert not ENGLISH_WORDS & set(nynorsk.replace(":", " ").replace(",", " ").split()), where
        assert knows(msgid), where


def test_the_exception_keeps_english_as_its_string_and_gives_bokmal_on_request() -> None:
    exc = ExtractError("filen er tom")
    assert str(exc) == "the file is empty"
    for lang in ("nb", "nb-no", "nb_NO.UTF-8", "no"):
        assert exc.message(lang) == "filen er tom", lang
    for lang in ("nn", "nn-NO", "nn_NO.UTF-8"):
        assert exc.message(lang) == "fila er tom", lang
    for lang in ("en", "en-gb", "sv", "", None):
        assert exc.message(lang) == "the file is empty", lang


def test_the_exception_survives_pickling_with_its_parameters() -> None:
    exc = pickle.loads(pickle.dumps(ExtractError("PDF-en er skadet: side %(page)s kan ikke leses", page=3)))
    assert (exc.message("en"), exc.message("nb"), str(exc)) == (
        "the PDF is damaged: page 3 cannot be read",
        "PDF-en er skadet: side 3 kan ikke leses",
        "the PDF is damaged: page 3 cannot be read",
    )


def test_a_name_with_a_line_break_from_inside_a_file_cannot_split_the_line() -> None:
    exc = ExtractError("DOCX-filen er skadet: delen %(part)s kan ikke pakkes ut", part="a\nb\u2028c")
    assert exc.message("en") == "the DOCX file is damaged: its part a b c cannot be unpacked"
    assert exc.message("nb") == "DOCX-filen er skadet: delen a b c kan ikke pakkes ut"


def test_the_locale_follows_posix_order_lc_all_then_lc_messages_then_lang() -> None:
    assert environment_language({"LANG": "nb_NO.UTF-8"}) == "nb"
    assert environment_language({"LANG": "no_NO"}) == "nb"
    assert environment_language({"LANG": "nn_NO.UTF-8"}) == "nn"
    assert environment_language({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "en_US.UTF-8"}) == "nb"
    assert environment_language({"LC_ALL": "C", "LC_MESSAGES": "nb_NO.UTF-8"}) == "en"
    assert environment_language({"LC_ALL": "", "LANG": "nb_NO"}) == "nb"
    assert environment_language({}) == "en"
    assert language_code("nl_NL") == "en"
