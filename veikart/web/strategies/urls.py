"""The strategies' pages (bokmål URLs): front page, organisations, strategies, review, upload, import jobs."""

from django.urls import path

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
    path("last-opp/", uploads.upload, name="upload"),
    path("importer/<int:job_id>/", uploads.import_job, name="import_job"),
    path("importer/<int:job_id>/avbryt/", uploads.import_job_action, {"action": "cancel"}, name="import_job_cancel"),
    path("importer/<int:job_id>/prov-igjen/", uploads.import_job_action, {"action": "retry"}, name="import_job_retry"),
    path("importer/<int:job_id>/status.json", uploads.import_job_status, name="import_job_status"),
    path("min-side/", browse.my_page, name="my_page"),
]
