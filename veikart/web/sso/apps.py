from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Single sign-on"
    name = "veikart.web.sso"
    label = "sso"
    default_auto_field = "django.db.models.BigAutoField"
