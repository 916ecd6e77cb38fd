"""URLs in bokmål: /organisasjoner/<slug>/, /strategier/<id>-<slug>/ …"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from veikart.web.api.api import api
from veikart.web.health import healthz
from veikart.web.language import choose_language

urlpatterns = [
    path("", include("veikart.web.strategies.urls")),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail: Django's own views and token (valid PASSWORD_RESET_TIMEOUT), our templates.
    path("passord/glemt/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("passord/glemt/sendt/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("passord/nytt/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("passord/nytt/ferdig/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("sprak/", choose_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("veikart.web.audit.urls")),
    path("", include("veikart.web.planning.urls")),
    path("", include("veikart.web.people.urls")),
    path("", include("veikart.web.notify.urls")),
    path("", include("veikart.web.sso.urls")),
    path("", include("veikart.web.search.urls")),
    path("", include("veikart.web.compare.urls")),
    path("", include("veikart.web.sdgtags.urls")),
]
