"""Member pages (bokmål URLs): /organisasjoner/<slug>/medlemmer/ …, /invitasjon/<token>/, /sektor/."""

from django.urls import path

from veikart.web.people import views

app_name = "people"
MEMBERS = "organisasjoner/<slug:slug>/medlemmer/"

urlpatterns = [
    path(MEMBERS, views.members, name="members"),
    path(MEMBERS + "inviter/", views.invite, name="invite"),
    path(MEMBERS + "<int:membership_id>/rolle/", views.change_role, name="change_role"),
    path(MEMBERS + "<int:membership_id>/deaktiver/", views.deactivate, name="deactivate"),
    path(MEMBERS + "invitasjoner/<int:invitation_id>/trekk-tilbake/", views.revoke, name="revoke"),
    path("invitasjon/<str:token>/", views.accept, name="accept"),
    path("sektor/", views.sector, name="sector"),
]
