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


@pytest.fixture(autouse=True)
def _sdg_by_words(request):
    """SDG proposals by words alone: importing a strategy embeds nothing (the e5 model costs seconds of CPU).

    A test of proposals by meaning says so: ``@pytest.mark.sdg_meaning`` (the setting on, as in production).
    """
    from django.conf import settings

    before = getattr(settings, "VEIKART_SDG_MEANING", True)
    settings.VEIKART_SDG_MEANING = request.node.get_closest_marker("sdg_meaning") is not None
    yield
    settings.VEIKART_SDG_MEANING = before
