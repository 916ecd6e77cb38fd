"""URLs in bokmål: /organisasjoner/<slug>/, /strategier/<id>-<slug>/ …"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from veikart.web.api.api import api
from veikart.web.health import healthz
from veikart.web.language import choose_language
from veikart.web.strategies import browse, review, uploads

urlpatterns = [
    path("", browse.front, name="front"),
    path("organisasjoner/<slug:slug>/", browse.organisation, name="organisation"),
    path("strategier/<int:strategy_id>-<slug:slug>/", browse.strategy, name="strategy"),
    path("strategier/<int:strategy_id>/", browse.strategy, name="strategy_short"),
    path("strategier/<int:strategy_id>/strategi.json", browse.strategy_json, name="strategy_json"),
    path("strategier/<int:strategy_id>/kildedokument/", browse.source_document, name="source_document"),
    path("strategier/<int:strategy_id>/gjennomgang/", review.review, name="review"),
    path("strategier/<int:strategy_id>/gjennomgang/endre/", review.edit, name="edit"),
    path("strategier/<int:strategy_id>/publiser/", review.publish, name="publish"),
    path("strategier/<int:strategy_id>/arkiver/", review.archive, name="archive"),
    path("strategier/<int:strategy_id>/historikk/", review.history, name="history"),
    path("strategier/<int:strategy_id>/historikk/gjenopprett/", review.restore, name="restore"),
    path("last-opp/", uploads.upload, name="upload"),
    path("importer/<int:job_id>/", uploads.import_job, name="import_job"),
    path("importer/<int:job_id>/avbryt/", uploads.import_job_action, {"action": "cancel"}, name="import_job_cancel"),
    path("importer/<int:job_id>/prov-igjen/", uploads.import_job_action, {"action": "retry"}, name="import_job_retry"),
    path("importer/<int:job_id>/status.json", uploads.import_job_status, name="import_job_status"),
    path("min-side/", browse.my_page, name="my_page"),
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
    path("", include("veikart.web.planning.urls")),
    path("", include("veikart.web.people.urls")),
    path("", include("veikart.web.notify.urls")),
    path("", include("veikart.web.sso.urls")),
    path("", include("veikart.web.search.urls")),
    path("", include("veikart.web.sdgtags.urls")),
]
