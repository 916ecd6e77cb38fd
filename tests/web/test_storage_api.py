"""Files only through Django's storage API: everything works on a storage with no local paths (like S3).

Django's InMemoryStorage with ``path()`` refused (S3Storage has none either): an upload,
its import, the source download, an indicator file's check and write, and a
backup all run on it.
"""

from __future__ import annotations

import io
import os
import tarfile

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.web.test_upload import MARKDOWN
from veikart.web.planning.models import Indicator, Value, ValueImport
from veikart.web.strategies.models import ImportJob


class NoPathStorage(InMemoryStorage):
    """InMemoryStorage whose path() is refused to callers (it uses its own path() inside, for its tree)."""

    def path(self, name: str) -> str:
        raise NotImplementedError("no local path: use the storage API")

    def _relative_path(self, name: str) -> str:
        return os.path.relpath(InMemoryStorage.path(self, name), self.location)


@pytest.fixture
def no_paths(settings):
    settings.STORAGES = {
        "default": {"BACKEND": "tests.web.test_storage_api.NoPathStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with pytest.raises(NotImplementedError):
        default_storage.path("x")


def test_documents_and_indicator_files_never_need_a_path(no_paths, client, alice, ks, tmp_path):
    client.force_login(alice)
    client.post(reverse("upload"), {"organisation": ks.pk,
                                    "document": SimpleUploadedFile(MARKDOWN.name, MARKDOWN.read_bytes())})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE, job.error
    download = client.get(reverse("source_document", args=[job.strategy.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == MARKDOWN.read_bytes()

    indicator = Indicator.objects.create(organisation=ks, key="laerlinger", name="Lærlinger", unit="per 1000")
    content = "kommunenummer;år;verdi\n0301;2021;1,5\n".encode()
    client.post(reverse("planning:value_upload"), {"organisation": ks.pk, "indicator": indicator.pk,
                                                   "file": SimpleUploadedFile("verdier.csv", content)})
    values_job = ValueImport.objects.get()
    assert values_job.status == ValueImport.Status.CHECKED, values_job.report
    client.post(reverse("planning:value_import", args=[values_job.pk]))
    assert Value.objects.filter(indicator=indicator).count() == 1

    target = tmp_path / "backup.tar.gz"
    call_command("backup", str(target), stdout=io.StringIO())
    with tarfile.open(target) as archive:
        stored = {name for name in archive.getnames() if name.startswith("media/")}
    assert stored == {f"media/{job.strategy.source_file.name}", f"media/{values_job.file.name}"}
