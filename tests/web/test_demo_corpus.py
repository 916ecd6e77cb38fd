"""The demo's real plans (load_demo_corpus): published under the members that wrote them, once."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import shared_rows
from veikart.web.audit.models import ChangeRecord
from veikart.web.ops import demo_corpus
from veikart.web.orgs.models import Organisation
from veikart.web.search.facade import search
from veikart.web.strategies.models import Strategy

BUNDLED = Path(__file__).resolve().parents[2] / "corpus"
HOUSING = "buskerud/3318_krodsherad_temaplan_boligutvikling_2024-2033.md"
YOUTH = "pdf/telemark-ungdomsrad-handlingsplan-2025.pdf"
UK = "pdf/uk-babergh-mid-suffolk-joint-local-plan-part1-2023.pdf"


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo_corpus", stdout=out)
    return out.getvalue()


_EXTRACTED: dict[tuple[str, str, int], tuple] = {}


@pytest.fixture(autouse=True)
def _extract_each_file_once(monkeypatch):
    """The same few files are read by nearly every test; reading is pure, so each is read once for the module and
    every caller gets its own copy (the database work after it, which these tests check, still runs each time)."""
    real = demo_corpus.extract_bytes_with_pages

    def extract_once(data, *, filename, max_bytes, **kwargs):
        key = (hashlib.sha256(data).hexdigest(), filename, max_bytes)
        if kwargs or key not in _EXTRACTED:
            result = real(data, filename=filename, max_bytes=max_bytes, **kwargs)
            if kwargs:
                return result
            _EXTRACTED[key] = result
        return copy.deepcopy(_EXTRACTED[key])

    monkeypatch.setattr(demo_corpus, "extract_bytes_with_pages", extract_once)


def _lay_out(folder: Path) -> Path:
    """A shared corpus folder with two small plans and the English one, laid out like ../shared/corpus."""
    for name in (HOUSING, YOUTH):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BUNDLED / name, folder / name)
    (folder / UK).write_bytes(b"%PDF-1.7 never read: no member wrote it")
    (folder / "buskerud" / "README.md").write_text("# Buskerud municipal plans\n", encoding="utf-8")
    return folder


@pytest.fixture
def corpus(settings, tmp_path):
    settings.VEIKART_CORPUS_DIR = _lay_out(tmp_path / "corpus")
    return settings.VEIKART_CORPUS_DIR


class TestAfterOneLoad:
    """The folder is loaded once for the class (the import costs more than a test); each test's changes are
    rolled back after it."""

    @pytest.fixture(scope="class")
    @classmethod
    def loaded(cls, django_db_setup, django_db_blocker, tmp_path_factory):
        folder = _lay_out(tmp_path_factory.mktemp("shared-corpus") / "corpus")

        def build() -> dict:
            with override_settings(VEIKART_CORPUS_DIR=folder):
                return {"folder": folder, "output": _load()}

        yield from shared_rows(django_db_blocker, tmp_path_factory, build)

    @pytest.fixture
    def corpus(self, db, settings, loaded):
        settings.VEIKART_CORPUS_DIR = loaded["folder"]
        return loaded["folder"]

    def test_it_publishes_each_plan_under_the_member_that_wrote_it(self, corpus, loaded):
        output = loaded["output"]
        housing = Strategy.objects.get(source_filename=Path(HOUSING).name)
        youth = Strategy.objects.get(source_filename=Path(YOUTH).name)
        assert (housing.status, youth.status) == ("published", "published")
        assert (housing.organisation.name, housing.organisation.kind, housing.organisation.number) == (
            "Krødsherad kommune", "kommune", "3318")
        assert (youth.organisation.name, youth.organisation.kind, youth.organisation.number) == (
            "Telemark fylkeskommune", "fylkeskommune", "40")
        assert housing.title == "Krødsherad: Temaplan helhetlig boligutvikling 2024-2033 - hovedplan"
        assert Strategy.objects.count() == 2  # the README is no plan, the UK plan has no member
        assert f"skipped {Path(UK).name}: no KS member wrote it" in output
        summary = "2 imported and published, 0 already loaded, 1 skipped (no member), 0 failed in"
        assert f"corpus from {corpus}: {summary}" in output

    def test_the_plans_are_searchable_and_have_sdg_proposals_like_any_import(self, corpus):
        housing = Strategy.objects.get(source_filename=Path(HOUSING).name)
        found = search("boligutvikling", AnonymousUser())
        assert any(r.doc.url.startswith(housing.get_absolute_url()) for r in found.results)
        assert ChangeRecord.objects.filter(strategy=housing, action="import").exists()
        assert housing.sdg_tags.exists()

    def test_a_second_run_adds_nothing(self, corpus):
        counts = (Strategy.objects.count(), Organisation.objects.count(), ChangeRecord.objects.count())
        output = _load()
        assert counts == (Strategy.objects.count(), Organisation.objects.count(), ChangeRecord.objects.count())
        assert "0 imported and published, 2 already loaded, 1 skipped (no member), 0 failed" in output
        assert "skipped 3318_krodsherad_temaplan_boligutvikling_2024-2033.md: already loaded as «Krødsherad:" in output

    def test_a_draft_left_by_an_interrupted_run_is_published_not_imported_again(self, corpus):
        housing = Strategy.objects.get(source_filename=Path(HOUSING).name)
        Strategy.objects.filter(pk=housing.pk).update(status="draft")
        output = _load()
        assert f"published {Path(HOUSING).name}" in output
        assert Strategy.objects.get(pk=housing.pk).status == "published" and Strategy.objects.count() == 2


def test_it_uses_the_members_existing_organisation(db, corpus):
    krodsherad = Organisation.objects.create(slug="krodsherad", name="Krødsherad kommune", number="3318")
    _load()
    assert Strategy.objects.get(source_filename=Path(HOUSING).name).organisation == krodsherad


def test_the_converted_files_heading_is_the_title_when_the_importer_finds_none(db, corpus, monkeypatch):
    real = demo_corpus.extract_bytes_with_pages

    def untitled(data, **kwargs):
        parsed, pages = real(data, **kwargs)
        return dataclasses.replace(parsed, title=""), pages

    monkeypatch.setattr(demo_corpus, "extract_bytes_with_pages", untitled)
    _load()
    titles = dict(Strategy.objects.values_list("source_filename", "title"))
    assert titles[Path(HOUSING).name] == "Krødsherad: Temaplan helhetlig boligutvikling 2024-2033 - hovedplan"
    assert titles[Path(YOUTH).name] == ""  # a PDF has no heading line: what the importer found stays


@pytest.mark.parametrize(
    ("filename", "code"),
    [
        ("3318_krodsherad_samfunnsdel_2019-2032.md", "K-3318"),
        ("3338_nore-og-uvdal_samfunnsdel_tett_paa_folk.md", "K-3338"),
        ("telemark-ungdomsrad-handlingsplan-2025.pdf", "F-40"),
        ("ovre-eiker-strategi.pdf", "K-3314"),
        ("midt-telemark-plan.pdf", "K-4020"),
    ],
)
def test_the_member_is_the_file_names_number_or_name(filename, code):
    assert demo_corpus.member_for(filename).code == code


@pytest.mark.parametrize("filename", [UK.split("/")[1], "9999_nowhere_plan.md", "plan.pdf"])
def test_a_file_name_without_a_member_says_why(filename):
    with pytest.raises(LookupError):
        demo_corpus.member_for(filename)


def test_it_loads_the_bundled_corpus_when_the_shared_folder_is_missing(db, settings, tmp_path):
    settings.VEIKART_CORPUS_DIR = tmp_path / "missing"
    output = _load()
    assert f"corpus from {BUNDLED}: 8 imported and published, 0 already loaded, 1 skipped (no member)" in output
    published = Strategy.objects.filter(status="published")
    assert published.count() == 8
    assert set(published.values_list("organisation__number", flat=True)) == {
        "3301", "3314", "3318", "3324", "3330", "3338", "40"}
    assert not Strategy.objects.filter(source_filename__in=["GUIDELINE.md", "README.md"]).exists()  # not plans
