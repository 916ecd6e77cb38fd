"""The period comparison and plan alignment pages (bokmål URLs)."""

from django.urls import path

from veikart.web.compare import views

urlpatterns = [
    path("sammenlign/", views.compare_page, name="compare"),
    path("samsvar/", views.alignment_page, name="alignment"),
]
