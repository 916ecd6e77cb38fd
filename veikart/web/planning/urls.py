"""Action plans, measures, indicators and reports (bokmål URLs)."""

from django.urls import path

from veikart.web.planning import indicator_views, period_views, views

app_name = "planning"

PLAN = "strategier/<int:strategy_id>/handlingsplan/<int:year>/"

urlpatterns = [
    path("strategier/<int:strategy_id>/handlingsplaner/", views.plans, name="plans"),
    path("strategier/<int:strategy_id>/handlingsplaner/endringer/", views.plan_changes, name="changes"),
    path(PLAN, views.dashboard, name="dashboard"),
    path(PLAN + "endre/", views.plan_edit, name="plan_edit"),
    path(PLAN + "status/", views.measures_by_status, name="by_status"),
    path(PLAN + "forsinket/", views.overdue_measures, name="overdue"),
    path(PLAN + "tiltak/nytt/", views.measure_new, name="measure_new"),
    path(PLAN + "videreforing/", views.carry_over, name="carry_over"),
    path(PLAN + "arsrapport/", views.annual_report, name="report"),
    path(PLAN + "arsrapport.pdf", views.annual_report_pdf, name="report_pdf"),
    path(PLAN + "arsrapport.docx", views.annual_report_docx, name="report_docx"),
    path(PLAN + "eksport.<str:fmt>", views.plan_export, name="plan_export"),
    path(PLAN + "importer/", views.plan_import_view, name="plan_import"),
    path(PLAN + "rapportering/", period_views.periods_index, name="periods"),
    path(PLAN + "rapportering/<int:number>/", period_views.period, name="period"),
    path("tiltak/<int:measure_id>/", views.measure, name="measure"),
    path("tiltak/<int:measure_id>/endre/", views.measure_edit, name="measure_edit"),
    path("tiltak/<int:measure_id>/status/", views.status_update, name="status_update"),
    path("indikatorer/", views.indicators, name="indicators"),
    path("indikatorer/ny/", indicator_views.indicator_new, name="indicator_new"),
    path("indikatorer/importer/", views.value_upload, name="value_upload"),
    path("indikatorer/importer/<int:import_id>/", views.value_import, name="value_import"),
    path("indikatorer/importer/<int:import_id>/status/", views.value_import_status, name="value_import_status"),
    path("indikatorer/importer/<int:import_id>/avbryt/", views.value_import_action, {"action": "cancel"},
         name="value_import_cancel"),
    path("indikatorer/importer/<int:import_id>/prov-igjen/", views.value_import_action, {"action": "retry"},
         name="value_import_retry"),
    path("indikatorer/<slug:key>/", views.indicator, name="indicator"),
    path("indikatorer/<slug:key>/endre/", indicator_views.indicator_edit_view, name="indicator_edit"),
    path("indikatorer/<slug:key>/verdier.<str:fmt>", views.indicator_export, name="indicator_export"),
]
