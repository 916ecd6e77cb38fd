from django.apps import AppConfig


class Config(AppConfig):
    verbose_name = "Sammenligning og samsvar"
    name = "veikart.web.compare"
    label = "compare"
    default_auto_field = "django.db.models.BigAutoField"
