"""No page, download or JSON shows a draft to anonymous visitors or to another organisation.

The URLs come from the URL configuration itself (``get_resolver()``), so a new
page is covered without anyone remembering it: every parameter is filled from
the objects of a small world (a draft with a marker text in its section title,
intro, goal and commitment, a published strategy, action plans, measures, an
indicator with targets, SDG tags, similar items), and a pattern whose
parameter this test cannot fill fails the test by name. Every GET URL is
requested as an anonymous visitor and as another organisation's editor; HTML
pages that answer 200 are requested again with ``?format=json|csv|xlsx|pdf``
and with the query parameters the search, comparison and indicator pages
read. No body (XLSX and PDF decoded) and no header may contain the marker.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.web.conftest import PAGE_ONE, PAGE_TWO, STRATEGY_JSON, OnSharedRows, make_people
from veikart.sdg.classifier import SdgMatch
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.people.models import Invitation
from veikart.web.people.services import invitation_token
from veikart.web.planning import services as planning
from veikart.web.planning.models import Indicator, Target, Value, ValueImport
from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue
from veikart.web.sdgtags.services import propose_tags
from veikart.web.strategies import services
from veikart.web.strategies.models import ImportJob, Item, Strategy

MARKER = "ZQXLEKKASJE"

# Namespaces not walked, and why. Everything else must be filled or the test fails.
ALLOWED_UNFILLED = {
    # Django's admin: every view is behind admin_view (staff only); staff may see every draft by design
    # (access.py). test_the_admin_is_closed_to_everyone_but_staff below checks the door.
    "admin",
}

# HTML pages answering 200 are requested again with each of these (the views that read them use them;
# the others ignore them).
QUERY_VARIANTS = (
    "?format=json",
    "?format=csv",
    "?format=xlsx",
    "?format=pdf",
    # Lower case: the search box echoes the query, results show the stored (upper case) text.
    f"?q={MARKER.lower()}",
    f"?q={MARKER.lower()}&type=goal",
)


def _sdg_eight(text: str, language: str | None = None) -> list[SdgMatch]:
    return [SdgMatch(8, 0.9, ("8.5",), "Ord: «arbeidsgivere».")]


def _draft_json(strategy_json: dict) -> dict:
    data = dict(strategy_json)
    data["title"] = f"{MARKER} Utkast til langtidsstrategi for KS 2024–2027"
    data["period"] = {"start": 2024, "end": 2027}
    data["source"] = {"filename": "utkast.pdf", "sha256": "cd" * 32, "pages": 2, "format": "pdf"}
    data["sections"] = [{
        "number": "1",
        "title": f"{MARKER} Arbeidsgiver og digitalisering",
        "intro": f"{MARKER} Innledning om arbeidsgivere og digitalisering i kommunene.",
        "goals": [{"text": f"{MARKER} KS skal bidra til gode arbeidsgivere og digitale kommuner.", "source": None}],
        "commitments": [{"text": f"{MARKER} Tilby kurs i ledelse og digitalisering.", "source": None}],
        "sections": [],
        "source": None,
    }]
    return data


@dataclass
class World:
    draft: Strategy
    published: Strategy
    values: dict[str, list[str]]  # URL parameter name → the values to try


def build_world() -> dict:
    """The world's rows; the primary keys of the strategies and people, and the URL parameters' values."""
    keys = make_people()
    ks, oslo = Organisation.objects.get(pk=keys["ks"]), Organisation.objects.get(pk=keys["oslo"])
    alice = User.objects.get(pk=keys["alice"])
    strategy_json = copy.deepcopy(STRATEGY_JSON)
    ensure_sdg_catalogue()
    published = services.publish(
        services.import_strategy(ks, services.parse_strategy_json(strategy_json), alice, pages=[PAGE_ONE, PAGE_TWO]),
        alice,
    )
    draft = services.import_strategy(ks, services.parse_strategy_json(_draft_json(strategy_json)), alice)
    assert draft.status == Strategy.Status.DRAFT
    draft_goal = Item.objects.get(section__strategy=draft, kind=Item.Kind.GOAL)
    draft_commitment = Item.objects.get(section__strategy=draft, kind=Item.Kind.COMMITMENT)
    public_goal = Item.objects.filter(section__strategy=published, kind=Item.Kind.GOAL).first()

    # Action plans: the draft's (marker everywhere) and the published one's.
    draft_plan = planning.create_plan(draft, 2024, alice, f"{MARKER} Beskrivelse av utkastets plan")
    draft_measure = planning.create_measure(
        draft_plan, alice, items=[draft_goal, draft_commitment], title=f"{MARKER} Tiltak i utkastet",
        description=f"{MARKER} Beskrivelse", responsible="KS", due=date(2024, 3, 31),
    )
    public_plan = planning.create_plan(published, 2021, alice, "Offentlig plan")
    public_measure = planning.create_measure(public_plan, alice, items=[public_goal], title="Lederkurs",
                                             due=date(2021, 6, 30))

    # An indicator (public statistics) linked to goals of both, with a target for each strategy.
    indicator = Indicator.objects.create(organisation=ks, key="laerlinger", name="Lærlinger per 1000 innbyggere",
                                         unit="per 1000", level="member")
    indicator.goals.add(draft_goal, public_goal)
    Target.objects.create(indicator=indicator, strategy=published, value=2.0, comparison=">=",
                          deadline=date(2023, 12, 31), goal_text="Flere lærlinger")
    Target.objects.create(indicator=indicator, strategy=draft, value=3.0, comparison=">=",
                          deadline=date(2027, 12, 31), goal_text=f"{MARKER} Dobbelt så mange lærlinger")
    now = timezone.now()
    Value.objects.create(indicator=indicator, organisation=oslo, period="2021", period_end=date(2021, 12, 31),
                         value=1.5, source="test", imported_at=now)
    Value.objects.create(indicator=indicator, organisation=ks, period="2022", period_end=date(2022, 12, 31),
                         value=1.8, source="test", imported_at=now)
    value_import = ValueImport.objects.create(organisation=ks, indicator=indicator, filename="verdier.csv",
                                              sha256="0" * 64, report={})

    # SDG tags on both (measures included), and an import job that made the draft.
    propose_tags(draft, _sdg_eight)
    propose_tags(published, _sdg_eight)
    job = ImportJob.objects.create(organisation=ks, uploaded_by=alice, filename="utkast.pdf",
                                   status=ImportJob.Status.DONE, progress=100, strategy=draft)

    # People: the organisation's memberships, an open invitation with its link, a password reset link.
    invitation = Invitation.objects.create(organisation=ks, email="ny@example.org", role="editor", invited_by=alice)

    items = Item.objects.filter(section__strategy__in=[draft, published], kind=Item.Kind.GOAL)
    values = {
        "strategy_id": [str(draft.pk), str(published.pk)],
        "slug": [draft.slug, published.slug, ks.slug, oslo.slug],
        "year": ["2024", "2021"],
        "fmt": ["csv", "xlsx", "json", "pdf"],
        "measure_id": [str(draft_measure.pk), str(public_measure.pk)],
        "import_id": [str(value_import.pk)],
        "key": [indicator.key],
        "item_id": [str(i.pk) for i in items],
        "job_id": [str(job.pk)],
        "number": ["8", "1"],
        "action": ["submit", "approve", "reopen"],  # api: a reporting period's steps (POST only)
        "membership_id": [str(pk) for pk in Membership.objects.filter(organisation=ks).values_list("pk", flat=True)],
        "invitation_id": [str(invitation.pk)],
        "token": [invitation_token(invitation), default_token_generator.make_token(alice)],
        "uidb64": [urlsafe_base64_encode(force_bytes(alice.pk))],
    }
    return {**keys, "draft": draft.pk, "published": published.pk, "values": values}


# --- the URL patterns -----------------------------------------------------------------------------

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass
class Route:
    route: str  # "strategier/<int:strategy_id>/…", the prefixes of the includes joined
    name: str


def walk(patterns, prefix: str = "", namespace: str = "") -> tuple[list[Route], list[str]]:
    """Every URL pattern (recursively) as a route string, and the patterns this test cannot fill."""
    routes: list[Route] = []
    refused: list[str] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = entry.namespace or namespace
            if space in ALLOWED_UNFILLED:
                continue
            if not isinstance(entry.pattern, RoutePattern):
                refused.append(f"include with a regular expression: {entry.pattern}")
                continue
            more, bad = walk(entry.url_patterns, prefix + str(entry.pattern), space)
            routes += more
            refused += bad
        elif isinstance(entry, URLPattern):
            label = f"{namespace + ':' if namespace else ''}{entry.name or '(unnamed)'} {prefix}{entry.pattern}"
            if not isinstance(entry.pattern, RoutePattern):
                refused.append(f"regular expression pattern {label}")
                continue
            routes.append(Route(prefix + str(entry.pattern), label))
    return routes, refused


def fill(route: Route, values: dict[str, list[str]]) -> list[str]:
    """Every URL the route gives with the world's values (all combinations); KeyError names a parameter."""
    names = [m.group("name") for m in PARAMETER.finditer(route.route)]
    choices = [values[name] for name in names]
    urls = []
    for combination in itertools.product(*choices):
        chosen = iter(combination)
        urls.append("/" + PARAMETER.sub(lambda _m, chosen=chosen: next(chosen), route.route))
    return urls


def all_urls(values: dict[str, list[str]]) -> tuple[list[str], list[str], int]:
    routes, refused = walk(get_resolver().url_patterns)
    urls = []
    for route in routes:
        try:
            urls += fill(route, values)
        except KeyError as exc:
            refused.append(f"{route.name}: no value for the parameter {exc}")
    return urls, refused, len(routes)


# --- bodies -----------------------------------------------------------------------------------------


def body_text(response) -> str:
    """What a person could read in the response: HTML/JSON/CSV as text, XLSX unzipped, PDF's text layer."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [raw.decode("utf-8", "replace"), str(dict(response.headers))]
    if raw.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    if raw.startswith(b"%PDF"):
        import pypdfium2

        document = pypdfium2.PdfDocument(raw)
        parts += [page.get_textpage().get_text_range() for page in document]
    return "\n".join(parts)


def leaks(client: Client, urls: list[str]) -> tuple[list[str], int]:
    """The URLs whose response shows the marker, and how many requests were made."""
    found, count = [], 0
    for url in urls:
        response = client.get(url)
        count += 1
        if MARKER in body_text(response):
            found.append(f"{url} ({response.status_code})")
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for query in QUERY_VARIANTS:
                count += 1
                variant = client.get(url + query)
                if MARKER in body_text(variant):
                    found.append(f"{url}{query} ({variant.status_code})")
    return found, count


# --- the tests --------------------------------------------------------------------------------------


class TestTheWorld(OnSharedRows):
    """The world is made once for the class (it costs more than a test's requests, except the two that walk every
    URL); every test's changes are rolled back after it."""

    build = staticmethod(build_world)

    @pytest.fixture
    def world(self, db, shared) -> World:
        return World(Strategy.objects.get(pk=shared["draft"]), Strategy.objects.get(pk=shared["published"]),
                     copy.deepcopy(shared["values"]))

    def test_every_url_pattern_can_be_filled(self, world):
        urls, refused, routes = all_urls(world.values)
        assert not refused, (
            "URL patterns this test cannot fill (add a value to the world fixture, or to ALLOWED_UNFILLED with a "
            "reason): " + "; ".join(refused)
        )
        assert routes >= 45 and len(urls) > routes

    def test_the_marker_is_there_for_the_drafts_own_editor(self, world, alice):
        """The check works: the owner sees the marker in HTML, JSON, CSV, XLSX and PDF."""
        client = Client()
        client.force_login(alice)
        draft = world.draft.pk
        for url in (
            f"/strategier/{draft}/gjennomgang/",
            f"/strategier/{draft}/strategi.json",
            f"/strategier/{draft}/handlingsplan/2024/eksport.csv",
            f"/strategier/{draft}/handlingsplan/2024/eksport.xlsx",
            f"/strategier/{draft}/handlingsplan/2024/arsrapport.pdf",
            "/indikatorer/laerlinger/",
            f"/sok/?q={MARKER.lower()}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert MARKER in body_text(response), url

    @pytest.mark.parametrize("who", ["anonymous", "charlie"])
    def test_no_response_shows_a_draft_to_others(self, world, who, request):
        client = Client()
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        urls, refused, routes = all_urls(world.values)
        found, count = leaks(client, urls)
        assert not found, f"{who} sees the draft's marker in: " + ", ".join(found)
        assert count >= len(urls) > routes  # every filled URL was requested

    @pytest.mark.parametrize("who", ["anonymous", "charlie"])
    def test_the_admin_is_closed_to_everyone_but_staff(self, world, who, request):
        client = Client()
        if who != "anonymous":
            client.force_login(request.getfixturevalue(who))
        for url in ("/admin/", f"/admin/strategies/strategy/{world.draft.pk}/change/", "/admin/strategies/item/"):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
            assert MARKER not in body_text(response)
