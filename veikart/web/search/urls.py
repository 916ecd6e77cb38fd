"""Search and similar items pages (bokmål URLs)."""

from django.urls import path

from veikart.web.search import views

urlpatterns = [
    path("sok/", views.search_page, name="search"),
    path("sok/lignende/strategi/<int:strategy_id>/", views.similar_plans, name="similar_plans"),
    path("sok/lignende/mal/<int:item_id>/", views.similar_goals, name="similar_goals"),
]
