from django.urls import path

from veikart.web.notify import views

app_name = "notify"

urlpatterns = [
    path("min-side/varsler/", views.notification_settings, name="settings"),
]
