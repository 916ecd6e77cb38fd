"""The header takes little room on a phone: at 320 px it leaves most of the first screen to the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 568}  # the smallest phone still in use (iPhone SE, first generation)
MOST = 0.3  # the header may take at most this share of the first screen


def _header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed in"])
def test_the_header_is_compact_at_320_px(context, page, live_server, alice, signed_in):
    if signed_in:
        sign_in(context, alice, live_server)
    page.set_viewport_size(PHONE)
    page.goto("/")
    height = _header_height(page)
    assert height <= PHONE["height"] * MOST, f"the header is {height:.0f}px of a {PHONE['height']}px screen"
    # Still all there: every menu link, the language choice and its button, nothing wider than the screen.
    assert page.locator(".site-header nav a").count() >= 4
    assert page.locator("#language-select").is_visible() and page.get_by_role("button", name="Bytt").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
