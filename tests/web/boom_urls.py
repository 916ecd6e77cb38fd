"""A URL whose view fails, for the test that server errors are logged (tests/web/test_defence_in_depth.py)."""

from django.urls import path


def boom(request):
    raise RuntimeError("boom in a view")


urlpatterns = [path("boom/", boom)]
