"""The API's interactive docs (Swagger UI from ninja's own static files) work under our Content-Security-Policy.

The ``context`` fixture fails the test on any message about something the
policy blocked, so this also shows that no script or style comes from a CDN.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_and_run_a_request(page, ks):
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Veikart API")
    operation = page.locator(".opblock-summary-path", has_text="/api/organisations").first
    expect(operation).to_be_visible()
    operation.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    live = page.locator(".live-responses-table")
    expect(live.locator("tbody .response-col_status").first).to_contain_text("200")
    expect(live).to_contain_text('"slug": "ks"')
