"""The front page leads with the organisations that follow up their strategy with action plans."""

from __future__ import annotations

from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.orgs.models import Organisation


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    def test_the_front_page_leads_with_organisations_that_have_plans(self, client, plan, oslo):
        page = client.get(reverse("front")).content.decode()
        plans = page.index('id="plans-heading"')
        assert plans < page.index('id="recent-heading"') < page.index('id="orgs-heading"')
        section = page[plans : page.index("</section>", plans)]
        assert plan.strategy.organisation.name in section and "1 handlingsplan<" in section
        assert oslo.name not in section

    def test_organisations_with_a_published_strategy_come_before_the_rest(self, client, published):
        Organisation.objects.create(slug="aremark", name="Aremark kommune", number="3012")
        page = client.get(reverse("front")).content.decode()
        listing = page[page.index('id="orgs-heading"') :]
        assert listing.index(f">{published.organisation.name}</a>") < listing.index(">Aremark kommune</a>")

    def test_without_plans_there_is_no_empty_section(self, client, published):
        assert 'id="plans-heading"' not in client.get(reverse("front")).content.decode()
