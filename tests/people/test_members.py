"""Member pages: who may see and change them, and what each change writes (membership, account, audit row)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import person
from veikart.web.orgs.models import Membership
from veikart.web.people.models import Invitation, MembershipChange

Action = MembershipChange.Action


def _login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.fixture
def everyone(olga, otto, dina, kari):
    return {"anonymous": None, "olga": olga, "otto": otto, "dina": dina, "kari": kari}


# Oslo's member page: its admin manages it, KS sees it, Oslo's editor and Drammen's admin do not.
MEMBERS_PAGE = {"anonymous": 302, "olga": 200, "otto": 403, "dina": 403, "kari": 200}


@pytest.mark.parametrize("who", sorted(MEMBERS_PAGE))
def test_the_member_page_answers_each_person_as_expected(client, everyone, oslo, who):
    _login(client, everyone[who])
    response = client.get(reverse("people:members", args=[oslo.slug]))
    assert response.status_code == MEMBERS_PAGE[who]
    if response.status_code == 200:
        assert b"otto@example.org" in response.content
        # Only the admin gets the forms that change anything.
        assert (b"Send invitasjon" in response.content) == (who == "olga")


@pytest.mark.parametrize("who", ["anonymous", "otto", "dina", "kari"])
def test_only_the_admin_may_invite_change_or_deactivate(client, everyone, oslo, otto, who):
    _login(client, everyone[who])
    membership = Membership.objects.get(user=otto, organisation=oslo)
    posts = [
        (reverse("people:invite", args=[oslo.slug]), {"email": "ny@example.org", "role": "editor"}),
        (reverse("people:change_role", args=[oslo.slug, membership.pk]), {"role": "admin"}),
        (reverse("people:deactivate", args=[oslo.slug, membership.pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403), url
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR
    assert not Invitation.objects.exists()
    assert not MembershipChange.objects.exists()
    assert not mail.outbox


def test_an_admin_cannot_reach_another_organisations_membership_through_her_own(client, olga, dina, drammen, oslo):
    client.force_login(olga)
    theirs = Membership.objects.get(user=dina, organisation=drammen)
    response = client.post(reverse("people:change_role", args=[oslo.slug, theirs.pk]), {"role": "viewer"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == Membership.Role.ADMIN


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_invitation_makes_an_account_with_the_invitees_own_password(client, olga, oslo):
    client.force_login(olga)
    response = client.post(reverse("people:invite", args=[oslo.slug]), {"email": "Nina@Example.org", "role": "editor"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["Nina@Example.org"]
    assert "Oslo kommune" in message.subject
    link = _link(message)
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert b"Nina@Example.org" in page.content
    response = client.post(link, {"username": "nina", "password1": "Sommer-i-Oslo-2026",
                                  "password2": "Sommer-i-Oslo-2026"})
    assert response.status_code == 302 and response["Location"] == reverse("my_page")
    nina = User.objects.get(username="nina")
    assert nina.email.lower() == "nina@example.org" and nina.check_password("Sommer-i-Oslo-2026")
    assert Membership.objects.get(user=nina, organisation=oslo).role == Membership.Role.EDITOR
    assert client.get(reverse("my_page")).context["user"] == nina  # logged in
    actions = list(MembershipChange.objects.order_by("pk").values_list("action", "actor__username", "email"))
    assert actions == [(Action.INVITE, "olga", "Nina@Example.org"), (Action.JOIN, "nina", "Nina@Example.org")]

    client.logout()
    again = client.get(link)
    assert again.status_code == 410  # once only


def test_a_weak_password_is_refused_and_nothing_is_written(client, olga, oslo):
    client.force_login(olga)
    client.post(reverse("people:invite", args=[oslo.slug]), {"email": "per@example.org", "role": "viewer"})
    client.logout()
    response = client.post(_link(mail.outbox[0]), {"username": "per", "password1": "123", "password2": "123"})
    assert response.status_code == 400
    assert not User.objects.filter(username="per").exists()
    assert Invitation.objects.get().is_open


def test_an_expired_or_forged_link_is_refused(client, olga, oslo, monkeypatch, settings):
    client.force_login(olga)
    client.post(reverse("people:invite", args=[oslo.slug]), {"email": "per@example.org", "role": "viewer"})
    link = _link(mail.outbox[0])
    client.logout()
    assert client.get(link[:-3] + "abc/").status_code == 410  # signature broken

    import django.core.signing as signing

    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + (settings.VEIKART_INVITATION_DAYS + 1) * 86400)
    response = client.get(link)
    assert response.status_code == 410
    assert "for gammel" in response.content.decode()


def test_a_known_person_logs_in_and_accepts(client, olga, oslo, dina):
    client.force_login(olga)
    client.post(reverse("people:invite", args=[oslo.slug]), {"email": "dina@example.org", "role": "viewer"})
    link = _link(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert b"Logg inn for" in page.content  # no new account for a known address
    assert client.post(link).status_code == 400  # not signed in: nothing accepted
    assert not Membership.objects.filter(user=dina, organisation=oslo).exists()

    client.force_login(olga)  # the wrong person
    assert client.post(link).status_code == 403
    client.force_login(dina)
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=dina, organisation=oslo).role == Membership.Role.VIEWER


def test_inviting_a_member_again_is_refused(client, olga, otto, oslo):
    client.force_login(olga)
    response = client.post(reverse("people:invite", args=[oslo.slug]), {"email": "otto@example.org", "role": "admin"})
    assert response.status_code == 400
    assert "allerede medlem" in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_changing_a_role_is_recorded(client, olga, otto, oslo):
    client.force_login(olga)
    membership = Membership.objects.get(user=otto, organisation=oslo)
    assert client.post(reverse("people:change_role", args=[oslo.slug, membership.pk]), {"role": "admin"}).status_code \
        == 302
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN
    change = MembershipChange.objects.get()
    assert (change.action, change.person, change.actor) == (Action.CHANGE_ROLE, otto, olga)
    assert (change.before, change.after) == ({"role": "editor"}, {"role": "admin"})
    page = client.get(reverse("people:members", args=[oslo.slug])).content.decode()
    assert "Endret rolle – otto (Redaktør → Administrator), av olga" in page


def test_the_last_admin_stays(client, olga, oslo):
    client.force_login(olga)
    mine = Membership.objects.get(user=olga, organisation=oslo)
    client.post(reverse("people:change_role", args=[oslo.slug, mine.pk]), {"role": "viewer"})
    client.post(reverse("people:deactivate", args=[oslo.slug, mine.pk]))
    mine.refresh_from_db()
    assert mine.role == Membership.Role.ADMIN
    assert not MembershipChange.objects.exists()
    page = client.get(reverse("people:members", args=[oslo.slug]))
    assert "minst én administrator" in page.content.decode()


def test_deactivating_ends_access_and_an_invitation_brings_it_back(client, olga, otto, oslo, drammen):
    keeps = person("kim", oslo, Membership.Role.EDITOR)
    Membership.objects.create(user=keeps, organisation=drammen, role=Membership.Role.VIEWER)
    client.force_login(olga)
    for user in (otto, keeps):
        membership = Membership.objects.get(user=user, organisation=oslo)
        assert client.post(reverse("people:deactivate", args=[oslo.slug, membership.pk])).status_code == 302
    otto.refresh_from_db()
    keeps.refresh_from_db()
    assert not Membership.objects.filter(organisation=oslo, user__in=[otto, keeps]).exists()
    assert not otto.is_active  # no organisation left: cannot log in
    assert keeps.is_active  # still in Drammen
    assert MembershipChange.objects.filter(action=Action.DEACTIVATE).count() == 2

    client.post(reverse("people:invite", args=[oslo.slug]), {"email": "otto@example.org", "role": "viewer"})
    client.logout()
    link = _link(mail.outbox[0])
    response = client.post(link, {"new_password1": "Ny-start-i-2027!", "new_password2": "Ny-start-i-2027!"})
    assert response.status_code == 302
    otto.refresh_from_db()
    assert otto.is_active and otto.check_password("Ny-start-i-2027!")
    assert Membership.objects.get(user=otto, organisation=oslo).role == Membership.Role.VIEWER


def test_revoking_an_invitation_kills_its_link(client, olga, oslo):
    client.force_login(olga)
    client.post(reverse("people:invite", args=[oslo.slug]), {"email": "per@example.org", "role": "viewer"})
    invitation = Invitation.objects.get()
    assert client.post(reverse("people:revoke", args=[oslo.slug, invitation.pk])).status_code == 302
    client.logout()
    assert client.get(_link(mail.outbox[0])).status_code == 410
    assert list(MembershipChange.objects.order_by("pk").values_list("action", flat=True)) == [
        Action.INVITE, Action.REVOKE]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("olga", 403), ("otto", 403), ("kari", 200)])
def test_ks_sees_the_whole_sector(client, everyone, drammen, who, status):
    _login(client, everyone[who])
    response = client.get(reverse("people:sector"))
    assert response.status_code == status
    if status == 200:
        assert "Drammen kommune" in response.content.decode()


def test_my_page_links_to_the_member_pages(client, olga, kari, otto):
    client.force_login(olga)
    assert reverse("people:members", args=["oslo"]) in client.get(reverse("my_page")).content.decode()
    client.force_login(otto)
    assert reverse("people:members", args=["oslo"]) not in client.get(reverse("my_page")).content.decode()
    client.force_login(kari)
    assert reverse("people:sector") in client.get(reverse("my_page")).content.decode()


def test_password_reset_by_email(client, otto):
    response = client.post(reverse("password_reset"), {"email": "otto@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    link = _link(message)
    response = client.get(link)  # Django moves the token into the session, then asks for the password
    assert response.status_code == 302
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_password1": "Vinter-i-Oslo-2026", "new_password2": "Vinter-i-Oslo-2026"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    otto.refresh_from_db()
    assert otto.check_password("Vinter-i-Oslo-2026")
    assert client.get(link).context["validlink"] is False  # used once


def test_login_page_offers_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_the_member_pages_speak_english_when_chosen(client, olga, oslo):
    client.force_login(olga)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("people:members", args=[oslo.slug])).content.decode()
    assert "Members of Oslo kommune" in body and "Invite a person" in body and "Administrator" in body
    assert "Inviter en person" not in body
    body = client.get(reverse("notify:settings")).content.decode()
    assert "Reminders about measures with a deadline" in body
    assert "Forgot your password?" in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize(("who", "shown"), [("anonymous", False), ("otto", False), ("olga", True), ("kari", True)])
def test_the_organisation_page_links_to_its_members_for_those_who_may_see_them(client, everyone, oslo, who, shown):
    _login(client, everyone[who])
    body = client.get(oslo.get_absolute_url()).content.decode()
    assert (reverse("people:members", args=[oslo.slug]) in body) == shown


def test_a_deactivated_person_is_signed_out_of_an_open_session(client, olga, otto, oslo):
    theirs = Client()
    theirs.force_login(otto)
    assert theirs.get(reverse("my_page")).status_code == 200
    client.force_login(olga)
    client.post(reverse("people:deactivate", args=[oslo.slug, Membership.objects.get(user=otto).pk]))
    response = theirs.get(reverse("my_page"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_staff_manage_any_organisation(client, admin_user, otto, oslo):
    client.force_login(admin_user)
    membership = Membership.objects.get(user=otto)
    client.post(reverse("people:change_role", args=[oslo.slug, membership.pk]), {"role": "admin"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN
    assert MembershipChange.objects.get().actor == admin_user


def test_a_ks_admin_invites_a_new_municipalitys_first_admin(client, ks, drammen):
    """Onboarding without the Django admin: Drammen has nobody yet; KS's admin invites its first admin."""
    ks_admin = person("kåre", ks, Membership.Role.ADMIN)
    client.force_login(ks_admin)
    assert "Send invitasjon" in client.get(reverse("people:members", args=[drammen.slug])).content.decode()
    response = client.post(reverse("people:invite", args=[drammen.slug]), {"email": "leder@drammen.kommune.no",
                                                                            "role": "admin"})
    assert response.status_code == 302
    client.logout()
    client.post(_link(mail.outbox[0]), {"username": "leder", "password1": "Drammen-elva-2026",
                                        "password2": "Drammen-elva-2026"})
    assert Membership.objects.get(organisation=drammen).role == Membership.Role.ADMIN


def test_a_new_invitation_replaces_the_open_one(client, olga, oslo):
    client.force_login(olga)
    for role in ("viewer", "editor"):
        client.post(reverse("people:invite", args=[oslo.slug]), {"email": "per@example.org", "role": role})
    first, second = (_link(message) for message in mail.outbox)
    client.logout()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert Invitation.objects.filter(revoked_at=None).get().role == "editor"
