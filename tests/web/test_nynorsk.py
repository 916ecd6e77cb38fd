"""Nynorsk (the Language Act): every catalogue translated, placeholders kept, pages in nynorsk when chosen."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

WEB = Path(__file__).resolve().parents[2] / "veikart" / "web"
NYNORSK = sorted(path.parent.parent.parent for path in WEB.glob("**/locale/nn/LC_MESSAGES/django.po"))
# Python %-placeholders (%(name)s, %s, %%) and str.format fields ({0}, {name}).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sdifr%]|\{[^{}]*\}")


def nynorsk(locale: Path) -> polib.POFile:
    return polib.pofile(str(locale / "nn" / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("locale", NYNORSK, ids=lambda path: str(path.relative_to(WEB)))
def test_every_nynorsk_entry_is_translated_and_not_fuzzy(locale):
    catalogue = nynorsk(locale)
    assert catalogue.metadata["Language"] == "nn"
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("locale", NYNORSK, ids=lambda path: str(path.relative_to(WEB)))
def test_nynorsk_keeps_every_placeholder_and_html_tag(locale):
    for entry in nynorsk(locale).translated_entries():
        pairs = ([(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
                 if entry.msgid_plural else [(entry.msgid, entry.msgstr)])
        for source, translation in pairs:
            assert placeholders(translation) == placeholders(source), entry.msgid
            assert re.findall(r"<[^>]+>", translation) == re.findall(r"<[^>]+>", source), entry.msgid
            assert translation.strip() and translation.endswith("\n") == source.endswith("\n"), entry.msgid
