"""``veikart extract`` starts cheaply: only the command being run is imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from veikart.cli import COMMANDS, build_parser

FIXTURES = Path(__file__).parent / "fixtures"
# Other areas' code and heavy libraries that reading a PDF never needs.
NOT_FOR_A_PDF = ("django", "sklearn", "yaml", "veikart.compare", "veikart.sdg", "veikart.indicators", "veikart.web")
# Other readers' libraries: sniffing imports every reader module, which imports its library only to read
# (docx.py, html.py, markdown.py; bs4 loads charset_normalizer); the language guess needs no numpy.
NOT_FOR_A_PDF_EITHER = ("numpy", "charset_normalizer", "bs4", "docx", "lxml", "markdown_it", "py3langid")


def _subcommands(parser) -> set[str]:
    return set(parser._subparsers._group_actions[0].choices)


def test_each_command_in_the_table_is_registered_by_its_module():
    for command in COMMANDS:
        assert _subcommands(build_parser(command)) == {command}


def test_help_without_a_command_lists_every_command():
    assert _subcommands(build_parser()) == set(COMMANDS)


def _modules_loaded_by_extracting_a_pdf() -> list[str]:
    script = (
        "import json, sys\n"
        "from veikart.cli import main\n"
        f"code = main(['extract', {str(FIXTURES / 'eksempel-kommune.pdf')!r}])\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stderr.splitlines()[-1])


def _among(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [name for name in modules for package in packages if name == package or name.startswith(package + ".")]


def test_extracting_a_pdf_imports_no_other_command_and_no_web_framework():
    assert _among(_modules_loaded_by_extracting_a_pdf(), NOT_FOR_A_PDF) == []


def test_extracting_a_pdf_imports_no_library_of_another_reader():
    assert _among(_modules_loaded_by_extracting_a_pdf(), NOT_FOR_A_PDF_EITHER) == []
