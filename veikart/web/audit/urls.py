"""The history of a strategy (bokmål URLs, beside the strategy's own)."""

from django.urls import path

from veikart.web.audit import views

urlpatterns = [
    path("strategier/<int:strategy_id>/historikk/", views.history, name="history"),
    path("strategier/<int:strategy_id>/historikk/gjenopprett/", views.restore, name="restore"),
]
