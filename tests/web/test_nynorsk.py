"""Nynorsk (the Language Act): every catalogue translated, placeholders kept, pages in nynorsk when chosen."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse

WEB = Path(__file__).resolve().parents[2] / "veikart" / "web"
# Every folder with an English catalogue has a nynorsk one beside it.
ENGLISH = sorted(path.parent.parent.parent for path in WEB.glob("**/locale/en/LC_MESSAGES/django.po"))
NYNORSK = sorted(path.parent.parent.parent for path in WEB.glob("**/locale/nn/LC_MESSAGES/django.po"))
# Python %-placeholders (%(name)s, %s, %%) and str.format fields ({0}, {name}).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sdifr%]|\{[^{}]*\}")


def nynorsk(locale: Path) -> polib.POFile:
    return polib.pofile(str(locale / "nn" / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def texts(catalogue: polib._BaseFile) -> dict[tuple[str | None, str], tuple[str, ...]]:
    return {(entry.msgctxt, entry.msgid): (entry.msgstr,) if not entry.msgid_plural else
            tuple(entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural))
            for entry in catalogue if not entry.obsolete and entry.msgid}


def test_a_nynorsk_catalogue_beside_every_english_one():
    assert ENGLISH == NYNORSK and len(NYNORSK) >= 4


@pytest.mark.skipif(not shutil.which("xgettext") or not shutil.which("msgmerge"), reason="needs GNU gettext")
def test_the_nynorsk_catalogues_hold_every_text_in_the_code(tmp_path, monkeypatch, settings):
    """makemessages over a copy of the web app: a new or changed msgid shows up as a difference."""
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    settings.LOCALE_PATHS = []  # only the copy's own locale folders
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nn"], no_location=True, verbosity=0)
    for locale in NYNORSK:
        fresh = polib.pofile(str(copy / locale.relative_to(WEB) / "nn" / "LC_MESSAGES" / "django.po"))
        new = sorted((texts(fresh).keys() - texts(nynorsk(locale)).keys()), key=str)
        assert not new, f"{locale}: run makemessages -l nn --no-location and translate {new}"
        assert texts(fresh) == texts(nynorsk(locale)), f"{locale}: run makemessages -l nn --no-location"


@pytest.mark.parametrize("locale", NYNORSK, ids=lambda path: str(path.relative_to(WEB)))
def test_the_compiled_catalogue_matches_the_po_file(locale):
    mo = locale / "nn" / "LC_MESSAGES" / "django.mo"
    assert mo.is_file(), f"{mo}: run compilemessages"
    assert texts(polib.mofile(str(mo))) == texts(nynorsk(locale)), f"{mo} is out of date: run compilemessages"


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


def test_nynorsk_is_offered_by_the_language_switch(client, db):
    body = client.get("/").content.decode()
    assert '<option value="nn" lang="nn">Norsk nynorsk</option>' in body


def test_a_page_in_nynorsk_when_the_visitor_chooses_it(client, published):
    response = client.post(reverse("set_language"), {"language": "nn", "next": published.get_absolute_url()})
    assert response.status_code == 302
    response = client.get(published.get_absolute_url())
    body = response.content.decode()
    assert '<html lang="nn">' in body and response["Content-Language"] == "nn"
    assert "Hopp til hovudinnhaldet" in body and "Innhald" in body and "Forpliktingar" in body
    assert "Hopp til hovedinnholdet" not in body and "Skip to main content" not in body


def test_the_front_page_and_a_form_error_in_nynorsk(client, published):
    client.cookies["django_language"] = "nn"
    body = client.get("/").content.decode()
    assert "Nyleg publiserte strategiar" in body and "Nylig publiserte strategier" not in body
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert "Feil brukarnamn eller passord. Prøv igjen." in response.content.decode()


def test_the_annual_report_says_it_is_in_nynorsk(client, published, alice):
    from veikart.web.planning import services as planning

    planning.create_plan(published, 2021, alice)
    client.cookies["django_language"] = "nn"
    body = client.get(reverse("planning:report", args=[published.pk, 2021])).content.decode()
    assert '<html lang="nn">' in body and "Årsrapport 2021" in body and "Tilbake til handlingsplanen" in body


def test_the_goals_of_the_sdgs_have_nynorsk_names(client, db):
    from veikart.web.sdgtags import nynorsk
    from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue

    ensure_sdg_catalogue()
    assert sorted(nynorsk.SHORT) == sorted(nynorsk.TITLE) == list(range(1, 18))
    client.cookies["django_language"] = "nn"
    body = client.get(reverse("sdgtags:goal", args=[11])).content.decode()
    assert "Berekraftige byar og lokalsamfunn" in body and "Bærekraftige byer og lokalsamfunn" not in body
    client.cookies["django_language"] = "nb"
    assert "Bærekraftige byer og lokalsamfunn" in client.get(reverse("sdgtags:goal", args=[11])).content.decode()
