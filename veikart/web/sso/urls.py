from django.urls import path

from veikart.web.sso import views

# The names are mozilla-django-oidc's (its views reverse them).
urlpatterns = [
    path("sso/logg-inn/", views.start, name="oidc_authentication_init"),
    path("sso/svar/", views.callback, name="oidc_authentication_callback"),
]
