"""Log in through a real OpenID provider: the code flow end to end, and its claims mapped to memberships."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth.models import User
from django.urls import reverse

from tests.sso.conftest import PASSWORD
from veikart.web.orgs.models import Membership
from veikart.web.people.models import MembershipChange
from veikart.web.sso.models import SsoIdentity


def sso_login(client, provider: str, username: str, next_url: str = "/min-side/"):
    """Veikart → provider (log in there) → back to Veikart's callback; Veikart's answer to the callback."""
    start = client.get(reverse("oidc_authentication_init") + f"?next={next_url}")
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(provider + "/o/authorize/")
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["redirect_uri"] == ["http://testserver/sso/svar/"]

    browser = requests.Session()
    to_login = browser.get(authorize, allow_redirects=False)
    assert to_login.status_code == 302 and "/login/" in to_login.headers["Location"]
    login_next = parse_qs(urlsplit(to_login.headers["Location"]).query)["next"][0]
    logged_in = browser.post(provider + "/login/", data={"username": username, "password": PASSWORD,
                                                         "next": login_next}, allow_redirects=False)
    assert logged_in.status_code == 302
    back = browser.get(provider + logged_in.headers["Location"], allow_redirects=False)
    assert back.status_code == 302, back.text[:500]
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("oidc_authentication_callback")
    return client.get(f"{callback.path}?{callback.query}")


def test_a_new_person_gets_an_account_and_the_membership_the_claim_names(client, sso, provider, oslo):
    response = sso_login(client, provider, "siri")
    assert response.status_code == 302 and response["Location"] == "/min-side/"
    siri = User.objects.get(email="siri@oslo.kommune.no")
    assert (siri.username, siri.first_name, siri.last_name) == ("siri", "Siri", "Hansen")
    assert not siri.has_usable_password()  # always through the provider
    assert Membership.objects.get(user=siri).organisation == oslo
    assert Membership.objects.get(user=siri).role == Membership.Role.VIEWER
    identity = SsoIdentity.objects.get(user=siri)
    assert identity.issuer.startswith(provider) and identity.subject
    change = MembershipChange.objects.get()
    assert (change.action, change.person, change.organisation) == (MembershipChange.Action.SSO_JOIN, siri, oslo)
    assert client.get(reverse("my_page")).context["user"] == siri


def test_the_next_login_finds_the_same_account_and_keeps_the_role_an_admin_set(client, sso, provider, oslo):
    sso_login(client, provider, "siri")
    siri = User.objects.get(username="siri")
    Membership.objects.filter(user=siri).update(role=Membership.Role.EDITOR)
    client.logout()
    assert sso_login(client, provider, "siri").status_code == 302
    assert User.objects.filter(email="siri@oslo.kommune.no").count() == 1
    assert Membership.objects.get(user=siri).role == Membership.Role.EDITOR
    assert MembershipChange.objects.count() == 1


def test_a_list_of_numbers_gives_each_organisation(client, sso, provider, oslo, drammen):
    sso_login(client, provider, "tor")
    tor = User.objects.get(username="tor")
    assert sorted(Membership.objects.filter(user=tor).values_list("organisation__slug", flat=True)) == [
        "drammen", "oslo"]


def test_an_unknown_number_gives_an_account_without_organisation(client, sso, provider, oslo):
    assert sso_login(client, provider, "uno").status_code == 302
    assert not Membership.objects.filter(user__username="uno").exists()


def test_a_verified_email_links_the_existing_account(client, sso, provider, olga, oslo):
    """olga has a password account in Veikart; the provider vouches for the same address: same account."""
    sso_login(client, provider, "olga")
    assert User.objects.filter(username__startswith="olga").count() == 1
    assert SsoIdentity.objects.get().user == olga
    assert Membership.objects.get(user=olga).role == Membership.Role.ADMIN


def test_a_deactivated_person_stays_out(client, sso, provider, oslo):
    sso_login(client, provider, "siri")
    User.objects.filter(username="siri").update(is_active=False)
    client.logout()
    response = sso_login(client, provider, "siri")
    assert response.status_code == 302 and response["Location"] == "/logg-inn/?sso=feil"
    assert client.get(reverse("my_page")).status_code == 302  # not logged in


def test_a_forged_callback_is_refused(client, sso, provider, oslo):
    client.get(reverse("oidc_authentication_init"))
    response = client.get(reverse("oidc_authentication_callback") + "?code=made-up&state=made-up")
    assert response.status_code == 400  # state not in the session: SuspiciousOperation
    assert not SsoIdentity.objects.exists() and not User.objects.exists()


def test_the_login_page_offers_sso_only_when_it_is_on(client, db, settings):
    assert "sso/logg-inn" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    settings.VEIKART_OIDC_ENABLED = True
    settings.VEIKART_OIDC_LABEL = "Logg inn med Feide"
    page = client.get(reverse("login") + "?next=/min-side/").content.decode()
    assert "Logg inn med Feide" in page and "/sso/logg-inn/?next=/min-side/" in page


@pytest.mark.parametrize("missing", ["VEIKART_OIDC_CLIENT_ID", "VEIKART_OIDC_JWKS_ENDPOINT"])
def test_turning_sso_on_without_its_settings_stops_with_a_clear_line(missing, tmp_path):
    env = {"VEIKART_SECRET_KEY": "test", "VEIKART_DATA_DIR": str(tmp_path),
           "VEIKART_OIDC_ENABLED": "1", "VEIKART_OIDC_CLIENT_ID": "x", "VEIKART_OIDC_CLIENT_SECRET": "y",
           "VEIKART_OIDC_AUTHORIZATION_ENDPOINT": "https://idp/a", "VEIKART_OIDC_TOKEN_ENDPOINT": "https://idp/t",
           "VEIKART_OIDC_USERINFO_ENDPOINT": "https://idp/u", "VEIKART_OIDC_JWKS_ENDPOINT": "https://idp/j"}
    del env[missing]
    result = subprocess.run([sys.executable, "-c", "import veikart.web.settings"], env={**os.environ, **env},
                            capture_output=True, text=True)
    assert result.returncode != 0 and f"needs {missing}" in result.stderr
