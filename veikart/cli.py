"""The ``veikart`` command. Each area registers its own subcommands.

Start-up is part of every command's cost, so only the module of the command
being run is imported: ``veikart extract`` never loads the comparison, SDG or
web code. The table below names each command's module; a module's
``register(subparsers)`` adds that command (tests check they agree). Help
without a command (``veikart -h``) or an unknown command imports them all,
so argparse can list every command.
"""

from __future__ import annotations

import argparse
import copy
import gc
import importlib
import os
import sys


def N_(msgid: str) -> str:  # noqa: N802 - gettext's name for "mark for translation, translate later"
    return msgid  # as veikart.i18n.N_, without importing it before a command needs it


# Command name -> module with ``register(subparsers)`` that adds it.
COMMANDS = {
    "extract": "veikart.ingest.cli",
    "compare": "veikart.compare.cli",
    "align": "veikart.compare.align_cli",
    "indicators": "veikart.indicators.cli",
    "evaluate-extract": "veikart.ingest.eval_cli",
    "sdg": "veikart.sdg.cli",
}


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size()`` finds it: COLUMNS, else the terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class TranslatedHelp(argparse.HelpFormatter):
    """A formatter whose help texts are message ids, translated by ``translate`` when help is printed: a
    command that only runs never loads a catalogue for them. The ``manage.py`` commands use it too."""

    @staticmethod
    def translate(msgid: str) -> str:
        return msgid

    def _expand_help(self, action: argparse.Action) -> str:
        if action.help:
            action = copy.copy(action)
            action.help = self.translate(action.help)
        return super()._expand_help(action)

    def _format_text(self, text: str) -> str:
        return super()._format_text(self.translate(text) if text else text)


class HelpFormatter(TranslatedHelp):
    """argparse's formatter, told the terminal's width: its own lookup imports ``shutil`` (with ``bz2`` and
    ``lzma``, ~1.5 ms) for every parser that adds an argument, on every command's start-up. Help texts are
    the core catalogue's message ids (bokmål, marked with ``N_``)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2 if width is None else width)

    @staticmethod
    def translate(msgid: str) -> str:
        return _translated(msgid)


# argparse's own help text for -h, in the same catalogue as ours (argparse's "usage:" and headings are its own).
N_("show this help message and exit")


def _translated(msgid: str) -> str:
    # A text translated already (the commands that call ``_`` themselves) is no message id: it comes back as is.
    from veikart.i18n import _

    return _(msgid)


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with ``HelpFormatter`` unless told otherwise (the subcommands' parsers are of this class)."""

    def __init__(self, *args: object, formatter_class: type = HelpFormatter, **kwargs: object) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with ``command``'s subcommand only, or with all of them when ``command`` is None or unknown."""
    parser = ArgumentParser(prog="veikart", description=N_("Veikart: strategidokumenter som strukturerte planer."))
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named on the line: the first argument that is not an option (the top level has only -h).

    None when help for the top level comes first (``veikart -h extract``): that help lists every command.
    """
    for arg in argv:
        if arg in ("-h", "--help"):
            return None
        if not arg.startswith("-"):
            return arg
    return None


# Objects made between two collections of the youngest generation while a command runs (Python: 700).
# A command makes tens of thousands of short-lived objects and few cycles; collecting every 700 allocations
# walked them 20-90 times per ``veikart extract`` (~2 % of its CPU time). Cycles are still collected.
_COMMAND_GC_THRESHOLD = 10_000


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The imports make only what lives as long as the process: no collection while they run, and none
    # walks it afterwards (frozen; ~3 % of a ``veikart extract``). Nothing is kept that would be freed.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = build_parser(_command(argv))
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    threshold = gc.get_threshold()
    gc.set_threshold(_COMMAND_GC_THRESHOLD, *threshold[1:])
    try:
        args = parser.parse_args(argv)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("veikart: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        gc.set_threshold(*threshold)  # as it was: main() also runs inside other processes (tests)


if __name__ == "__main__":
    sys.exit(main())
