"""Member pages: list, invite, change role, deactivate; accept an invitation; KS's view of the sector."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veikart.web.orgs.models import Membership, Organisation
from veikart.web.people import services
from veikart.web.people.access import can_manage_members, get_organisation_for_members, is_sector_staff
from veikart.web.people.forms import InviteForm, NewAccountForm, RoleForm
from veikart.web.people.models import Invitation, MembershipChange

User = get_user_model()
# The backend a freshly made account is logged in with (axes's backend only refuses locked-out logins).
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _members_context(request: HttpRequest, organisation: Organisation, invite_form: InviteForm | None = None) -> dict:
    managing = can_manage_members(request.user, organisation)
    memberships = (Membership.objects.filter(organisation=organisation).select_related("user")
                   .order_by("user__username"))
    return {
        "organisation": organisation,
        "memberships": memberships,
        "can_manage": managing,
        "roles": Membership.Role.choices,
        "invite_form": invite_form or InviteForm(),
        "invitations": Invitation.objects.filter(organisation=organisation, accepted_at=None, revoked_at=None),
        "changes": MembershipChange.objects.filter(organisation=organisation).select_related("person", "actor")[:50],
    }


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_members(request, slug, "view")
    return render(request, "people/members.html", _members_context(request, organisation))


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for_members(request, slug, "manage")
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(
                organisation, form.cleaned_data["email"], form.cleaned_data["role"], request.user,
                lambda token: request.build_absolute_uri(reverse("people:accept", args=[token])),
            )
        except services.MembershipError as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(request, _("Invitasjonen er sendt til %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("people:members", organisation.slug)
    return render(request, "people/members.html", _members_context(request, organisation, form), status=400)


def _membership(organisation: Organisation, membership_id: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), pk=membership_id, organisation=organisation)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = get_organisation_for_members(request, slug, "manage")
    membership = _membership(organisation, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ukjent rolle."))
    else:
        try:
            services.change_role(membership, form.cleaned_data["role"], request.user)
        except services.MembershipError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Rollen til %(name)s er endret.") % {"name": membership.user.get_username()})
    return redirect("people:members", organisation.slug)


@login_required
@require_POST
def deactivate(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = get_organisation_for_members(request, slug, "manage")
    membership = _membership(organisation, membership_id)
    try:
        services.deactivate(membership, request.user)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s har ikke lenger tilgang til %(org)s.")
                         % {"name": membership.user.get_username(), "org": organisation.name})
    return redirect("people:members", organisation.slug)


@login_required
@require_POST
def revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    organisation = get_organisation_for_members(request, slug, "manage")
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    try:
        services.revoke(invitation, request.user)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Invitasjonen til %(email)s er trukket tilbake.") % {"email": invitation.email})
    return redirect("people:members", organisation.slug)


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: a new person makes an account, a known one logs in (if needed) and accepts."""
    try:
        invitation = services.invitation_from_token(token)
    except services.TokenProblem as problem:
        return render(request, "people/invitation_invalid.html", {"reason": problem.reason}, status=410)
    known = User.objects.filter(email__iexact=invitation.email).order_by("-is_active", "pk")
    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email.lower() != invitation.email.lower():
        context = {"invitation": invitation, "wrong_user": True}
        return render(request, "people/invitation.html", context, status=403)
    data = request.POST if request.method == "POST" else None
    existing = user or known.filter(is_active=True).first()
    inactive = None if existing else known.first()
    if existing is not None:
        form = None  # an active account: log in as it, then accept
        if request.method == "POST" and user is not None:
            return _accepted(request, invitation, user)
    elif inactive is not None:
        form = SetPasswordForm(inactive, data)  # a deactivated account comes back with a new password
        if request.method == "POST" and form.is_valid():
            return _accepted(request, invitation, form.save())
    else:
        form = NewAccountForm(data, email=invitation.email)
        if request.method == "POST" and form.is_valid():
            return _accepted(request, invitation, form.save())
    context = {"invitation": invitation, "form": form, "existing": existing, "signed_in": user is not None}
    return render(request, "people/invitation.html", context, status=400 if request.method == "POST" else 200)


def _accepted(request: HttpRequest, invitation: Invitation, user) -> HttpResponse:
    try:
        services.accept(invitation, user)
    except services.MembershipError as exc:
        return render(request, "people/invitation_invalid.html", {"reason": "used", "message": str(exc)},
                      status=410)
    if not request.user.is_authenticated:
        login(request, user, backend=MODEL_BACKEND)
    messages.success(request, _("Velkommen! Du er nå %(role)s i %(org)s.")
                     % {"role": invitation.get_role_display().lower(), "org": invitation.organisation.name})
    return redirect("my_page")


@login_required
def sector(request: HttpRequest) -> HttpResponse:
    """Every organisation with its members by role: for KS (and staff) only."""
    if not is_sector_staff(request.user):
        raise PermissionDenied
    organisations = Organisation.objects.annotate(
        admins=Count("memberships", filter=Q(memberships__role=Membership.Role.ADMIN)),
        editors=Count("memberships", filter=Q(memberships__role=Membership.Role.EDITOR)),
        viewers=Count("memberships", filter=Q(memberships__role=Membership.Role.VIEWER)),
    ).order_by("kind", "name")
    return render(request, "people/sector.html", {"organisations": organisations})
