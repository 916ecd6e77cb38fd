"""``manage.py bulk_import DIR --organisation SLUG``: a dry run by default; with --confirm good and bad files,
a summary, resuming after an interruption."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from veikart.web.ops.bulk_import import Outcome, import_folder
from veikart.web.search.facade import more_like_this
from veikart.web.strategies import services
from veikart.web.strategies.management.commands.load_demo import SAMPLES as KS_SAMPLES
from veikart.web.strategies.management.commands.load_demo import samples_dir
from veikart.web.strategies.models import Strategy

SMALL_PLAN = """# Kommuneplan for Eksempel kommune 2024–2027

## 1 Oppvekst

### Mål

- Alle barn skal ha plass i en god barnehage.

### Strategier

- Bygge to nye barnehager.
"""


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """Messages follow the locale: English here (one test sets a Norwegian one)."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def bulk_import(*args: str) -> tuple[int, str, str]:
    """The command's exit status, stdout and stderr (as manage.py would exit: 1 for failed files, 2 for misuse)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("bulk_import", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


# Two small plans stand in for the KS documents where only the command's bookkeeping is tested (importing the
# real ones costs most of this file's time); the similar-plans tests import the real KS documents.
SAMPLES = ("plan-a.md", "plan-b.txt")
OTHER_PLAN = SMALL_PLAN.replace("Eksempel kommune 2024–2027", "Annet kommune 2028–2031").replace(
    "to nye barnehager", "en ny skole"
)
THIRD_PLAN = SMALL_PLAN.replace("Eksempel kommune 2024–2027", "Tredje kommune 2020–2023").replace(
    "god barnehage", "trygg skolevei"
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "plan-a.md").write_text(OTHER_PLAN, encoding="utf-8")
    (tmp_path / "plan-b.txt").write_text(THIRD_PLAN.replace("#", ""), encoding="utf-8")
    (tmp_path / "eksempel.md").write_text(SMALL_PLAN, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not really a PDF")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "budget.xlsx").write_bytes(b"PK\x03\x04 not a document we read")
    return tmp_path


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(folder, ks):
    code, out, err = bulk_import(str(folder), "--organisation", "ks")
    assert code == 1  # two files would fail
    assert out.splitlines()[0] == (
        "dry run: 3 would be imported, 0 skipped (already imported), 2 would fail, "
        "1 ignored (not a supported file type); nothing was written (use --confirm)"
    )
    assert "  empty.txt: the file is empty" in out
    assert "5/5" in err
    assert not Strategy.objects.exists()


def test_a_dry_run_after_an_import_counts_the_skipped_files(folder, ks):
    import_folder(folder, "ks", confirm=True)
    report = import_folder(folder, "ks")
    assert (report.count(Outcome.IMPORTED), report.count(Outcome.SKIPPED)) == (0, 3)
    assert Strategy.objects.filter(organisation=ks).count() == 3


def test_it_imports_the_good_files_and_reports_the_bad_ones(folder, ks):
    code, out, err = bulk_import(str(folder), "--organisation", "ks", "--confirm")
    assert code == 1
    assert "3 imported, 0 skipped (already imported), 2 failed, 1 ignored (not a supported file type)" in out
    assert "  empty.txt: the file is empty" in out
    assert "  broken.pdf: " in out
    assert Strategy.objects.filter(organisation=ks, status=Strategy.Status.DRAFT).count() == 3
    assert "5/5" in err  # the progress line reached the end


def test_each_failure_has_the_importers_one_line_message(folder, ks):
    report = import_folder(folder, "ks", confirm=True)
    failures = {r.path.name: r.message for r in report.failures}
    assert set(failures) == {"broken.pdf", "empty.txt"}
    assert all(message and "\n" not in message and "Traceback" not in message for message in failures.values())


def test_a_second_run_skips_what_is_already_imported(folder, ks):
    bulk_import(str(folder), "--organisation", "ks", "--confirm")
    code, out, _ = bulk_import(str(folder), "--organisation", "ks", "--confirm")
    assert "0 imported, 3 skipped (already imported), 2 failed" in out
    assert code == 1
    assert Strategy.objects.filter(organisation=ks).count() == 3


def test_an_interrupted_import_resumes_where_it_stopped(folder, ks, monkeypatch):
    real = services.import_document

    def interrupted(*args, **kwargs):
        if args[2] == SAMPLES[0]:  # Ctrl-C while the second plan is imported
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "import_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_folder(folder, "ks", confirm=True)
    assert Strategy.objects.filter(organisation=ks).count() == 1  # the file being imported left nothing
    monkeypatch.setattr(services, "import_document", real)
    report = import_folder(folder, "ks", confirm=True)
    assert [r.outcome for r in report.results if r.outcome != Outcome.FAILED] == [
        Outcome.SKIPPED,
        Outcome.IMPORTED,
        Outcome.IMPORTED,
    ]
    assert Strategy.objects.filter(organisation=ks).count() == 3


def test_publish_publishes_every_imported_strategy(folder, ks):
    import_folder(folder, "ks", confirm=True, publish=True)
    assert set(Strategy.objects.filter(organisation=ks).values_list("status", flat=True)) == {"published"}


@pytest.fixture
def ks_folder(folder):
    for name in (*SAMPLES, "eksempel.md"):
        (folder / name).unlink()
    for name in KS_SAMPLES:
        shutil.copy(samples_dir() / name, folder / name)
    return folder


def test_similar_plans_are_computed_as_documents_are_imported(ks_folder, ks):
    import_folder(ks_folder, "ks", confirm=True, publish=True)
    old = Strategy.objects.get(period_start=2016)
    similar = [row.target.object_id for row in more_like_this(old, 10)]
    assert similar[0] == Strategy.objects.get(period_start=2020).pk


def test_an_unknown_organisation_is_one_line(folder, db):
    with pytest.raises(CommandError, match="^no organisation with the short name 'finnes-ikke'$"):
        call_command("bulk_import", str(folder), "--organisation", "finnes-ikke", stdout=StringIO())


def test_a_missing_folder_is_one_line(tmp_path, db):
    with pytest.raises(CommandError, match="nope: not a folder$"):
        call_command("bulk_import", str(tmp_path / "nope"), "--organisation", "ks", stdout=StringIO())


def test_similar_items_are_computed_after_each_files_commit_not_inside_it(ks_folder, ks, monkeypatch):
    from django.db import connection

    from veikart.web.search import similar

    real = similar.recompute_for_strategy
    calls = []
    outside = len(connection.atomic_blocks)  # the test's own transaction

    def recompute(strategy_id, goal_ids=None):
        calls.append((strategy_id, len(connection.atomic_blocks) > outside))
        return real(strategy_id, goal_ids)

    monkeypatch.setattr(similar, "recompute_for_strategy", recompute)
    report = import_folder(ks_folder, "ks", confirm=True, publish=True)
    imported = [r.strategy_id for r in report.results if r.outcome == Outcome.IMPORTED]
    # once per imported file (its import and its publishing merged), never inside a write transaction
    assert [strategy_id for strategy_id, _ in calls] == imported
    assert not any(in_transaction for _, in_transaction in calls)


def test_the_summary_speaks_bokmal_under_a_norwegian_locale(folder, ks, monkeypatch):
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    (folder / "budget.xlsx").unlink()
    for name in (*SAMPLES, "eksempel.md", "broken.pdf"):
        (folder / name).unlink()
    code, out, _ = bulk_import(str(folder), "--organisation", "ks", "--confirm")
    assert code == 1
    assert out.splitlines() == [
        "0 importert, 0 hoppet over (importert før), 1 feilet, 0 oversett (filtypen støttes ikke)",
        "Filer som feilet:",
        "  empty.txt: filen er tom",
    ]


def test_every_bulk_import_string_has_an_english_translation_in_the_compiled_catalogue():
    import veikart.web.ops
    from tests.catalogues import english_catalogue

    catalogue = english_catalogue(Path(veikart.web.ops.__file__).parent)
    assert catalogue.gettext("Filer som feilet:") == "Failed files:"
