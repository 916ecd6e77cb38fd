"""Every refusal speaks bokmål and English: the web layer picks by the page's language, the CLI by the locale."""

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
from veikart.ingest import ExtractError, extract
from veikart.ingest.errors import is_norwegian, locale_language
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
    assert case.english in exc.en  # the case reached the refusal it is about
    assert exc.en.strip() and exc.nb.strip()
    assert exc.nb != exc.en
    assert "\n" not in exc.en and "\n" not in exc.nb
    assert not ENGLISH_WORDS & set(exc.nb.replace(":", " ").replace(",", " ").split()), exc.nb
    assert str(exc) == exc.en == exc.message("en")
    assert exc.message("nb") == exc.nb


@pytest.mark.parametrize("case", BAD_INPUTS, ids=str)
def test_the_cli_prints_one_line_in_bokmal_under_a_norwegian_locale(
    case: BadInput, tmp_path: Path, monkeypatch, capsys
) -> None:
    path = case.make(tmp_path, monkeypatch)
    with pytest.raises(ExtractError) as info:
        extract(path)
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert cli_line(path, capsys) == info.value.nb
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert cli_line(path, capsys) == info.value.en


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
    assert info.value.en == "the file is empty: it contains no text"
    assert info.value.nb == "filen er tom: den inneholder ingen tekst"


def _refusal_calls() -> list[tuple[str, ast.Call, dict[str, str]]]:
    """Every ``ExtractError(...)`` in the importer, with its module's string constants."""
    calls = []
    for path in sorted(INGEST.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(getattr(node.value, "value", None), str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ExtractError":
                calls.append((f"{path.relative_to(INGEST)}:{node.lineno}", node, constants))
    return calls


def _literal_text(node: ast.expr, constants: dict[str, str]) -> str:
    """The fixed words of a string, an f-string (placeholders dropped) or a module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    raise AssertionError(f"a refusal's text must be written out, not computed: {ast.dump(node)}")


def test_every_refusal_in_the_code_is_written_in_both_languages() -> None:
    """Some refusals need a broken PDF no tool makes on purpose; the source shows they are translated too."""
    calls = _refusal_calls()
    assert len(calls) >= 30
    for where, call, constants in calls:
        assert not call.args, f"{where}: pass en= and nb=, not a bare message"
        words = {keyword.arg: _literal_text(keyword.value, constants) for keyword in call.keywords}
        assert set(words) == {"en", "nb"}, where
        assert words["en"].strip() and words["nb"].strip(), where
        assert words["en"] != words["nb"], where


def test_the_exception_keeps_english_as_its_string_and_gives_bokmal_on_request() -> None:
    exc = ExtractError(en="the file is empty", nb="filen er tom")
    assert str(exc) == "the file is empty"
    for lang in ("nb", "nb-no", "nb_NO.UTF-8", "no", "nn"):
        assert exc.message(lang) == "filen er tom", lang
    for lang in ("en", "en-gb", "sv", "", None):
        assert exc.message(lang) == "the file is empty", lang


def test_the_exception_survives_pickling_with_both_languages() -> None:
    exc = pickle.loads(pickle.dumps(ExtractError(en="the file is empty", nb="filen er tom")))
    assert (exc.en, exc.nb, str(exc)) == ("the file is empty", "filen er tom", "the file is empty")


def test_a_name_with_a_line_break_from_inside_a_file_cannot_split_the_line() -> None:
    exc = ExtractError(en="bad part a\nb", nb="ødelagt del a\u2028b")
    assert (exc.en, exc.nb) == ("bad part a b", "ødelagt del a b")


def test_the_locale_follows_posix_order_lc_all_then_lc_messages_then_lang() -> None:
    assert locale_language({"LANG": "nb_NO.UTF-8"}) == "nb"
    assert locale_language({"LANG": "no_NO"}) == "nb"
    assert locale_language({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "en_US.UTF-8"}) == "nb"
    assert locale_language({"LC_ALL": "C", "LC_MESSAGES": "nb_NO.UTF-8"}) == "en"
    assert locale_language({"LC_ALL": "", "LANG": "nb_NO"}) == "nb"
    assert locale_language({}) == "en"
    assert not is_norwegian("nl_NL")
