"""The core's message catalogue (veikart/locale): complete in nynorsk and English, compiled, placeholders kept."""

from __future__ import annotations

import re

import polib
import pytest

from veikart.i18n import LOCALE_DIR, Count, Decimal, Message, environment_language

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_message_is_translated_and_the_compiled_catalogue_matches(lang: str) -> None:
    po = polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "veikart.po"))
    mo = polib.mofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "veikart.mo"))
    template = {e.msgid for e in polib.pofile(str(LOCALE_DIR / "veikart.pot"))}
    assert {e.msgid for e in po} == template, "run python scripts/core_messages.py"
    for entry in po:
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(translations) and "fuzzy" not in entry.flags, entry.msgid
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(entry.msgid)), entry.msgid
    assert {_entry(e) for e in mo} == {_entry(e) for e in po}, "recompile: msgfmt"


def _entry(e: polib.POEntry | polib.MOEntry) -> tuple:
    return e.msgid, e.msgstr, tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items()))


def test_numbers_are_written_the_way_each_language_writes_them() -> None:
    message = Message(
        "filen er for stor: %(size)s, grensen er %(limit)s",
        {
            "size": Message("%(mb)s MB", {"mb": Decimal(500.0)}),
            "limit": Message("%(n)s byte", {"n": 10}),
        },
    )
    assert message.text("nb") == "filen er for stor: 500,0 MB, grensen er 10 byte"
    assert message.text("nn") == "fila er for stor: 500,0 MB, grensa er 10 byte"
    assert message.text("en") == "the file is too large: 500.0 MB, the limit is 10 bytes"
    assert Count(12345).text("nb") == "12\u00a0345" and Count(12345).text("en") == "12,345"
    assert Message.from_dict(message.to_dict()) == message


def test_the_command_line_speaks_nynorsk_under_a_nynorsk_locale() -> None:
    assert environment_language({"LANG": "nn_NO.UTF-8"}) == "nn"
    assert Message("filen er tom").text(environment_language({"LC_ALL": "nn_NO.UTF-8", "LANG": "en_GB"})) == (
        "fila er tom"
    )
