"""Settings read the environment strictly: a typo stops the start with one clear line."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from veikart.web.env import env_bool, env_int, env_list, secret_key


def test_env_bool_accepts_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("VK_FLAG", "yes")
    assert env_bool("VK_FLAG") is True
    monkeypatch.setenv("VK_FLAG", "0")
    assert env_bool("VK_FLAG", True) is False


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("VK_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="VK_FLAG must be 1 or 0"):
        env_bool("VK_FLAG")


def test_env_int_refuses_a_non_number(monkeypatch):
    monkeypatch.setenv("VK_N", "12MB")
    with pytest.raises(ImproperlyConfigured, match="VK_N must be a whole number"):
        env_int("VK_N", 1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("VK_HOSTS", "a.no, b.no,,")
    assert env_list("VK_HOSTS", []) == ["a.no", "b.no"]


def test_secret_key_is_made_once_per_install_and_kept_private(monkeypatch, tmp_path):
    monkeypatch.delenv("VEIKART_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) >= 50 and secret_key(tmp_path) == first
    assert (tmp_path / "secret-key").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("VEIKART_SECRET_KEY", "from-env")
    assert secret_key(tmp_path) == "from-env"


def test_production_settings_are_safe_by_default():
    from django.conf import settings

    assert settings.DEBUG is False
    assert "*" not in settings.ALLOWED_HOSTS
    assert settings.LANGUAGE_CODE == "nb"


def test_system_check_refuses_a_media_folder_that_cannot_be_made(settings, tmp_path):
    from veikart.web.strategies.checks import storage_is_writable

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"
    errors = storage_is_writable(None)
    assert [e.id for e in errors] == ["veikart.E001"]
    assert "MEDIA_ROOT" in errors[0].msg


def test_system_check_passes_the_default_setup(settings):
    from veikart.web.strategies.checks import max_upload_is_positive, storage_is_writable

    assert storage_is_writable(None) == [] and max_upload_is_positive(None) == []
    settings.VEIKART_MAX_UPLOAD_BYTES = 0
    assert [e.id for e in max_upload_is_positive(None)] == ["veikart.E002"]
