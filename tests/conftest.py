"""Settings every test shares."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_page_cache():
    """The public page cache off: its invalidation runs after commit, which a rolled-back test never reaches.

    tests/web/test_page_cache.py turns it on in tests that commit for real.
    """
    from django.conf import settings

    before = getattr(settings, "VEIKART_PAGE_CACHE_SECONDS", 0)
    settings.VEIKART_PAGE_CACHE_SECONDS = 0
    yield
    settings.VEIKART_PAGE_CACHE_SECONDS = before
