"""Refusals of restore, create_api_token and load_demo, and the operations app's name, come in one language,
not as "bokmål / English" or always English."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import make_ks, person

LOCALES = {"nb": "nb_NO.UTF-8", "nn": "nn_NO.UTF-8", "en": "C.UTF-8"}

NOT_EMPTY = {
    "nb": "databasen er ikke tom (organisasjoner, brukere eller strategier finnes): legg kopien inn i en ny "
    "installasjon",
    "nn": "databasen er ikkje tom (organisasjonar, brukarar eller strategiar finst): legg kopien inn i ei ny "
    "installasjon",
    "en": "the database is not empty (organisations, users or strategies exist): restore into a new installation",
}
UNKNOWN_FORMAT = {"nb": "ukjent format: 'x/9'", "nn": "ukjent format: 'x/9'", "en": "unknown format: 'x/9'"}
NO_ROLE = {
    "nb": "bob har ikke rollen administrator i KS",
    "nn": "bob har ikkje rolla administrator i KS",
    "en": "bob does not hold the role administrator in KS",
}


@pytest.fixture(params=["nb", "nn", "en"])
def language(request, monkeypatch) -> str:
    monkeypatch.setenv("LC_ALL", LOCALES[request.param])
    return request.param


def _archive(path, manifest: dict) -> None:
    data = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))


def test_restore_refuses_in_one_language(db, tmp_path, language):
    source = tmp_path / "backup.tar.gz"
    _archive(source, {"format": "x/9"})
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(source), stdout=io.StringIO())
    assert str(refused.value) == UNKNOWN_FORMAT[language]
    make_ks()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(source), stdout=io.StringIO())
    assert str(refused.value) == NOT_EMPTY[language]


def test_a_token_beyond_the_owners_role_is_refused_in_one_language(db, language):
    ks = make_ks()
    person("bob", ks, "editor")
    with pytest.raises(CommandError) as refused:
        call_command(
            "create_api_token",
            "--organisation",
            ks.slug,
            "--owner",
            "bob",
            "--role",
            "admin",
            "--name",
            "x",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert str(refused.value) == NO_ROLE[language]


@pytest.mark.parametrize(("lang", "name"), [("nb", "Drift"), ("nn", "Drift"), ("en", "Operations")])
def test_the_operations_app_has_one_name_per_language(lang, name):
    from django.apps import apps
    from django.utils import translation

    with translation.override(lang):
        assert str(apps.get_app_config("ops").verbose_name) == name


EMPTY = {"nb": "filen er tom", "nn": "fila er tom", "en": "the file is empty"}


def test_the_demo_loader_reports_a_refused_document_in_one_language(db, monkeypatch, language):
    from veikart.ingest import ExtractError
    from veikart.web.strategies import services

    def refuse(*args, **kwargs):
        raise ExtractError("filen er tom")

    monkeypatch.setattr(services, "import_document", refuse)
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", "--password", "x" * 16, stdout=io.StringIO(), stderr=io.StringIO())
    assert str(refused.value).endswith(": " + EMPTY[language])


HELP = {
    "nb": ("Opprett eller oppdater en organisasjon", "skriv endringene (standard: en prøvekjøring)"),
    "nn": ("Opprett eller oppdater ein organisasjon", "skriv endringane (standard: ei prøvekøyring)"),
    "en": ("Create or update an Organisation", "write the changes (default: a dry run)"),
}
RESTORE_HELP = {
    "nb": "Legg en sikkerhetskopi fra `manage.py backup` inn i en tom installasjon.",
    "nn": "Legg ein tryggleikskopi frå `manage.py backup` inn i ei tom installasjon.",
    "en": "Load a backup made by `manage.py backup` into an empty installation.",
}
OWNER_HELP = {
    "nb": "brukernavnet til personen tokenet handler for",
    "nn": "brukarnamnet til personen tokenet handlar for",
    "en": "username of the person the token acts for",
}
ROWS_HELP = {
    "nb": "skriv de godtatte radene selv om noen er avvist",
    "nn": "skriv dei godtekne radene sjølv om nokre er avviste",
    "en": "write the accepted rows even if some are rejected",
}


def _help(name: str, app: str = "veikart.web.planning") -> str:
    from django.core.management import load_command_class

    command = load_command_class(app, name)
    return " ".join(command.create_parser("manage.py", name).format_help().split())


def test_command_help_is_in_the_command_lines_language(language):
    members = _help("load_members")
    assert all(text in members for text in HELP[language])
    assert ROWS_HELP[language] in _help("import_indicators")
    assert HELP[language][1] in _help("bulk_import", "veikart.web.ops")
    assert RESTORE_HELP[language] in _help("restore", "veikart.web.ops")
    assert OWNER_HELP[language] in _help("create_api_token", "veikart.web.api")
    assert "--verbosity" in members  # Django's own options are there, in English as in Django


DESCRIPTIONS = {  # (app, command): the start of its description in nb, nn and en
    ("veikart.web.jobs", "sweep_jobs"): ("Finn kjørende jobber", "Finn køyrande jobbar", "Find running jobs"),
    ("veikart.web.notify", "send_reminders"): ("Send dagens påminnelser", "Send dagens påminningar", "Send today's"),
    ("veikart.web.planning", "annual_report"): ("Årsrapporten for", "Årsrapporten for", "The annual report"),
    ("veikart.web.planning", "load_demo_plans"): (
        "Last inn demohandlingsplanen",
        "Last inn demohandlingsplanen",
        "Load the",
    ),
    ("veikart.web.sdgtags", "load_sdg"): ("Last FNs bærekraftsmål", "Last berekraftsmåla til FN", "Load the UN"),
    ("veikart.web.sdgtags", "propose_sdg_tags"): ("Kjør klassifisereren", "Køyr klassifiseraren", "Run the SDG"),
    ("veikart.web.semantic", "embed_items"): ("Lag vektorer for", "Lag vektorar for", "Embed every"),
    ("veikart.web.strategies", "load_demo"): ("Last inn KS' demodata", "Last inn demodata for KS", "Load the KS"),
}


@pytest.mark.parametrize(("app", "name"), list(DESCRIPTIONS))
def test_every_localised_commands_description_follows_the_command_line(app, name, language):
    from django.core.management import load_command_class

    command = load_command_class(app, name)
    description = command.create_parser("manage.py", name).format_help().split("\n\n")[1]
    assert description.startswith(DESCRIPTIONS[(app, name)][("nb", "nn", "en").index(language)])
